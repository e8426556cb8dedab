package io.yieldpoint.benchmarks.service;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yieldpoint.benchmarks.VirtualThreads;
import io.yieldpoint.examples.service.LoopServer;
import io.yieldpoint.examples.service.QuoteEvents;
import io.yieldpoint.examples.service.QuoteServer;
import io.yieldpoint.examples.service.SupplierServer;
import io.yieldpoint.examples.service.Suppliers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load test's two services do the same work: against the same simulated suppliers, the
 * virtual-thread twin answers the same bytes as the example service, quotes, fallbacks and 404s
 * alike. Needs JDK 21+ (skipped before).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualThreadQuoteServerTest {

    private static final String[] REQUESTS = {
        "GET /quote/sku-7 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /quote/sku-1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /quote/sku-0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /quote/sku-7 HTTP/1.0\r\n\r\n",
    };

    @Test
    void bothServicesAnswerTheSameBytes() throws Exception {
        String sample = sameAnswers(Duration.ZERO, Duration.ofSeconds(30));
        assertTrue(sample.contains("supplier-3: 6.52 (14% off)"), sample);
    }

    @Test
    void bothServicesFallBackTheSameWay() throws Exception {
        String sample = sameAnswers(Duration.ofSeconds(5), Duration.ofMillis(100));
        assertTrue(sample.contains("supplier-3: no answer within 100 ms"), sample);
    }

    /** Asks both services every request against suppliers that answer after {@code delay}; the first answer. */
    private static String sameAnswers(Duration delay, Duration timeout) throws Exception {
        assumeTrue(VirtualThreads.available(), "virtual threads need JDK 21+");
        try (LoopServer suppliers = SupplierServer.start(delay)) {
            Suppliers settings = new Suppliers(URI.create("http://127.0.0.1:" + suppliers.address().getPort()), 3, timeout);
            try (QuoteServer coroutines = QuoteServer.start(settings, QuoteEvents.NONE);
                    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                Thread twin = VirtualThreads.start(() -> {
                    try {
                        VirtualThreadQuoteServer.serve(listener, settings, "vt-quotes-test-" + System.nanoTime());
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                InetSocketAddress threads = (InetSocketAddress) listener.getLocalSocketAddress();
                for (String request : REQUESTS) {
                    assertEquals(answer(coroutines.address(), request), answer(threads, request), request);
                }
                listener.close();
                twin.join(10_000);
                return answer(coroutines.address(), REQUESTS[0]);
            }
        }
    }

    /** Everything the server sends until it closes the connection. */
    private static String answer(InetSocketAddress server, String request) throws IOException {
        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
