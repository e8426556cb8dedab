package io.yieldpoint.examples.http;

import io.yieldpoint.examples.tls.KeyStores;
import io.yieldpoint.runtime.EventLoopGroup;
import io.yieldpoint.runtime.net.TcpListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** Starting the example server: in the foreground ({@link #main}) or on a thread of its own ({@link #start}). */
public final class Http {

    private Http() {}

    /**
     * Runs the server until the process ends, on all interfaces:
     * {@code java ... io.yieldpoint.examples.http.Http [port] [loops] [keystore password]}, port 8080
     * and one loop per processor by default. With a PKCS#12 key store and its password (as
     * {@code keytool -genkeypair -storetype PKCS12} makes them), it serves HTTPS with the store's key
     * instead of plain HTTP. The calling thread is the first loop; the listener accepts there and
     * hands each connection to the loops in turn.
     */
    public static void main(String[] args) throws IOException, GeneralSecurityException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : EventLoopGroup.defaultSize();
        if (args.length == 3 || args.length > 4) {
            throw new IllegalArgumentException("usage: Http [port] [loops] [keystore password]");
        }
        boolean tls = args.length == 4;
        Transport transport = tls
                ? Transport.tlsServer(KeyStores.serverContext(Path.of(args[2]), args[3].toCharArray()))
                : Transport.PLAIN;
        EventLoopGroup.builder().loops(loops).threadName("http-loop").run(() -> {
            EventLoopGroup group = EventLoopGroup.current();
            TcpListener listener = listen(new InetSocketAddress(port), group);
            System.out.println("yieldpoint http" + (tls ? "s" : "") + " server on " + listener.localAddress() + ", "
                    + loops + " event-loop thread" + (loops == 1 ? "" : "s")
                    + "; GET any path, 10 ms simulated back-end (/cpu...: and ~100 us of work)");
            return HttpServerCoroutines.create().serve(listener, transport, HttpLimits.DEFAULT,
                    DemoAppCoroutines.create()::handle);
        });
    }

    /** Binds a listener on the current event loop that spreads its connections over {@code group}. */
    public static TcpListener listen(InetSocketAddress address, @Nullable EventLoopGroup group) {
        try {
            return group == null ? TcpListener.bind(address) : TcpListener.bind(address, group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** Binds a listener on the current event loop; an {@code IOException} becomes unchecked. */
    public static TcpListener listen(InetSocketAddress address) {
        return listen(address, null);
    }

    /**
     * A server running on an event-loop group of its own; {@link #close()} shuts the group down
     * (the listener and every connection closed, every loop thread ended) and waits for it.
     */
    public static final class Running implements AutoCloseable {
        private final EventLoopGroup group;
        private final InetSocketAddress address;

        private Running(HttpLimits limits, Transport transport, int loops) {
            group = EventLoopGroup.builder().loops(loops).threadName("http-server-loop").start();
            CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
            group.spawn(() -> {
                TcpListener listener;
                try {
                    listener = listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), group);
                } catch (RuntimeException e) {
                    bound.completeExceptionally(e);
                    throw e;
                }
                bound.complete(listener.localAddress());
                return HttpServerCoroutines.create().serve(listener, transport, limits, DemoAppCoroutines.create()::handle);
            });
            try {
                address = bound.join();
            } catch (RuntimeException e) {
                group.close();
                throw e;
            }
        }

        /** Where it listens (loopback, a free port). */
        public InetSocketAddress address() {
            return address;
        }

        /** The loops that serve it. */
        public EventLoopGroup group() {
            return group;
        }

        /** Shuts the server's group down: the listener closes, every connection is cancelled, the threads end. */
        @Override
        public void close() {
            group.close();
        }
    }

    /** Starts the demo server on loopback, on a group of two event loops of its own. */
    public static Running start(HttpLimits limits) {
        return start(limits, Transport.PLAIN);
    }

    /** As {@link #start(HttpLimits)}, its connections opened by {@code transport} (TLS, say). */
    public static Running start(HttpLimits limits, Transport transport) {
        return new Running(limits, transport, 2);
    }
}
