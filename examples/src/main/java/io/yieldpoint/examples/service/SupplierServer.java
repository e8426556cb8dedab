package io.yieldpoint.examples.service;

import io.yieldpoint.examples.http.HttpLimits;
import io.yieldpoint.examples.http.HttpServerCoroutines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The simulated suppliers ({@link SupplierApp}) on the example HTTP server: in a process of their
 * own ({@link #main}, as the load test runs them), or beside the service ({@link #start}).
 */
public final class SupplierServer {

    private SupplierServer() {}

    /**
     * {@code java ... io.yieldpoint.examples.service.SupplierServer [port] [loops] [delay ms]}:
     * port 8090, 1 loop, 10 ms by default; on all interfaces.
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Duration delay = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 10);
        LoopServer server = start(new InetSocketAddress(port), loops, delay);
        System.out.println("simulated suppliers on " + server.address() + ", " + loops + " event-loop thread"
                + (loops == 1 ? "" : "s") + ", answering after " + delay.toMillis() + " ms");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join(); // until the process is stopped
    }

    /** The suppliers on {@code address}, on {@code loops} loops of their own, answering after {@code delay}. */
    public static LoopServer start(InetSocketAddress address, int loops, Duration delay) {
        SupplierApp app = SupplierAppCoroutines.of(() -> delay);
        return LoopServer.start("suppliers-loop", loops, address,
                listener -> HttpServerCoroutines.create().serve(listener, HttpLimits.DEFAULT, app::handle));
    }

    /** The suppliers on loopback, on a free port and one loop. */
    public static LoopServer start(Duration delay) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, delay);
    }
}
