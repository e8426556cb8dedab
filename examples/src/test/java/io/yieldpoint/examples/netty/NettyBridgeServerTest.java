package io.yieldpoint.examples.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.examples.tls.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server on loopback, with the JDK's {@code HttpClient} and a raw socket: answers,
 * keep-alive, pipelined requests answered in order, a closed connection cancelling its request's
 * coroutine, and the same over TLS with a key store made by {@code keytool}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NettyBridgeServerTest {

    private final AtomicInteger connections = new AtomicInteger();
    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CompletableFuture<String> cancelled = new CompletableFuture<>();
    private final RequestListener listener = new RequestListener() {
        @Override
        public void connected() {
            connections.incrementAndGet();
        }

        @Override
        public void started(String target) {
            started.complete(target);
        }

        @Override
        public void cancelled(String target) {
            cancelled.complete(target);
        }
    };
    private final List<NettyBridgeServer> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (NettyBridgeServer s : servers) {
            s.close();
        }
    }

    private NettyBridgeServer start(io.netty.handler.ssl.@org.jspecify.annotations.Nullable SslContext tls)
            throws InterruptedException {
        NettyBridgeServer s = NettyBridgeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1,
                tls, listener);
        servers.add(s);
        return s;
    }

    @Test
    void answersOverOneKeptAliveConnection() throws Exception {
        NettyBridgeServer server = start(null);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.address().getPort();
        for (String path : List.of("/a", "/b", "/c")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello " + path + "\n", r.body());
        }
        HttpResponse<String> cpu = client.send(HttpRequest.newBuilder(URI.create(base + "/cpu")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(cpu.body().matches("hello /cpu [0-9a-f]+\n"), cpu.body());
        assertEquals(1, connections.get(), "four requests, one kept-alive connection");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        NettyBridgeServer server = start(null);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            // The first waits longest: answered first all the same.
            send(s, get("/delay/60") + get("/delay/1") + get("/delay/20"));
            InputStream in = s.getInputStream();
            assertEquals("hello /delay/60\n", readResponse(in).body());
            assertEquals("hello /delay/1\n", readResponse(in).body());
            assertEquals("hello /delay/20\n", readResponse(in).body());
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        NettyBridgeServer server = start(null);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            send(s, "GET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            InputStream in = s.getInputStream();
            Response r = readResponse(in);
            assertEquals("hello /bye\n", r.body());
            assertTrue(r.head().toLowerCase(Locale.ROOT).contains("connection: close"), r.head());
            assertEquals(-1, in.read(), "the server closed the connection");
        }
    }

    @Test
    void aClosedConnectionCancelsItsRequestsCoroutine() throws Exception {
        NettyBridgeServer server = start(null);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            send(s, get("/delay/600000"));
            assertEquals("/delay/600000", started.get(10, TimeUnit.SECONDS));
        }
        // Its coroutine awaited a 10-minute back-end call; the close cancelled it and it unwound.
        assertEquals("/delay/600000", cancelled.get(10, TimeUnit.SECONDS));
    }

    @Test
    void servesOverTlsWithAKeyStoreMadeByKeytool(@TempDir Path dir) throws Exception {
        TestKeys keys = TestKeys.make(dir);
        NettyBridgeServer server = start(NettyBridgeServer.tlsFrom(keys.serverKeyStore(), TestKeys.password()));
        SSLContext tls = keys.clientContext();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
        String base = "https://localhost:" + server.address().getPort();
        for (String path : List.of("/secure", "/again")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello " + path + "\n", r.body());
            assertEquals("TLSv1.3", r.sslSession().orElseThrow().getProtocol());
        }
        assertEquals(1, connections.get(), "kept alive over TLS");
    }

    // ---------------------------------------------------------------- a minimal HTTP/1.1 client

    private record Response(String head, String body) {}

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    private static void send(Socket s, String requests) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(requests.getBytes(US_ASCII));
        out.flush();
    }

    /** Reads one response: the head up to the blank line, then Content-Length bytes of body. */
    private static Response readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the head: " + head.toString(US_ASCII));
            }
            head.write(b);
        }
        String h = head.toString(US_ASCII);
        int length = -1;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertTrue(h.startsWith("HTTP/1.1 200 "), h);
        return new Response(h, new String(in.readNBytes(length), US_ASCII));
    }
}
