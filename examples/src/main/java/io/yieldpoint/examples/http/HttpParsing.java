package io.yieldpoint.examples.http;

import io.yieldpoint.runtime.net.LineTooLongException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The pure parts of reading a request (no I/O): each method refuses what it cannot accept with an
 * {@link HttpException} carrying the status of the answer.
 */
public final class HttpParsing {

    private HttpParsing() {}

    /** {@code METHOD SP request-target SP HTTP-version}: the three parts, or 400 / 505. */
    public static String[] requestLine(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !isToken(parts[0])) {
            throw new HttpException(400, "malformed request line");
        }
        if (!parts[2].startsWith("HTTP/")) {
            throw new HttpException(400, "malformed HTTP version");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new HttpException(505, "only HTTP/1.0 and HTTP/1.1 are served");
        }
        if (!parts[1].startsWith("/") && !parts[1].equals("*")) {
            throw new HttpException(400, "the request target must be a path");
        }
        return parts;
    }

    /** Adds {@code name: value} to {@code headers} (name lower-cased), or 400 if malformed. */
    public static void header(Map<String, String> headers, String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new HttpException(400, "malformed header line");
        }
        String name = line.substring(0, colon);
        if (!isToken(name)) {
            // Also refuses whitespace before the colon, which RFC 9112 says must be rejected.
            throw new HttpException(400, "malformed header name");
        }
        String value = line.substring(colon + 1).strip();
        headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
    }

    /** The body's length from the headers: 0 without Content-Length; 400, 413 or 501 if refused. */
    public static int contentLength(Map<String, String> headers, HttpLimits limits) {
        if (headers.containsKey("transfer-encoding")) {
            throw new HttpException(501, "Transfer-Encoding is not supported; send Content-Length");
        }
        String value = headers.get("content-length");
        if (value == null) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new HttpException(400, "malformed Content-Length");
        }
        if (length < 0) {
            throw new HttpException(400, "negative Content-Length");
        }
        if (length > limits.maxBody()) {
            throw new HttpException(413, "the body is longer than " + limits.maxBody() + " bytes");
        }
        return (int) length;
    }

    /** A request without Host in HTTP/1.1 is refused (RFC 9112, section 3.2). */
    public static void requireHost(String version, Map<String, String> headers) {
        if ("HTTP/1.1".equals(version) && !headers.containsKey("host")) {
            throw new HttpException(400, "HTTP/1.1 requires a Host header");
        }
    }

    /**
     * What a failed read means: a line over its limit becomes the answer {@code tooLongStatus};
     * other I/O failures (the peer went away) are passed on unchecked, to close the connection.
     */
    public static RuntimeException readFailure(Exception e, int tooLongStatus) {
        if (e instanceof LineTooLongException tooLong) {
            return new HttpException(tooLongStatus, "a line is longer than " + tooLong.limit() + " bytes");
        }
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException(e);
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
