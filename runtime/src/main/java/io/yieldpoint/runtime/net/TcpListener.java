package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A listening TCP socket on an {@link EventLoop}: {@link #accept()} is a task a coroutine awaits.
 *
 * <pre>{@code
 * @Coroutine default Task<Void> serve(TcpListener listener) {
 *     try {
 *         while (true) {
 *             TcpStream connection = await(listener.accept());
 *             handle(connection);          // a coroutine of its own: not awaited, it runs alongside
 *         }
 *     } finally {
 *         listener.close();
 *     }
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A listener belongs to the event loop current where {@link #bind} was called, and so do the
 *       streams it accepts; its methods must be called on that loop's thread (from a coroutine
 *       running there), except {@link #close()} and {@link #isOpen()}.</li>
 *   <li>At most one {@code accept()} waits at a time.</li>
 *   <li>Cancelling a waiting {@code accept()} leaves the listener usable; no connection is lost
 *       (one that arrives meanwhile waits in the backlog for the next {@code accept()}).</li>
 *   <li>An error while accepting (say, the process is out of file descriptors) fails that
 *       {@code accept()} but leaves the listener open: the condition may pass.</li>
 *   <li>{@link #close()} fails a waiting {@code accept()} with {@link AsynchronousCloseException}.
 *       The event loop closes a listener still open when it shuts down.</li>
 * </ul>
 */
public final class TcpListener implements AutoCloseable {

    /** The backlog {@link #bind(SocketAddress)} asks for (the kernel may cap it: somaxconn). */
    public static final int DEFAULT_BACKLOG = 4096;

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final IoSelector.Registration registration;
    private final InetSocketAddress address;
    private @Nullable Promise<TcpStream> accepting;
    private boolean closed;

    private TcpListener(EventLoop loop, ServerSocketChannel channel) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.registration = IoSelector.ofCurrentLoop().register(channel, new Events());
    }

    /**
     * Listens on {@code address} (port 0: any free port, see {@link #localAddress()}), with
     * {@code SO_REUSEADDR} and a backlog of {@value #DEFAULT_BACKLOG}.
     *
     * @throws IOException if the address cannot be bound
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public static TcpListener bind(SocketAddress address) throws IOException {
        return bind(address, DEFAULT_BACKLOG);
    }

    /** As {@link #bind(SocketAddress)}, with the given backlog of pending connections. */
    public static TcpListener bind(SocketAddress address, int backlog) throws IOException {
        Objects.requireNonNull(address, "address");
        EventLoop loop = Loops.requireCurrent("TcpListener.bind");
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return new TcpListener(loop, channel);
        } catch (IOException | RuntimeException e) {
            TcpStream.closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The next connection, as a stream on this listener's loop. Cancelling it leaves the listener
     * usable.
     *
     * @throws IllegalStateException if called off the listener's loop, or while an accept waits
     */
    public Task<TcpStream> accept() {
        Loops.requireOwner(loop, this, "accept");
        if (accepting != null) {
            throw new IllegalStateException("an accept() is already waiting on " + this + "; await it first");
        }
        if (closed || !channel.isOpen()) {
            return Task.failed(new ClosedChannelException());
        }
        try {
            SocketChannel c = channel.accept();
            if (c != null) {
                return Task.completed(TcpStream.accepted(loop, c));
            }
        } catch (IOException e) {
            return Task.failed(e);
        }
        Promise<TcpStream> p = new Promise<>();
        accepting = p;
        p.onCancel(() -> Loops.onLoop(loop, () -> {
            if (accepting == p) {
                endAccept(); // the interest stays until the next readiness, as for reads
            }
        }));
        registration.opStarted();
        registration.addInterest(SelectionKey.OP_ACCEPT);
        return p;
    }

    private void acceptReady() {
        Promise<TcpStream> p = accepting;
        if (p == null) {
            registration.removeInterest(SelectionKey.OP_ACCEPT);
            return;
        }
        TcpStream stream;
        try {
            SocketChannel c = channel.accept();
            if (c == null) {
                return;
            }
            stream = TcpStream.accepted(loop, c);
        } catch (IOException e) {
            endAccept();
            p.fail(e);
            return;
        }
        endAccept();
        p.complete(stream);
    }

    private void endAccept() {
        accepting = null;
        registration.opEnded();
    }

    /** The address it listens on, with the actual port if 0 was asked for. */
    public InetSocketAddress localAddress() {
        return address;
    }

    /** Whether it still listens. Any thread. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Stops listening and fails a waiting {@code accept()} with {@link AsynchronousCloseException}.
     * Idempotent; from another thread, the waiting accept fails at the loop's next turn. Streams
     * already accepted are not affected.
     */
    @Override
    public void close() {
        if (!loop.inEventLoop()) {
            TcpStream.closeQuietly(channel);
            loop.execute(this::close);
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        TcpStream.closeQuietly(channel);
        failWaiting();
    }

    private void failWaiting() {
        Promise<TcpStream> p = accepting;
        if (p != null) {
            endAccept();
            p.fail(new AsynchronousCloseException());
        }
    }

    /** The event loop this listener belongs to. */
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "TcpListener[" + address + (channel.isOpen() ? "" : ", closed") + "]";
    }

    private final class Events implements IoSelector.Handler {
        @Override
        public void ready(int readyOps) {
            if (!closed) {
                acceptReady();
            }
        }

        @Override
        public void loopClosed() {
            closed = true;
            failWaiting();
        }
    }
}
