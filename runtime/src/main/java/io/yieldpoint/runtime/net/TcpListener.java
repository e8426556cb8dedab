package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.EventLoopGroup;
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
 * Bound {@linkplain #bind(SocketAddress, EventLoopGroup) for a group}, it spreads the connections
 * it accepts over the group's loops.
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
 *       running there), except {@link #close()} and {@link #isOpen()}. A listener bound for a
 *       group hands each stream it accepts to the group's next loop instead.</li>
 *   <li>At most one {@code accept()} waits at a time.</li>
 *   <li>Cancelling a waiting {@code accept()} leaves the listener usable; no connection is lost
 *       (one that arrives meanwhile waits in the backlog for the next {@code accept()}).</li>
 *   <li>An error while accepting (say, the process is out of file descriptors: an
 *       {@code IOException} "Too many open files") fails that {@code accept()} but leaves the
 *       listener open: the condition may pass. It is transient: back off before accepting again
 *       (the pending connections wait in the backlog meanwhile, and an immediate retry would fail
 *       the same way); the example server pauses 10 ms, doubling up to 1 s. The listener does not
 *       spin meanwhile: it watches the socket only while an {@code accept()} waits.</li>
 *   <li>{@link #close()} fails a waiting {@code accept()} with {@link AsynchronousCloseException}.
 *       The event loop closes a listener still open when it shuts down.</li>
 * </ul>
 */
public final class TcpListener implements AutoCloseable {

    /** The backlog {@link #bind(SocketAddress)} asks for (the kernel may cap it: somaxconn). */
    public static final int DEFAULT_BACKLOG = 4096;

    private final EventLoop loop;
    /** Where accepted connections go: null for this listener's loop, else the loops of a group in turn. */
    private final @Nullable EventLoopGroup spreadOver;
    private final ServerSocketChannel channel;
    private final IoSelector.Registration registration;
    private final InetSocketAddress address;
    private @Nullable Promise<TcpStream> accepting;
    private boolean closed;

    private TcpListener(EventLoop loop, @Nullable EventLoopGroup spreadOver, ServerSocketChannel channel)
            throws IOException {
        this.loop = loop;
        this.spreadOver = spreadOver;
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
        return bind(address, backlog, null);
    }

    /**
     * As {@link #bind(SocketAddress)}, for a server on every loop of {@code group}: the listener
     * accepts on the current loop and hands each connection to the group's loops in turn
     * ({@link EventLoopGroup#next()}), so {@link #accept()} completes with a stream that belongs to
     * {@linkplain TcpStream#eventLoop() its loop}, which may be another one. Serve it there:
     *
     * <pre>{@code
     * TcpStream stream = await(listener.accept());
     * stream.eventLoop().execute(() -> connection(stream));   // the coroutine starts on the stream's loop
     * }</pre>
     */
    public static TcpListener bind(SocketAddress address, EventLoopGroup group) throws IOException {
        return bind(address, DEFAULT_BACKLOG, Objects.requireNonNull(group, "group"));
    }

    private static TcpListener bind(SocketAddress address, int backlog, @Nullable EventLoopGroup spreadOver)
            throws IOException {
        Objects.requireNonNull(address, "address");
        EventLoop loop = Loops.requireCurrent("TcpListener.bind");
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return new TcpListener(loop, spreadOver, channel);
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
                EventLoop target = nextLoop();
                if (target == loop) {
                    return Task.completed(TcpStream.accepted(loop, c));
                }
                Promise<TcpStream> p = new Promise<>();
                handOff(c, target, p);
                return p;
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
            EventLoop target = nextLoop();
            if (target != loop) {
                endAccept();
                handOff(c, target, p);
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

    private EventLoop nextLoop() {
        EventLoopGroup g = spreadOver;
        return g == null ? loop : g.next();
    }

    /**
     * Makes the stream of {@code c} on {@code target}'s thread (a socket is registered by its own
     * loop) and completes {@code accepted} with it there. If the accept was cancelled meanwhile, or
     * the stream cannot be made, the connection is closed: nothing is left open that nobody owns.
     * A group keeps every loop turning until all are quiet, so the message is run before any closes.
     */
    private static void handOff(SocketChannel c, EventLoop target, Promise<TcpStream> accepted) {
        target.execute(() -> {
            TcpStream stream;
            try {
                stream = TcpStream.accepted(target, c);
            } catch (IOException | RuntimeException e) {
                accepted.fail(e);
                return;
            }
            if (!accepted.complete(stream)) {
                stream.close();
            }
        });
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
