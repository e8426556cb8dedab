package io.yieldpoint.examples.service;

import io.yieldpoint.examples.http.HttpLimits;
import io.yieldpoint.examples.jdbc.ConnectionPool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Running the example service ({@link QuoteService} on a {@link StreamingServer}): its database, its
 * HTTP client, its event-loop group, and (unless told where they are) the simulated suppliers.
 */
public final class QuoteServer implements AutoCloseable {

    /** The catalog's connections, and so the most queries at once. */
    public static final int POOL_SIZE = 8;

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String url;
    private final ConnectionPool catalog;
    private final HttpClient http;
    private final LoopServer server;
    private final @Nullable LoopServer localSuppliers;

    private QuoteServer(String url, ConnectionPool catalog, HttpClient http, LoopServer server,
            @Nullable LoopServer localSuppliers) {
        this.url = url;
        this.catalog = catalog;
        this.http = http;
        this.server = server;
        this.localSuppliers = localSuppliers;
    }

    /**
     * {@code java ... io.yieldpoint.examples.service.QuoteServer [port] [loops] [suppliers] [count] [timeout ms]}:
     * port 8089, 2 loops; {@code suppliers} is the simulated suppliers' base URI
     * ({@code http://127.0.0.1:8090}, as {@link SupplierServer} runs them), or {@code local} (the
     * default) to run them in this process, on a loop of their own, answering after 10 ms; 3
     * suppliers a quote, 200 ms each.
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String where = args.length > 2 ? args[2] : "local";
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Duration timeout = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 200);
        LoopServer local = where.equals("local") ? SupplierServer.start(Duration.ofMillis(10)) : null;
        URI base = local != null ? URI.create("http://127.0.0.1:" + local.address().getPort()) : URI.create(where);
        QuoteServer service = start(new InetSocketAddress(port), loops, new Suppliers(base, count, timeout),
                QuoteEvents.NONE, local);
        System.out.println("quote service on " + service.address() + ", " + loops + " event-loop thread"
                + (loops == 1 ? "" : "s") + "; GET /quote/sku-1 to /quote/sku-" + Catalog.PRODUCTS + "; " + count
                + " suppliers at " + base + ", " + timeout.toMillis() + " ms each");
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        Thread.currentThread().join(); // until the process is stopped
    }

    /** The service on loopback, a free port, 2 loops, asking {@code suppliers}. */
    public static QuoteServer start(Suppliers suppliers, QuoteEvents events) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, suppliers, events, null);
    }

    private static QuoteServer start(InetSocketAddress address, int loops, Suppliers suppliers, QuoteEvents events,
            @Nullable LoopServer localSuppliers) {
        String url = Catalog.h2Url("quotes-" + DATABASES.incrementAndGet());
        try (Connection c = DriverManager.getConnection(url)) {
            Catalog.create(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the catalog at " + url, e);
        }
        ConnectionPool catalog = new ConnectionPool(() -> DriverManager.getConnection(url), POOL_SIZE);
        HttpClient http = newHttpClient();
        QuoteService service = QuoteService.of(catalog, http, suppliers, events);
        LoopServer server = LoopServer.start("quote-loop", loops, address,
                listener -> StreamingServerCoroutines.create().serve(listener, HttpLimits.DEFAULT, service::handle));
        return new QuoteServer(url, catalog, http, server, localSuppliers);
    }

    /**
     * The client for the suppliers: HTTP/1.1, and a direct executor: the client completes each
     * exchange on its own selector thread, where the completion only hands the answer on (to the
     * loop of the coroutine that awaits it), instead of waking a thread of a pool of its own that
     * grows with the calls in flight (the default). The virtual-thread twin uses the same client.
     */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build();
    }

    /** Where the service listens. */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * Stops the service (its loops, its connections to the database, its HTTP client where the JDK
     * can close one) and the local suppliers, if any.
     */
    @Override
    public void close() {
        server.close();
        catalog.close();
        if (http instanceof AutoCloseable closeable) { // JDK 21+: its selector thread and sockets go now, not at its collection
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing more to release
            }
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN"); // the in-memory database goes with its last connection
        } catch (SQLException e) {
            // already gone
        }
        if (localSuppliers != null) {
            localSuppliers.close();
        }
    }
}
