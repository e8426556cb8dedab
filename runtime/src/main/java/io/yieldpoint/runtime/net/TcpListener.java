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
import java.util.ArrayDeque;
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
    /** A listener for a group: streams made on their loops, back here, waiting for an accept. */
    private final ArrayDeque<TcpStream> arrived = new ArrayDeque<>();
    /** A listener for a group: connections handed to another loop, not back yet. */
    private int inFlight;

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
        if (spreadOver != null) {
            TcpStream ready = arrived.poll();
            if (ready != null) {
                return Task.completed(ready);
            }
            IOException failure = drainBacklog();
            ready = arrived.poll();
            if (ready != null) {
                return Task.completed(ready);
            }
            if (failure != null && inFlight == 0) {
                return Task.failed(failure);
            }
            return waitForConnection(); // a stream in flight, or the next connection
        }
        try {
            SocketChannel c = channel.accept();
            if (c != null) {
                return Task.completed(TcpStream.accepted(loop, c));
            }
        } catch (IOException e) {
            return Task.failed(e);
        }
        return waitForConnection();
    }

    private Task<TcpStream> waitForConnection() {
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
        if (spreadOver != null) {
            IOException failure = drainBacklog();
            TcpStream ready = arrived.poll();
            if (ready != null) {
                deliver(p, ready);
            } else if (failure != null && inFlight == 0) {
                endAccept();
                p.fail(failure);
            }
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

    /**
     * A listener for a group: accepts every connection waiting in the backlog now, and hands each
     * to the next loop of the group, which makes its stream (a socket is registered by its own loop)
     * and sends it back here, to {@link #arrived}. Draining the backlog at once, instead of one
     * connection per round trip to another loop, keeps a burst of connections from overflowing it.
     * The failure of an accept (out of descriptors) ends the draining; it is returned, not thrown.
     */
    private @Nullable IOException drainBacklog() {
        EventLoopGroup group = Objects.requireNonNull(spreadOver);
        while (true) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                return e;
            }
            if (c == null) {
                return null;
            }
            EventLoop target = group.next();
            if (target == loop) {
                try {
                    arrived.add(TcpStream.accepted(loop, c));
                } catch (IOException e) {
                    return e; // that connection is closed; the others go on at the next accept
                }
            } else {
                inFlight++;
                target.execute(() -> {
                    TcpStream made = madeOn(target, c); // on the target's thread: it registers the socket
                    loop.execute(() -> streamArrived(made));
                });
            }
        }
    }

    /** The stream of an accepted connection, made on its own loop; null if it could not be (then closed). */
    private static @Nullable TcpStream madeOn(EventLoop target, SocketChannel c) {
        try {
            return TcpStream.accepted(target, c);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A stream made on its loop is back: to the waiting accept, else kept for the next one. On a
     * closed listener it is closed: nothing is left open that nobody owns. (If the listener's loop
     * has closed, this message is dropped, and the stream's own loop closes it when it closes.)
     */
    private void streamArrived(@Nullable TcpStream stream) {
        inFlight--;
        if (stream == null) {
            return;
        }
        if (closed) {
            stream.close();
            return;
        }
        Promise<TcpStream> p = accepting;
        if (p != null) {
            deliver(p, stream);
        } else {
            arrived.add(stream);
        }
    }

    private void deliver(Promise<TcpStream> p, TcpStream stream) {
        endAccept();
        if (!p.complete(stream)) {
            arrived.addFirst(stream); // the accept was cancelled meanwhile: the next one takes it
        }
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
        closeArrived();
    }

    private void closeArrived() {
        for (TcpStream s; (s = arrived.poll()) != null; ) {
            s.close();
        }
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
            closeArrived();
        }
    }
}
