package io.yieldpoint.examples.http;

import java.util.Map;

/**
 * A parsed request.
 *
 * @param headers header names in lower case; a repeated header keeps its values joined by ", "
 */
// The body stays the bytes read from the socket; requests are never compared or hashed, so the
// array's identity equality (what Error Prone warns of) does not matter here.
@SuppressWarnings("ArrayRecordComponent")
public record HttpRequest(String method, String target, String version, Map<String, String> headers, byte[] body) {

    /** Whether the connection stays open after the answer: HTTP/1.1 unless "close", HTTP/1.0 only if asked. */
    public boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(java.util.Locale.ROOT);
        if ("HTTP/1.0".equals(version)) {
            return connection.contains("keep-alive");
        }
        return !connection.contains("close");
    }
}
