package io.yieldpoint.examples;

import io.yieldpoint.examples.http.HttpDemoCoroutines;
import io.yieldpoint.examples.jdbc.ConnectionPool;
import io.yieldpoint.examples.jdbc.JdbcDemo;
import io.yieldpoint.examples.jdbc.JdbcDemoCoroutines;
import io.yieldpoint.examples.service.LoopServer;
import io.yieldpoint.examples.service.QuoteEvents;
import io.yieldpoint.examples.service.QuoteServer;
import io.yieldpoint.examples.service.SupplierServer;
import io.yieldpoint.examples.service.Suppliers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import io.yieldpoint.runtime.EventLoop;
import java.time.Duration;
import java.util.Locale;

/** Runs the primer's examples one after the other, each with its elapsed time. */
public final class Examples {

    private Examples() {}

    public static void main(String[] args) throws InterruptedException {
        section("1. A simple coroutine: fetchData and main (asyncio.run(main()))");
        long start = System.nanoTime();
        EventLoop.run(() -> FetcherCoroutines.create().main());
        elapsed("main", start);

        section("2. Scheduling: workers A (1 s), B (2 s) and C (1 s) gathered with all(...)");
        start = System.nanoTime();
        EventLoop.run(() -> WorkersCoroutines.create().main());
        elapsed("gather of A, B, C", start);

        section("3. Blocking versus cooperative waiting: three 1 s waits on one thread");
        Waiting waiting = WaitingCoroutines.create();
        start = System.nanoTime();
        waiting.blocking(3, Duration.ofSeconds(1));
        elapsed("blocking", start);
        start = System.nanoTime();
        EventLoop.run(() -> waiting.cooperative(3, Duration.ofSeconds(1)));
        elapsed("coroutines", start);

        section("4. An HTTP/1.1 server and its client, coroutines on one event-loop thread");
        start = System.nanoTime();
        EventLoop.run(() -> HttpDemoCoroutines.create().main());
        elapsed("the HTTP demo", start);

        section("5. JDBC on the blocking pool: 200 coroutines, 4 connections, embedded H2");
        start = System.nanoTime();
        try (ConnectionPool pool = new ConnectionPool(() -> DriverManager.getConnection(JdbcDemo.URL), 4)) {
            EventLoop.run(() -> JdbcDemoCoroutines.create().main(pool, 200));
        }
        elapsed("the JDBC demo", start);

        section("6. A whole service: GET /quote/sku-7 (database, 3 suppliers at once, the quote streamed)");
        start = System.nanoTime();
        quoteOnce();
        elapsed("the service demo", start);
    }

    /**
     * Starts the example service with its simulated suppliers (10 ms each), asks it for one quote
     * and prints each line as it arrives, then stops both.
     */
    private static void quoteOnce() throws InterruptedException {
        try (LoopServer suppliers = SupplierServer.start(Duration.ofMillis(10));
                QuoteServer service = QuoteServer.start(new Suppliers(
                        URI.create("http://127.0.0.1:" + suppliers.address().getPort()), 3, Duration.ofSeconds(1)),
                        QuoteEvents.NONE)) {
            HttpRequest ask = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.address().getPort() + "/quote/sku-7")).build();
            QuoteServer.newHttpClient().send(ask, HttpResponse.BodyHandlers.ofLines()).body()
                    .forEach(line -> System.out.println("  " + line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    private static void elapsed(String what, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.println(String.format(Locale.ROOT, "-- %s took %.2f s", what, seconds));
    }
}
