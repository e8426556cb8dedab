package io.yieldpoint.examples.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.yieldpoint.examples.http.Http;
import io.yieldpoint.examples.http.HttpLimits;
import io.yieldpoint.runtime.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outbound HTTP from coroutines against real local servers: answers, retries, time-outs that abort. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutboundTest {

    private static final Outbound OUTBOUND = OutboundCoroutines.create();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anAnswerOfTheExampleServer() {
        try (Http.Running server = Http.start(HttpLimits.DEFAULT)) {
            URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/from-a-coroutine");
            String body = EventLoop.run(() -> OUTBOUND.get(CLIENT, uri, Duration.ofSeconds(5), 1, Duration.ZERO));
            assertEquals("hello /from-a-coroutine\n", body);
        }
    }

    @Test
    void serverErrorsAreRetriedAfterAPause() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean fail = requests.incrementAndGet() <= 2;
            byte[] body = (fail ? "busy" : "ok").getBytes(UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            String body = EventLoop.run(() -> OUTBOUND.get(CLIENT, uri, Duration.ofSeconds(5), 3, Duration.ofMillis(5)));
            assertEquals("ok", body);
            assertEquals(3, requests.get(), "two 503s, then the answer");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void attemptsThatTimeOutAreAbortedThenTheCallFails() throws Exception {
        int attempts = 3;
        CountDownLatch closedByTheClient = new CountDownLatch(attempts);
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    Socket s;
                    try {
                        s = silent.accept(); // never answers
                    } catch (IOException closed) {
                        return;
                    }
                    accepted.incrementAndGet();
                    Thread reader = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream()) {
                            while (in.read() >= 0) {
                                // the request; then the end of the stream, when the client aborts
                            }
                            closedByTheClient.countDown();
                        } catch (IOException reset) {
                            closedByTheClient.countDown();
                        }
                    });
                    reader.setDaemon(true);
                    reader.start();
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/slow");
            OutboundException e = assertThrows(OutboundException.class, () -> EventLoop.run(
                    () -> OUTBOUND.get(CLIENT, uri, Duration.ofMillis(200), attempts, Duration.ofMillis(5))));
            assertInstanceOf(TimeoutException.class, e.getCause(), String.valueOf(e.getCause()));
            assertTrue(closedByTheClient.await(10, TimeUnit.SECONDS),
                    "every timed-out attempt's connection was closed by the client: the time-out reached the request");
            assertEquals(attempts, accepted.get(), "one connection per attempt");
        }
    }
}
