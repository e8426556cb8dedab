package io.yieldpoint.examples.service;

import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpLimits;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.examples.http.HttpServerCoroutines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * Suppliers whose answers each test chooses, on the example HTTP server: a discount at once, an
 * error status, or an answer that waits for a gate the test opens (or never does).
 */
final class TestSuppliers implements AutoCloseable {

    private final Map<String, java.util.function.Supplier<Task<HttpResponse>>> answers = new ConcurrentHashMap<>();
    private final CountDownLatch asked;
    private final LoopServer server;

    /** Suppliers that answer a discount of 10% at once unless told otherwise; {@code expectedCalls} for {@link #awaitAsked}. */
    TestSuppliers(int expectedCalls) {
        asked = new CountDownLatch(expectedCalls);
        server = LoopServer.start("test-suppliers-loop", 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                listener -> HttpServerCoroutines.create().serve(listener, HttpLimits.DEFAULT, this::answer));
    }

    private Task<HttpResponse> answer(HttpRequest request) {
        String supplier = request.target().split("/", -1)[2]; // /offer/{supplier}/{sku}
        asked.countDown();
        return answers.getOrDefault(supplier, () -> Task.completed(HttpResponse.text("10"))).get();
    }

    /** {@code supplier} answers {@code percentOff} at once. */
    TestSuppliers offers(String supplier, int percentOff) {
        answers.put(supplier, () -> Task.completed(HttpResponse.text(Integer.toString(percentOff))));
        return this;
    }

    /** {@code supplier} answers with the error {@code status}. */
    TestSuppliers fails(String supplier, int status) {
        answers.put(supplier, () -> Task.completed(HttpResponse.error(status, "the supplier is down")));
        return this;
    }

    /** {@code supplier} answers only once {@code gate} completes, with its answer. */
    TestSuppliers waitsFor(String supplier, CompletableFuture<HttpResponse> gate) {
        answers.put(supplier, () -> Task.from(gate));
        return this;
    }

    /** Waits until the expected number of calls have reached the suppliers. */
    void awaitAsked() throws InterruptedException {
        asked.await();
    }

    /** The service's view of these suppliers: {@code count} of them, {@code timeout} each. */
    Suppliers settings(int count, Duration timeout) {
        return new Suppliers(URI.create("http://127.0.0.1:" + server.address().getPort()), count, timeout);
    }

    @Override
    public void close() {
        server.close();
    }
}
