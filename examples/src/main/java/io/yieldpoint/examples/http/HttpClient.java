package io.yieldpoint.examples.http;

import static io.yieldpoint.Co.*;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.ByteStream;
import io.yieldpoint.runtime.net.TcpStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small HTTP/1.1 client as coroutines: kept-alive sessions, many at once on one thread; over plain
 * TCP, or over TLS with {@link Transport#tlsClient}.
 */
public interface HttpClient {

    /**
     * Opens one connection and sends the GETs one after the other on it (keep-alive); then ends its
     * data (close_notify over TLS) and closes.
     */
    @Coroutine
    default Task<List<ClientResponse>> session(InetSocketAddress server, Transport transport, List<String> paths) {
        ByteStream stream = await(connect(server, transport));
        try {
            BufferedLineReader in = new BufferedLineReader(stream);
            List<ClientResponse> responses = new ArrayList<>();
            for (String path : paths) {
                ByteBuffer request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(US_ASCII));
                await(stream.write(request));
                responses.add(await(readResponse(in)));
            }
            await(stream.shutdownOutput());
            return done(responses);
        } finally {
            stream.close();
        }
    }

    /** {@link #session(InetSocketAddress, Transport, List)} over plain TCP. */
    default Task<List<ClientResponse>> session(InetSocketAddress server, List<String> paths) {
        return session(server, Transport.PLAIN, paths);
    }

    /** Sends {@code request} as it is (malformed, oversized...) and reads the one answer. */
    @Coroutine
    default Task<ClientResponse> raw(InetSocketAddress server, Transport transport, String request) {
        ByteStream stream = await(connect(server, transport));
        try {
            await(stream.write(ByteBuffer.wrap(request.getBytes(US_ASCII))));
            return done(await(readResponse(new BufferedLineReader(stream))));
        } finally {
            stream.close();
        }
    }

    /** {@link #raw(InetSocketAddress, Transport, String)} over plain TCP. */
    default Task<ClientResponse> raw(InetSocketAddress server, String request) {
        return raw(server, Transport.PLAIN, request);
    }

    /** A connection to {@code server}, opened by {@code transport} (a TLS handshake, or nothing). */
    @Coroutine
    default Task<ByteStream> connect(InetSocketAddress server, Transport transport) {
        TcpStream tcp = await(TcpStream.connect(server));
        ByteStream stream = await(transport.open(tcp));
        return done(stream);
    }

    /** {@link #load(InetSocketAddress, Transport, int, int)} over plain TCP. */
    default Task<Integer> load(InetSocketAddress server, int connections, int requestsEach) {
        return load(server, Transport.PLAIN, connections, requestsEach);
    }

    /**
     * {@code connections} sessions at once, each of {@code requestsEach} GETs; the number of 200
     * answers.
     */
    @Coroutine
    default Task<Integer> load(InetSocketAddress server, Transport transport, int connections, int requestsEach) {
        List<Task<List<ClientResponse>>> sessions = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            List<String> paths = new ArrayList<>();
            for (int r = 0; r < requestsEach; r++) {
                paths.add("/client/" + c + "/request/" + r);
            }
            sessions.add(session(server, transport, paths));
        }
        List<List<ClientResponse>> all = await(all(sessions));
        int ok = 0;
        for (List<ClientResponse> responses : all) {
            for (ClientResponse r : responses) {
                if (r.status() == 200) {
                    ok++;
                }
            }
        }
        return done(ok);
    }

    /** Status line, headers (Content-Length, Connection) and body of one answer. */
    @Coroutine
    default Task<ClientResponse> readResponse(BufferedLineReader in) {
        String statusLine = await(in.readLine(8192));
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IllegalStateException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        int length = 0;
        boolean close = false;
        while (true) {
            String line = await(in.readLine(8192));
            if (line == null) {
                throw new IllegalStateException("the answer ended in its headers");
            }
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body = await(in.readExactly(length));
        return done(new ClientResponse(status, new String(body, UTF_8), close));
    }
}
