package io.yieldpoint.examples.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example server over loopback, driven by plain blocking sockets (and, for the load, by the
 * example client's coroutines): round trips, keep-alive, refusals with their status, peers that
 * go away; and, when it has stopped, not one socket left open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpServerTest {

    private static int descriptorsBefore;
    private static Http.Running server;

    @BeforeAll
    static void start() throws IOException {
        warmUp();
        descriptorsBefore = networkDescriptors();
        server = Http.start(HttpLimits.DEFAULT);
        server.address();
    }

    @AfterAll
    static void stopAndCountDescriptors() {
        server.close();
        assertEquals(descriptorsBefore, networkDescriptors(), "sockets or selectors left open after the server stopped");
    }

    /** The JDK keeps a descriptor for good after its first socket close: make it exist before counting. */
    static void warmUp() throws IOException {
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open();
                java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
            listener.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(listener.getLocalAddress());
                    java.nio.channels.SocketChannel a = listener.accept()) {
                c.configureBlocking(false);
                c.register(selector, 0);
            }
            selector.selectNow();
        }
    }

    /** Descriptors that are sockets, pipes or anonymous inodes (epoll, eventfd). */
    static int networkDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    String t = Files.readSymbolicLink(fd).toString();
                    return t.startsWith("socket:") || t.startsWith("pipe:") || t.startsWith("anon_inode:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket(server.address().getAddress(), server.address().getPort());
        s.setSoTimeout(20_000); // a safety net only: every read below expects data or the end
        return s;
    }

    /** One answer: status line, headers up to the blank line, then Content-Length bytes. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int contentLength = 0;
        while (true) {
            String line = readLine(in);
            if (line == null) {
                return head.length() == 0 ? null : head.toString();
            }
            head.append(line).append('\n');
            if (line.isEmpty()) {
                break;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                contentLength = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(contentLength), UTF_8);
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(US_ASCII);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(US_ASCII);
    }

    /**
     * Sends {@code request} on a new connection; the answer, and (when the answer says
     * "Connection: close") whether the server did close: "true", else "kept".
     */
    private static String[] exchange(String request) throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = readResponse(in);
            boolean announcedClose = response.contains("\nConnection: close\n");
            return new String[] {response, announcedClose ? String.valueOf(in.read() < 0) : "kept"};
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void aGetIsAnsweredAfterTheBackEnd() throws IOException {
        String[] r = exchange("GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
        assertEquals(200, status(r[0]));
        assertTrue(r[0].endsWith("\n\nhello /hello\n"), r[0]);
        assertTrue(r[0].contains("Connection: close"), r[0]);
        assertEquals("true", r[1], "the server closes after Connection: close");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 5; i++) {
                out.write(("GET /" + i + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(US_ASCII));
                String r = readResponse(in);
                assertEquals(200, status(r));
                assertTrue(r.endsWith("hello /" + i + "\n"), r);
            }
            // Pipelined: two requests in one write, two answers in order.
            out.write("GET /x HTTP/1.1\r\nHost: t\r\n\r\nGET /y HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(US_ASCII));
            assertTrue(readResponse(in).endsWith("hello /x\n"));
            assertTrue(readResponse(in).endsWith("hello /y\n"));
        }
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() throws IOException {
        String[] r = exchange("GET /old HTTP/1.0\r\n\r\n");
        assertEquals(200, status(r[0]));
        assertEquals("true", r[1]);
    }

    @Test
    void aPostBodyIsReadByContentLength() throws IOException {
        String body = "x".repeat(100_000);
        String[] r = exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertEquals(200, status(r[0]));
        assertTrue(r[0].endsWith("\n\n" + body), "the body came back");
    }

    @Test
    void aFailingHandlerIs500() throws IOException {
        assertEquals(500, status(exchange("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n")[0]));
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void malformedRequestsAre400AndTheConnectionCloses() throws IOException {
        for (String bad : List.of("NOT HTTP\r\n\r\n", "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
                "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: ten\r\n\r\n")) {
            String[] r = exchange(bad);
            assertEquals(400, status(r[0]), bad);
            assertEquals("true", r[1], "closed after " + bad);
        }
    }

    @Test
    void oversizedRequestLineIs414() throws IOException {
        assertEquals(414, status(exchange("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: t\r\n\r\n")[0]));
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        assertEquals(431, status(exchange("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n")[0]));
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: t\r\n");
        for (int i = 0; i < 200; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertEquals(431, status(exchange(many + "\r\n")[0]), "too many headers");
        StringBuilder heavy = new StringBuilder("GET / HTTP/1.1\r\nHost: t\r\n");
        for (int i = 0; i < 5; i++) {
            heavy.append("X-H").append(i).append(": ").append("v".repeat(4000)).append("\r\n");
        }
        assertEquals(431, status(exchange(heavy + "\r\n")[0]), "headers over 16 KiB together");
    }

    @Test
    void anOversizedBodyIs413WithoutReadingIt() throws IOException {
        assertEquals(413, status(exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n")[0]));
    }

    @Test
    void unsupportedVersionsAndEncodings() throws IOException {
        assertEquals(505, status(exchange("GET / HTTP/3.0\r\nHost: t\r\n\r\n")[0]));
        assertEquals(501, status(exchange("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")[0]));
    }

    @Test
    void bytesThatWouldBeReadDifferentlyDownstreamAre400() throws IOException {
        for (String bad : List.of("GET /a\u0000b HTTP/1.1\r\nHost: t\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\u0000b\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\rInjected: b\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: +3\r\n\r\nabc")) {
            String[] r = exchange(bad);
            assertEquals(400, status(r[0]), bad);
            assertEquals("true", r[1], "closed after " + bad);
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBody() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"
                    .getBytes(US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", readLine(in));
            assertEquals("", readLine(in));
            out.write("hello".getBytes(US_ASCII)); // only now, as curl does
            out.flush();
            String r = readResponse(in);
            assertEquals(200, status(r));
            assertTrue(r.endsWith("\n\nhello"), r);
        }
        assertEquals(417, status(exchange("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx")[0]));
    }

    @Test
    void anEmptyLineBeforeTheRequestLineIsSkipped() throws IOException {
        assertEquals(200, status(exchange("\r\nGET /after-crlf HTTP/1.1\r\nHost: t\r\n\r\n")[0]));
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedAfterTheIdleTimeout() throws IOException {
        try (Http.Running strict = Http.start(withIdleTimeout(Duration.ofMillis(300)));
                Socket s = new Socket(strict.address().getAddress(), strict.address().getPort())) {
            assertCutOffWhileNotReading(s);
        }
    }

    /** The default limits with another idle timeout. */
    static HttpLimits withIdleTimeout(Duration idle) {
        HttpLimits d = HttpLimits.DEFAULT;
        return new HttpLimits(d.maxRequestLine(), d.maxHeaderLine(), d.maxHeaderBytes(), d.maxHeaders(), d.maxBody(),
                idle, d.maxBodiesInFlight());
    }

    /**
     * Sends 500 KB POSTs on {@code s} and never reads their answers, which pile up unread until the
     * server's write has waited its idle timeout: then the server closes the connection, and the
     * write here, blocked because the server no longer reads, fails.
     */
    static void assertCutOffWhileNotReading(Socket s) throws IOException {
        String body = "z".repeat(500_000);
        byte[] request = ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(US_ASCII);
        OutputStream out = s.getOutputStream();
        assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                out.write(request);
            }
        });
    }

    @Test
    void bodiesBeyondTheServersBudgetAre503() throws IOException {
        HttpLimits d = HttpLimits.DEFAULT;
        HttpLimits small = new HttpLimits(d.maxRequestLine(), d.maxHeaderLine(), d.maxHeaderBytes(), d.maxHeaders(),
                d.maxBody(), d.idleTimeout(), 1000);
        try (Http.Running budgeted = Http.start(small);
                Socket holding = new Socket(budgeted.address().getAddress(), budgeted.address().getPort());
                Socket refused = new Socket(budgeted.address().getAddress(), budgeted.address().getPort())) {
            // The first body is announced but not sent: its 800 bytes are held until it is answered.
            holding.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 800\r\n\r\n"
                    .getBytes(US_ASCII));
            InputStream held = holding.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", readLine(held)); // the server has taken the 800 bytes
            refused.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300\r\n\r\n"
                    .getBytes(US_ASCII));
            assertEquals(503, status(readResponse(refused.getInputStream())));
            readLine(held);
            holding.getOutputStream().write("x".repeat(800).getBytes(US_ASCII));
            assertEquals(200, status(readResponse(held)));
        }
    }

    // ------------------------------------------------------------------ peers that go away, many peers

    @Test
    void peersThatCloseMidRequestDoNotDisturbTheOthers() throws IOException {
        for (String partial : List.of("GE", "GET / HTTP/1.1\r\nHo", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")) {
            try (Socket s = connect()) {
                s.getOutputStream().write(partial.getBytes(US_ASCII));
            }
            try (Socket s = connect()) {
                s.setSoLinger(true, 0); // this one goes away with a reset
                s.getOutputStream().write(partial.getBytes(US_ASCII));
            }
        }
        assertEquals(200, status(exchange("GET /still-here HTTP/1.1\r\nHost: t\r\n\r\n")[0]));
    }

    @Test
    void aClientThatNeverReadsItsAnswersIsServedBySlowerMeans() throws IOException {
        // Pipelined requests whose answers nobody reads: the server's writes wait (back-pressure)
        // while it keeps serving another client.
        try (Socket slow = connect()) {
            String body = "z".repeat(500_000);
            String request = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            OutputStream out = slow.getOutputStream();
            for (int i = 0; i < 4; i++) {
                out.write(request.getBytes(US_ASCII)); // ~2 MB of answers pile up unread
            }
            out.flush();
            assertEquals(200, status(exchange("GET /meanwhile HTTP/1.1\r\nHost: t\r\n\r\n")[0]));
            InputStream in = slow.getInputStream();
            for (int i = 0; i < 4; i++) {
                String r = readResponse(in);
                assertEquals(200, status(r));
                assertTrue(r.endsWith(body));
            }
        }
    }

    @Test
    void manyConcurrentClientsOnTheExampleClient() {
        // 500 connections x 4 requests from the example client, itself coroutines on another loop.
        int ok = EventLoop.run(() -> HttpClientCoroutines.create().load(server.address(), 500, 4));
        assertEquals(2000, ok);
    }
}
