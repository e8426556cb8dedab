package io.yieldpoint.benchmarks.service;

import io.yieldpoint.benchmarks.VirtualThreads;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.examples.service.Catalog;
import io.yieldpoint.examples.service.Chunked;
import io.yieldpoint.examples.service.Offer;
import io.yieldpoint.examples.service.Product;
import io.yieldpoint.examples.service.QuoteServer;
import io.yieldpoint.examples.service.Suppliers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The example quote service ({@code io.yieldpoint.examples.service.QuoteService}) written the
 * blocking way on virtual threads, for the load test: the same endpoint and the same work, a
 * virtual thread per connection and one per supplier call.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.yieldpoint.benchmarks.service.VirtualThreadQuoteServer \
 *     8092 http://127.0.0.1:8090 [count] [timeout ms]       # JDK 21+
 * </pre>
 *
 * <h2>The same work</h2>
 * <ul>
 *   <li>The database: H2 in memory, the same table and query ({@link Catalog}), through
 *       {@link QuoteServer#POOL_SIZE} connections; a request waits for a free one by blocking its
 *       virtual thread (the coroutine service waits on a semaphore).</li>
 *   <li>The suppliers: the same remote, asked with the same JDK {@link HttpClient}
 *       ({@link QuoteServer#newHttpClient}: HTTP/1.1, a direct executor),
 *       each call bounded by the same timeout (the request's own, {@code HttpRequest.timeout});
 *       a timeout or a failure gives the same fallback line ({@link Offer}).</li>
 *   <li>The fan-out: every supplier asked at once, each call on a virtual thread of an executor
 *       made for the request; lines written in supplier order as each call ends; the executor shut
 *       down (the calls still running interrupted, which aborts their exchanges) when the answer
 *       ends, however it ends.</li>
 *   <li>The answer: the same bytes ({@link Chunked}), one write per line.</li>
 * </ul>
 * What it does not do: watch the connection while it works. A client that leaves is noticed at
 * the next write, as blocking servers do; the coroutine service reads the socket meanwhile (one
 * more read registered per request), so the comparison leans, if anything, its way.
 */
public final class VirtualThreadQuoteServer {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final String PREFIX = "/quote/";

    private final BlockingQueue<Connection> catalog;
    private final HttpClient http = QuoteServer.newHttpClient();
    private final Suppliers suppliers;

    private VirtualThreadQuoteServer(BlockingQueue<Connection> catalog, Suppliers suppliers) {
        this.catalog = catalog;
        this.suppliers = suppliers;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8092;
        URI base = URI.create(args.length > 1 ? args[1] : "http://127.0.0.1:8090");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration timeout = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 200);
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(port), 4096);
            System.out.println("quote service (virtual threads) on " + listener.getLocalSocketAddress() + "; " + count
                    + " suppliers at " + base + ", " + timeout.toMillis() + " ms each");
            serve(listener, new Suppliers(base, count, timeout), "vt-quotes");
        }
    }

    /**
     * Serves {@code listener} until it is closed, a virtual thread per connection, with a catalog of
     * its own in the in-memory database {@code database}.
     */
    public static void serve(ServerSocket listener, Suppliers suppliers, String database) throws SQLException {
        VirtualThreadQuoteServer server = new VirtualThreadQuoteServer(openCatalog(database), suppliers);
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException closed) {
                return;
            }
            VirtualThreads.start(() -> server.serve(s));
        }
    }

    /** The catalog, made and filled, and its connections, all open. */
    private static BlockingQueue<Connection> openCatalog(String database) throws SQLException {
        String url = Catalog.h2Url(database);
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(QuoteServer.POOL_SIZE);
        for (int i = 0; i < QuoteServer.POOL_SIZE; i++) {
            Connection c = DriverManager.getConnection(url);
            if (i == 0) {
                Catalog.create(c);
            }
            pool.add(c);
        }
        return pool;
    }

    /** Serves the requests of one connection, kept alive, until the client closes or errs. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = socket.getOutputStream();
            while (true) {
                BlockingRequest request = BlockingRequest.read(in, MAX_LINE, MAX_HEADER_BYTES);
                if (request == null) {
                    return;
                }
                boolean keepAlive = answer(request, out);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException | SQLException | InterruptedException e) {
            // the peer went away or sent what is not a request (the load test sends none), or the
            // process is stopping: the connection closes
        }
    }

    /** Answers one request; whether the connection stays open. */
    private boolean answer(BlockingRequest request, OutputStream out) throws IOException, SQLException,
            InterruptedException {
        boolean keepAlive = request.keepAlive();
        if (!request.method().equals("GET") || !request.target().startsWith(PREFIX)) {
            out.write(bytes(HttpResponse.error(404, "ask GET /quote/{sku}").encode(keepAlive)));
            return keepAlive;
        }
        String sku = request.target().substring(PREFIX.length());
        Optional<Product> product = product(sku);
        if (product.isEmpty()) {
            out.write(bytes(HttpResponse.error(404, "no product " + sku).encode(keepAlive)));
            return keepAlive;
        }
        boolean chunked = Chunked.understoodBy(request.version());
        keepAlive = keepAlive && chunked;
        quote(product.get(), out, chunked, keepAlive);
        return keepAlive;
    }

    /** The product, from a pooled connection: this thread waits for a free one. */
    private Optional<Product> product(String sku) throws SQLException, InterruptedException {
        Connection c = catalog.take();
        try (PreparedStatement find = c.prepareStatement(Catalog.FIND)) {
            return Catalog.find(find, sku);
        } finally {
            catalog.add(c);
        }
    }

    /** Asks every supplier at once, and writes the lines as the offers come in, in supplier order. */
    private void quote(Product product, OutputStream out, boolean chunked, boolean keepAlive)
            throws IOException, InterruptedException {
        ExecutorService calls = VirtualThreads.perTaskExecutor();
        try {
            List<Future<Offer>> offers = new ArrayList<>();
            for (String supplier : suppliers.names()) {
                offers.add(calls.submit(() -> offer(product, supplier)));
            }
            out.write(Chunked.head("text/plain; charset=utf-8", chunked, keepAlive));
            out.write(Chunked.line(product.line(), chunked));
            Offer best = null;
            for (Future<Offer> next : offers) {
                Offer offer = result(next);
                out.write(Chunked.line(offer.line(), chunked));
                best = Offer.better(best, offer);
            }
            out.write(Chunked.line(Offer.summary(best), chunked));
            if (chunked) {
                out.write(Chunked.last());
            }
        } finally {
            calls.shutdownNow(); // interrupts the calls still running (the client left): their exchanges are aborted
            calls.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** One supplier's offer: its answer within the timeout, else the fallback. */
    private Offer offer(Product product, String supplier) throws InterruptedException {
        HttpRequest ask = HttpRequest.newBuilder(suppliers.offerUri(supplier, product.sku()))
                .timeout(suppliers.timeout()).GET().build();
        try {
            java.net.http.HttpResponse<String> answer = http.send(ask, BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Offer.unavailable(supplier, "status " + answer.statusCode());
            }
            return Offer.priced(supplier, product, Integer.parseInt(answer.body().strip()));
        } catch (HttpTimeoutException late) {
            return Offer.timedOut(supplier, suppliers.timeout());
        } catch (NumberFormatException notANumber) {
            return Offer.unavailable(supplier, "not a discount: " + notANumber.getMessage());
        } catch (IOException failed) {
            return Offer.unavailable(supplier, "I/O error");
        }
    }

    private static Offer result(Future<Offer> offer) throws InterruptedException {
        try {
            return offer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a supplier call failed", e.getCause());
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
