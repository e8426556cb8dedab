package io.yieldpoint.examples.service;

import io.yieldpoint.Task;
import io.yieldpoint.examples.http.Http;
import io.yieldpoint.runtime.EventLoopGroup;
import io.yieldpoint.runtime.net.TcpListener;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A server on an event-loop group of its own: a listener bound for the group, whose connections
 * the group's loops share, served by a coroutine until {@link #close()} shuts the group down (the
 * listener and every connection closed, every loop thread ended).
 */
public final class LoopServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final InetSocketAddress address;

    private LoopServer(EventLoopGroup group, InetSocketAddress address) {
        this.group = group;
        this.address = address;
    }

    /**
     * Starts {@code loops} loops (threads named {@code threadName-n}), binds {@code address} (port 0:
     * a free one) and runs {@code serve} on the listener.
     */
    public static LoopServer start(String threadName, int loops, InetSocketAddress address,
            Function<TcpListener, Task<Void>> serve) {
        EventLoopGroup group = EventLoopGroup.builder().loops(loops).threadName(threadName).start();
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        group.spawn(() -> {
            TcpListener listener;
            try {
                listener = Http.listen(address, group);
            } catch (RuntimeException e) {
                bound.completeExceptionally(e);
                throw e;
            }
            bound.complete(listener.localAddress());
            return serve.apply(listener);
        });
        try {
            return new LoopServer(group, bound.join());
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** Shuts the group down and waits for it. */
    @Override
    public void close() {
        group.close();
    }
}
