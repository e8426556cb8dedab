package io.yieldpoint.benchmarks.service;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request read the blocking way: request line and headers, with the example server's size
 * limits, a body skipped. What {@link VirtualThreadQuoteServer} needs, and no more.
 */
record BlockingRequest(String method, String target, String version, Map<String, String> headers) {

    /** A request the server cannot read: the connection is closed. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, null);
        }
    }

    /** Whether the connection stays open after the answer: HTTP/1.1 unless "close", HTTP/1.0 only if asked. */
    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return version.equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
    }

    /** The next request, or null if the connection ends before it. */
    static BlockingRequest read(InputStream in, int maxLine, int maxHeaderBytes) throws IOException {
        String first = line(in, maxLine);
        if (first == null) {
            return null;
        }
        String[] parts = first.split(" ", -1);
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new Refused("not a request line: " + first);
        }
        Map<String, String> headers = new HashMap<>();
        int headerBytes = 0;
        for (String h = line(in, maxLine); h != null && !h.isEmpty(); h = line(in, maxLine)) {
            headerBytes += h.length() + 2;
            int colon = h.indexOf(':');
            if (colon <= 0 || headerBytes > maxHeaderBytes) {
                throw new Refused("a bad header, or too many");
            }
            headers.merge(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        String length = headers.get("content-length");
        if (length != null) {
            in.skipNBytes(Long.parseLong(length));
        }
        return new BlockingRequest(parts[0], parts[1], parts[2], headers);
    }

    /** A line without its terminator; null at the end of the stream. */
    private static String line(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (line.size() > max) {
                throw new Refused("a line longer than " + max);
            }
            line.write(b);
        }
        int n = line.size();
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, n > 0 && bytes[n - 1] == '\r' ? n - 1 : n, US_ASCII);
    }
}
