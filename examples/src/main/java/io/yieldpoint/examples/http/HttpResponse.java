package io.yieldpoint.examples.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;

/** An answer: status, content type and body; {@link #encode} writes it as HTTP/1.1. */
// The body is the bytes written to the socket; answers are never compared or hashed, so the
// array's identity equality (what Error Prone warns of) does not matter here.
@SuppressWarnings("ArrayRecordComponent")
public record HttpResponse(int status, String contentType, byte[] body) {

    /** A 200 answer with a UTF-8 text body. */
    public static HttpResponse text(String body) {
        return new HttpResponse(200, "text/plain; charset=utf-8", body.getBytes(UTF_8));
    }

    /** An error answer, its reason phrase as body. */
    public static HttpResponse error(int status, String detail) {
        return new HttpResponse(status, "text/plain; charset=utf-8",
                (status + " " + reason(status) + ": " + detail + "\n").getBytes(UTF_8));
    }

    /** The status line, headers and body, ready to write. */
    public ByteBuffer encode(boolean keepAlive) {
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        byte[] h = head.getBytes(US_ASCII);
        return ByteBuffer.allocate(h.length + body.length).put(h).put(body).flip();
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            case 417 -> "Expectation Failed";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
