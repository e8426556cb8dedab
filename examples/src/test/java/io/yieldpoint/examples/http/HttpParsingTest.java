package io.yieldpoint.examples.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parsing rules of the example server, each refusal with its status. */
class HttpParsingTest {

    private static int status(Runnable r) {
        return assertThrows(HttpException.class, r::run).status();
    }

    @Test
    void aWellFormedRequestLine() {
        assertArrayEquals(new String[] {"GET", "/a?b=c", "HTTP/1.1"}, HttpParsing.requestLine("GET /a?b=c HTTP/1.1"));
        assertArrayEquals(new String[] {"OPTIONS", "*", "HTTP/1.0"}, HttpParsing.requestLine("OPTIONS * HTTP/1.0"));
    }

    @Test
    void malformedRequestLinesAre400AndUnknownVersions505() {
        assertEquals(400, status(() -> HttpParsing.requestLine("GET /")));
        assertEquals(400, status(() -> HttpParsing.requestLine("GET  / HTTP/1.1")));
        assertEquals(400, status(() -> HttpParsing.requestLine("GET / HTTP/1.1 extra")));
        assertEquals(400, status(() -> HttpParsing.requestLine("G(T / HTTP/1.1")));
        assertEquals(400, status(() -> HttpParsing.requestLine("GET relative HTTP/1.1")));
        assertEquals(400, status(() -> HttpParsing.requestLine("GET / FTP/1.1")));
        assertEquals(505, status(() -> HttpParsing.requestLine("GET / HTTP/2.0")));
    }

    @Test
    void headersAreLowerCasedTrimmedAndMerged() {
        Map<String, String> h = new LinkedHashMap<>();
        HttpParsing.header(h, "Host:  example.org ");
        HttpParsing.header(h, "Accept: a");
        HttpParsing.header(h, "ACCEPT: b");
        HttpParsing.header(h, "Empty:");
        assertEquals(Map.of("host", "example.org", "accept", "a, b", "empty", ""), h);
    }

    @Test
    void malformedHeadersAre400() {
        Map<String, String> h = new LinkedHashMap<>();
        assertEquals(400, status(() -> HttpParsing.header(h, "no colon")));
        assertEquals(400, status(() -> HttpParsing.header(h, ": no name")));
        assertEquals(400, status(() -> HttpParsing.header(h, "Space before : colon")));
        assertEquals(400, status(() -> HttpParsing.header(h, "Bad\u00e9Name: x")));
        assertTrue(h.isEmpty());
    }

    @Test
    void bytesThatWouldBeReadDifferentlyDownstreamAre400() {
        assertEquals(400, status(() -> HttpParsing.requestLine("GET /a\u0000b HTTP/1.1")), "NUL in the target");
        assertEquals(400, status(() -> HttpParsing.requestLine("GET /a\u007fb HTTP/1.1")), "DEL in the target");
        Map<String, String> h = new LinkedHashMap<>();
        assertEquals(400, status(() -> HttpParsing.header(h, "X-A: a\u0000b")), "NUL in a value");
        assertEquals(400, status(() -> HttpParsing.header(h, "X-A: a\rInjected: b")), "a bare CR in a value");
        HttpParsing.header(h, "X-Tab: a\tb");
        assertEquals("a\tb", h.get("x-tab"), "HTAB is allowed in a value");
        HttpParsing.header(h, "Host: a");
        assertEquals(400, status(() -> HttpParsing.header(h, "HOST: b")), "a second Host");
        assertEquals("a", h.get("host"));
        for (String bad : new String[] {"+3", "-1", " 3", "3 ", "3, 3", "0x10", "", "99999999999999999999"}) {
            assertEquals(400, status(() -> HttpParsing.contentLength(Map.of("content-length", bad), HttpLimits.DEFAULT)),
                    "Content-Length '" + bad + "'");
        }
    }

    @Test
    void expectationsOtherThanContinueAre417() {
        assertFalse(HttpParsing.expectsContinue("HTTP/1.1", Map.of()));
        assertTrue(HttpParsing.expectsContinue("HTTP/1.1", Map.of("expect", "100-Continue")));
        assertFalse(HttpParsing.expectsContinue("HTTP/1.0", Map.of("expect", "100-continue")), "no 1xx to HTTP/1.0");
        assertEquals(417, status(() -> HttpParsing.expectsContinue("HTTP/1.1", Map.of("expect", "magic"))));
    }

    @Test
    void contentLengthWithinLimitsOrRefused() {
        HttpLimits limits = HttpLimits.DEFAULT;
        assertEquals(0, HttpParsing.contentLength(Map.of(), limits));
        assertEquals(12, HttpParsing.contentLength(Map.of("content-length", "12"), limits));
        assertEquals(400, status(() -> HttpParsing.contentLength(Map.of("content-length", "twelve"), limits)));
        assertEquals(400, status(() -> HttpParsing.contentLength(Map.of("content-length", "-1"), limits)));
        assertEquals(413, status(() -> HttpParsing.contentLength(Map.of("content-length", "99999999999"), limits)));
        assertEquals(413, status(() -> HttpParsing.contentLength(
                Map.of("content-length", String.valueOf(limits.maxBody() + 1)), limits)));
        assertEquals(501, status(() -> HttpParsing.contentLength(Map.of("transfer-encoding", "chunked"), limits)));
    }

    @Test
    void keepAliveByVersionAndConnectionHeader() {
        assertTrue(new HttpRequest("GET", "/", "HTTP/1.1", Map.of(), new byte[0]).keepAlive());
        assertFalse(new HttpRequest("GET", "/", "HTTP/1.1", Map.of("connection", "close"), new byte[0]).keepAlive());
        assertFalse(new HttpRequest("GET", "/", "HTTP/1.0", Map.of(), new byte[0]).keepAlive());
        assertTrue(new HttpRequest("GET", "/", "HTTP/1.0", Map.of("connection", "Keep-Alive"), new byte[0]).keepAlive());
    }

    @Test
    void http11RequiresHost() {
        assertEquals(400, status(() -> HttpParsing.requireHost("HTTP/1.1", Map.of())));
        HttpParsing.requireHost("HTTP/1.0", Map.of());
        HttpParsing.requireHost("HTTP/1.1", Map.of("host", "x"));
    }
}
