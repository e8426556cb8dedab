package io.yieldpoint.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz tests of the request parsing: whatever the bytes, each rule either accepts what it may
 * accept or refuses with an {@link HttpException} and a status, never anything else (no
 * {@code RuntimeException} of another kind, which would close the connection without an answer).
 *
 * <p>In a normal build these run the inputs kept in {@code src/test/resources/.../HttpParsingFuzzTestInputs}
 * (regression mode); {@code JAZZER_FUZZ=1 mvn -pl examples test -Dtest=HttpParsingFuzzTest} fuzzes.
 */
class HttpParsingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void requestLines(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        String[] parts;
        try {
            parts = HttpParsing.requestLine(line);
        } catch (HttpException refused) {
            assertStatus(refused, 400, 505);
            return;
        }
        assertEquals(3, parts.length);
        assertTrue(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"), parts[2]);
        assertTrue(parts[1].startsWith("/") || parts[1].equals("*"), parts[1]);
        assertTrue(parts[1].chars().allMatch(c -> c > 0x20 && c < 0x7f), "a visible target: " + parts[1]);
    }

    @FuzzTest(maxDuration = "30s")
    void headerLines(FuzzedDataProvider data) {
        Map<String, String> headers = new LinkedHashMap<>();
        while (data.remainingBytes() > 0) {
            String line = data.consumeString(200);
            try {
                HttpParsing.header(headers, line);
            } catch (HttpException refused) {
                assertStatus(refused, 400);
            }
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            assertTrue(h.getKey().chars().allMatch(c -> c > 32 && c < 127), "a token name: " + h.getKey());
            assertTrue(h.getValue().chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f),
                    "no control character in a value: " + h.getValue());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void framing(FuzzedDataProvider data) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (data.consumeBoolean()) {
            headers.put("content-length", data.consumeString(30));
        }
        if (data.consumeBoolean()) {
            headers.put("transfer-encoding", data.consumeString(30));
        }
        if (data.consumeBoolean()) {
            headers.put("expect", data.consumeString(30));
        }
        String version = data.consumeBoolean() ? "HTTP/1.1" : "HTTP/1.0";
        try {
            int length = HttpParsing.contentLength(headers, HttpLimits.DEFAULT);
            assertTrue(length >= 0 && length <= HttpLimits.DEFAULT.maxBody(), "length " + length);
            HttpParsing.expectsContinue(version, headers);
            HttpParsing.requireHost(version, headers);
        } catch (HttpException refused) {
            assertStatus(refused, 400, 413, 417, 501);
        }
    }

    private static void assertStatus(HttpException refused, int... allowed) {
        for (int status : allowed) {
            if (refused.status() == status) {
                return;
            }
        }
        throw new AssertionError("status " + refused.status() + " for " + refused.detail());
    }
}
