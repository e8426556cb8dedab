package io.yieldpoint.examples.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The bytes of a streamed answer (RFC 9112 7.1): a head without Content-Length, then each line as a
 * chunk of its own, sent as soon as it is known, then the empty last chunk. An HTTP/1.0 client knows
 * no chunks: it gets the lines as they are, and the end of the connection ends the body. Shared by
 * the service and its virtual-thread twin, which answer the same bytes.
 */
public final class Chunked {

    private static final byte[] LAST = "0\r\n\r\n".getBytes(US_ASCII);

    private Chunked() {}

    /** Whether the client of {@code version} reads chunks: HTTP/1.1 does, 1.0 does not. */
    public static boolean understoodBy(String version) {
        return !"HTTP/1.0".equals(version);
    }

    /** A 200 head for a streamed body of {@code contentType}: chunked, or closed at its end. */
    public static byte[] head(String contentType, boolean chunked, boolean keepAlive) {
        return ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "")
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n").getBytes(US_ASCII);
    }

    /** {@code line} and its newline, as a chunk (its size in hexadecimal, CRLF, the bytes, CRLF) or as they are. */
    public static byte[] line(String line, boolean chunked) {
        byte[] text = (line + "\n").getBytes(UTF_8);
        if (!chunked) {
            return text;
        }
        byte[] size = (Integer.toHexString(text.length) + "\r\n").getBytes(US_ASCII);
        byte[] chunk = new byte[size.length + text.length + 2];
        System.arraycopy(size, 0, chunk, 0, size.length);
        System.arraycopy(text, 0, chunk, size.length, text.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /** The end of a chunked body: the last chunk, empty, with no trailers. */
    public static byte[] last() {
        return LAST.clone();
    }
}
