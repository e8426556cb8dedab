package io.yieldpoint.examples.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A blocking HTTP/1.1 client for the tests, one call per step, so that a test can read a streamed
 * answer chunk by chunk, stop in the middle, or leave.
 */
final class QuoteClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    QuoteClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(30_000); // a safety net only: every read expects data or the end
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends {@code request} as it is. */
    void send(String request) throws IOException {
        out.write(request.getBytes(US_ASCII));
        out.flush();
    }

    /** Sends a GET of {@code path}. */
    void get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    /** The status line and the headers (names in lower case) of the next answer. */
    Map<String, String> head() throws IOException {
        Map<String, String> head = new LinkedHashMap<>();
        head.put("status", line());
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            head.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return head;
    }

    /** The next chunk's text, without its last newline; null for the last chunk (which is read to its end). */
    @Nullable String chunk() throws IOException {
        int size = Integer.parseInt(line(), 16);
        if (size == 0) {
            line(); // the empty line that ends the chunked body (no trailers)
            return null;
        }
        byte[] text = in.readNBytes(size);
        line(); // the CRLF after the data
        String s = new String(text, UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** The rest of a chunked body, one entry a chunk. */
    List<String> chunks() throws IOException {
        List<String> chunks = new ArrayList<>();
        for (String c = chunk(); c != null; c = chunk()) {
            chunks.add(c);
        }
        return chunks;
    }

    /** The body of Content-Length bytes that {@code head} announced. */
    String body(Map<String, String> head) throws IOException {
        return new String(in.readNBytes(Integer.parseInt(head.get("content-length"))), UTF_8);
    }

    /** Everything until the server closes the connection. */
    String rest() throws IOException {
        return new String(in.readAllBytes(), UTF_8);
    }

    /** A line without its CRLF; fails at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended in a line: " + line.toString(US_ASCII));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
