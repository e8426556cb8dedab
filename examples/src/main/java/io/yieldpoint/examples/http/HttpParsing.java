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
        if (!isVisible(parts[1])) {
            // RFC 9112 3.2: a target is visible ASCII; a NUL or a control would be echoed onwards
            throw new HttpException(400, "a control character or a non-ASCII byte in the request target");
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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                // RFC 9110 5.5: NUL, CR and LF in a value are refused; a bare CR would split the
                // header in two for a proxy that reads it differently (header injection).
                throw new HttpException(400, "a control character in the value of " + name);
            }
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("host") && headers.containsKey("host")) {
            throw new HttpException(400, "more than one Host header"); // RFC 9112 3.2
        }
        headers.merge(key, value, (a, b) -> a + ", " + b);
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
        // RFC 9110 8.6: 1*DIGIT, nothing else: no sign ("+3" would be read as 3 here and as
        // an error by the next hop), no list of values, no spaces inside.
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new HttpException(400, "malformed Content-Length");
        }
        long length = Long.parseLong(value);
        if (length > limits.maxBody()) {
            throw new HttpException(413, "the body is longer than " + limits.maxBody() + " bytes");
        }
        return (int) length;
    }

    /**
     * Whether the client waits for {@code 100 Continue} before it sends the body
     * ({@code Expect: 100-continue}, RFC 9110 10.1.1); 417 for any other expectation.
     */
    public static boolean expectsContinue(String version, Map<String, String> headers) {
        String expect = headers.get("expect");
        if (expect == null) {
            return false;
        }
        if (!expect.equalsIgnoreCase("100-continue")) {
            throw new HttpException(417, "the only expectation served is 100-continue");
        }
        return version.equals("HTTP/1.1"); // an HTTP/1.0 client must not be sent 1xx answers
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

    private static boolean isVisible(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
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
