package io.yieldpoint.examples.http;

import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.TcpListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/** Starting the example server: in the foreground ({@link #main}) or on a thread of its own ({@link #start}). */
public final class Http {

    private Http() {}

    /**
     * Runs the server on the calling thread, its only event loop, until the process ends:
     * {@code java ... io.yieldpoint.examples.http.Http [port]} (8080 by default), on all interfaces.
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        EventLoop.run(() -> {
            TcpListener listener = listen(new InetSocketAddress(port));
            System.out.println("yieldpoint http server on " + listener.localAddress() + ", one event-loop thread ("
                    + Thread.currentThread().getName() + "); GET any path, 10 ms simulated back-end");
            return HttpServerCoroutines.create().serve(listener, HttpLimits.DEFAULT, DemoAppCoroutines.create()::handle);
        });
    }

    /** Binds a listener on the current event loop; an {@code IOException} becomes unchecked. */
    public static TcpListener listen(InetSocketAddress address) {
        try {
            return TcpListener.bind(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** A server running on its own event-loop thread; {@link #close()} stops it and waits for it. */
    public static final class Running implements AutoCloseable {
        private final Thread thread;
        private final CompletableFuture<Object[]> started = new CompletableFuture<>();

        private Running(HttpLimits limits) {
            thread = new Thread(() -> {
                try {
                    EventLoop.run(() -> {
                        TcpListener listener = listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                        var serve = HttpServerCoroutines.create().serve(listener, limits, DemoAppCoroutines.create()::handle);
                        started.complete(new Object[] {listener.localAddress(), EventLoop.current(), serve});
                        return serve;
                    });
                } catch (CancellationException stopped) {
                    // close() cancelled the server: the normal way out
                } catch (Throwable t) {
                    started.completeExceptionally(t);
                }
            }, "http-server-loop");
            thread.start();
        }

        /** Where it listens (loopback, a free port). */
        public InetSocketAddress address() {
            return (InetSocketAddress) started.join()[0];
        }

        /** Cancels the server coroutine: the listener closes, the loop cancels its connections and ends. */
        @Override
        public void close() {
            Object[] s = started.join();
            EventLoop loop = (EventLoop) s[1];
            io.yieldpoint.Task<?> serve = (io.yieldpoint.Task<?>) s[2];
            loop.execute(serve::cancel);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the demo server on loopback, on a thread of its own. */
    public static Running start(HttpLimits limits) {
        return new Running(limits);
    }
}
