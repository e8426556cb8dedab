package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.io.Dns;
import io.yieldpoint.runtime.sync.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A TCP connection driven by an {@link EventLoop}: every operation returns a {@link Task} that a
 * coroutine awaits, and no thread ever blocks on the socket.
 *
 * <pre>{@code
 * @Coroutine default Task<String> hello(InetSocketAddress server) {
 *     TcpStream s = await(TcpStream.connect(server));
 *     try {
 *         await(s.write(ByteBuffer.wrap("hello\n".getBytes(US_ASCII))));
 *         await(s.shutdownOutput());                        // half-close: the peer reads EOF
 *         BufferedLineReader in = new BufferedLineReader(s);
 *         return done(await(withTimeout(Duration.ofSeconds(5), in.readLine(1024))));
 *     } finally {
 *         s.close();
 *     }
 * }
 * }</pre>
 *
 * <h2>Operations</h2>
 * <table>
 *   <caption>what each operation waits for</caption>
 *   <tr><th>operation</th><th>completes when</th><th>if cancelled</th></tr>
 *   <tr><td>{@link #connect}</td><td>the connection is established (a host name is first resolved
 *       on the blocking pool)</td><td>the socket is closed</td></tr>
 *   <tr><td>{@link #read}</td><td>at least one byte has been read into the buffer: the count, or
 *       -1 at the end of the stream</td><td>nothing was read: the stream stays usable and the next
 *       read gets the data</td></tr>
 *   <tr><td>{@link #write}</td><td>every remaining byte of the buffer has been handed to the kernel;
 *       while the peer reads slowly and the kernel's buffer is full, the write waits (back-pressure)
 *       </td><td>the stream is closed: the peer may have received part of the data, so the byte
 *       stream cannot be resumed</td></tr>
 *   <tr><td>{@link #shutdownOutput}</td><td>at once: the peer reads end-of-stream, and this side may
 *       still read (half-close)</td><td>-</td></tr>
 * </table>
 * Each operation first tries at once; only if the socket is not ready does it register interest
 * with the loop's {@link IoSelector} and wait, so a read of data already received costs no
 * select. At most one read and one write may wait at a time (a second one fails with
 * {@code IllegalStateException}); a read and a write may wait together. Everything composes with
 * {@code withTimeout}, {@code any} and task groups, since those cancel what they give up on.
 *
 * <h2>Errors and closing</h2>
 * An I/O error in any operation closes the stream and fails that operation with the
 * {@code IOException}. {@link #close()} fails the operations waiting on the stream with an
 * {@link AsynchronousCloseException}; later operations fail with {@link ClosedChannelException}.
 * When the event loop shuts down, it closes every socket still registered with it, so a loop never
 * leaks a file descriptor.
 *
 * <h2>Threads</h2>
 * A stream belongs to the event loop that made it (the one current where {@code connect} was
 * called, or the listener's; for a listener bound for a group, the loop it handed the stream to). Its operations must be called on that loop's thread, that is from a
 * coroutine running there; from anywhere else they throw {@code IllegalStateException}. Only
 * {@link #close()} and {@link #isOpen()} may be called from any thread. TCP_NODELAY is on: a
 * request/response protocol should not wait for Nagle's algorithm.
 */
public final class TcpStream implements ByteStream {

    private final EventLoop loop;
    private final SocketChannel channel;
    private final IoSelector.Registration registration;

    private @Nullable Promise<TcpStream> connecting;
    /** The read waiting for the socket, and the buffer it reads into: both set, or both null. */
    private @Nullable Promise<Integer> reading;
    private @Nullable ByteBuffer readInto;
    /** The write waiting for the socket, and what is left to write: both set, or both null. */
    private @Nullable Promise<Void> writing;
    private @Nullable ByteBuffer writeFrom;
    /** Loop thread: the stream was closed and its waiting operations failed. */
    private boolean closed;

    private TcpStream(EventLoop loop, SocketChannel channel) throws IOException {
        this.loop = loop;
        this.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.registration = IoSelector.ofCurrentLoop().register(channel, new Events());
    }

    /** A stream over a connection just accepted by a listener of {@code loop}. */
    static TcpStream accepted(EventLoop loop, SocketChannel channel) throws IOException {
        try {
            return new TcpStream(loop, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    // ---------------------------------------------------------------- connect

    /**
     * Connects to {@code host:port}, resolving the name on the blocking pool first.
     *
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public static Task<TcpStream> connect(String host, int port) {
        return connect(InetSocketAddress.createUnresolved(host, port));
    }

    /**
     * Connects to {@code address} on the calling thread's event loop; an unresolved address is
     * first resolved on the blocking pool ({@link Dns#resolve}). Fails with the
     * {@code IOException} of the connection (for example {@code ConnectException} if nothing
     * listens); cancelling it closes the socket.
     *
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public static Task<TcpStream> connect(SocketAddress address) {
        Objects.requireNonNull(address, "address");
        EventLoop loop = Loops.requireCurrent("TcpStream.connect");
        if (address instanceof InetSocketAddress isa && isa.isUnresolved()) {
            return resolveThenConnect(loop, isa);
        }
        return connectResolved(loop, address);
    }

    private static Task<TcpStream> resolveThenConnect(EventLoop loop, InetSocketAddress unresolved) {
        Promise<TcpStream> result = new Promise<>();
        AbstractTask<InetAddress> dns = AbstractTask.of(Dns.resolve(unresolved.getHostString()));
        @Nullable Task<?>[] connecting = new Task<?>[1];
        result.onCancel(() -> Loops.onLoop(loop, () -> {
            dns.cancel();
            Task<?> c = connecting[0];
            if (c != null) {
                c.cancel();
            }
        }));
        dns.whenComplete(done -> Loops.onLoop(loop, () -> {
            Throwable failed = dns.exceptionNow();
            if (failed != null) {
                result.fail(failed);
                return;
            }
            if (result.isDone()) {
                return; // cancelled while resolving
            }
            AbstractTask<TcpStream> c = AbstractTask.of(
                    connectResolved(loop, new InetSocketAddress(dns.resultNow(), unresolved.getPort())));
            connecting[0] = c;
            c.whenComplete(connected -> {
                Throwable e = c.exceptionNow();
                if (e != null) {
                    result.fail(e);
                } else if (!result.complete(c.resultNow())) {
                    c.resultNow().close(); // cancelled meanwhile
                }
            });
        }));
        return result;
    }

    private static Task<TcpStream> connectResolved(EventLoop loop, SocketAddress address) {
        SocketChannel channel;
        TcpStream stream;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            return Task.failed(e);
        }
        try {
            stream = new TcpStream(loop, channel);
            if (channel.connect(address)) {
                return Task.completed(stream);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return Task.failed(e);
        }
        return stream.awaitConnect();
    }

    private Task<TcpStream> awaitConnect() {
        Promise<TcpStream> p = new Promise<>();
        connecting = p;
        p.onCancel(() -> close());
        registration.opStarted();
        registration.addInterest(SelectionKey.OP_CONNECT);
        return p;
    }

    private void connectReady() {
        Promise<TcpStream> p = connecting;
        if (p == null) {
            registration.removeInterest(SelectionKey.OP_CONNECT);
            return;
        }
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        registration.removeInterest(SelectionKey.OP_CONNECT);
        connecting = null;
        registration.opEnded();
        p.complete(this);
    }

    // ---------------------------------------------------------------- read

    /**
     * Reads into {@code dst}: completes with the number of bytes read (at least 1, or 0 if
     * {@code dst} has no room), or -1 at the end of the stream. Cancelling it leaves the stream
     * usable, with no byte lost.
     *
     * @throws IllegalStateException if called off the stream's loop, or while a read is waiting
     */
    @Override
    public Task<Integer> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        Loops.requireOwner(loop, this, "read");
        if (reading != null) {
            throw new IllegalStateException("a read is already waiting on " + this + "; await it first");
        }
        if (closed || !channel.isOpen()) {
            return Task.failed(new ClosedChannelException());
        }
        if (!dst.hasRemaining()) {
            return Task.completed(0);
        }
        int n;
        try {
            n = channel.read(dst);
        } catch (IOException e) {
            close();
            return Task.failed(e);
        }
        if (n != 0) {
            return Task.completed(n);
        }
        Promise<Integer> p = new Promise<>();
        reading = p;
        readInto = dst;
        p.onCancel(() -> Loops.onLoop(loop, () -> readCancelled(p)));
        registration.opStarted();
        registration.addInterest(SelectionKey.OP_READ);
        return p;
    }

    private void readCancelled(Promise<Integer> p) {
        if (reading == p) {
            endRead();
            // The interest stays: it is dropped at the next readiness if nobody reads by then,
            // which saves two system calls for the common "cancel, then read again".
        }
    }

    private void readReady() {
        Promise<Integer> p = reading;
        if (p == null) {
            registration.removeInterest(SelectionKey.OP_READ);
            return;
        }
        int n;
        try {
            n = channel.read(readInto);
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (n == 0) {
            return; // spurious readiness: keep waiting
        }
        endRead();
        // OP_READ stays in the interest set: the next read, usually soon, need not set it again.
        p.complete(n);
    }

    private void endRead() {
        reading = null;
        readInto = null;
        registration.opEnded();
    }

    // ---------------------------------------------------------------- write

    /**
     * Writes every remaining byte of {@code src}, waiting while the kernel's send buffer is full
     * (the peer reads slowly). Cancelling it closes the stream.
     *
     * @throws IllegalStateException if called off the stream's loop, or while a write is waiting
     */
    @Override
    public Task<Void> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        Loops.requireOwner(loop, this, "write");
        if (writing != null) {
            throw new IllegalStateException("a write is already waiting on " + this + "; await it first");
        }
        if (closed || !channel.isOpen()) {
            return Task.failed(new ClosedChannelException());
        }
        try {
            writeSome(src);
        } catch (IOException e) {
            close();
            return Task.failed(e);
        }
        if (!src.hasRemaining()) {
            return Loops.DONE;
        }
        Promise<Void> p = new Promise<>();
        writing = p;
        writeFrom = src;
        p.onCancel(() -> Loops.onLoop(loop, () -> writeCancelled(p)));
        registration.opStarted();
        registration.addInterest(SelectionKey.OP_WRITE);
        return p;
    }

    /** Writes {@code bytes}, all of them; see {@link #write(ByteBuffer)}. */
    public Task<Void> write(byte[] bytes) {
        return write(ByteBuffer.wrap(bytes));
    }

    private void writeSome(ByteBuffer src) throws IOException {
        while (src.hasRemaining() && channel.write(src) > 0) {
            // the kernel took some: try the rest
        }
    }

    private void writeCancelled(Promise<Void> p) {
        if (writing == p) {
            endWrite();
            close(); // part of the buffer may be gone: the byte stream cannot be resumed
        }
    }

    private void writeReady() {
        Promise<Void> p = writing;
        if (p == null) {
            registration.removeInterest(SelectionKey.OP_WRITE);
            return;
        }
        ByteBuffer src = Objects.requireNonNull(writeFrom); // set with writing
        try {
            writeSome(src);
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (src.hasRemaining()) {
            return;
        }
        // Unlike OP_READ, OP_WRITE must go at once: a socket is almost always writable, and a
        // standing interest would wake the loop at every select.
        registration.removeInterest(SelectionKey.OP_WRITE);
        endWrite();
        p.complete(null);
    }

    private void endWrite() {
        writing = null;
        writeFrom = null;
        registration.opEnded();
    }

    /**
     * Half-closes the stream: sends end-of-stream to the peer, which reads -1, while this side can
     * still read its answer.
     *
     * @throws IllegalStateException if called off the stream's loop, or while a write is waiting
     */
    @Override
    public Task<Void> shutdownOutput() {
        Loops.requireOwner(loop, this, "shutdownOutput");
        if (writing != null) {
            throw new IllegalStateException("a write is waiting on " + this + "; await it before shutdownOutput()");
        }
        try {
            channel.shutdownOutput();
            return Loops.DONE;
        } catch (IOException e) {
            close();
            return Task.failed(e);
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the stream and fails the operations waiting on it with an
     * {@link AsynchronousCloseException}. Idempotent. From another thread, the socket is closed
     * at once and the waiting operations fail at the loop's next turn.
     */
    @Override
    public void close() {
        if (!loop.inEventLoop()) {
            closeQuietly(channel);
            loop.execute(this::close);
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(channel); // cancels the key; the selector releases the descriptor at its next select
        failWaiting(new AsynchronousCloseException());
    }

    /** Whether the socket is open. Any thread. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** An I/O error: the stream closes, and what waited fails with {@code e}. */
    private void fail(IOException e) {
        closed = true;
        closeQuietly(channel);
        failWaiting(e);
    }

    private void failWaiting(IOException e) {
        Promise<TcpStream> c = connecting;
        if (c != null) {
            connecting = null;
            registration.opEnded();
            c.fail(e);
        }
        Promise<Integer> r = reading;
        if (r != null) {
            endRead();
            r.fail(e);
        }
        Promise<Void> w = writing;
        if (w != null) {
            endWrite();
            w.fail(e);
        }
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket: nothing a caller could do about it
        }
    }

    // ---------------------------------------------------------------- introspection

    /** The local address, or null if unbound or closed. */
    public @Nullable InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** The peer's address, or null if not connected or closed. */
    public @Nullable InetSocketAddress remoteAddress() {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** The event loop this stream belongs to. */
    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "TcpStream[" + (channel.isOpen() ? localAddress() + " -> " + remoteAddress() : "closed") + "]";
    }

    /** The selector's calls, kept off the public API. */
    private final class Events implements IoSelector.Handler {
        @Override
        public void ready(int readyOps) {
            if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
                connectReady();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && !closed) {
                readReady();
            }
            if ((readyOps & SelectionKey.OP_WRITE) != 0 && !closed) {
                writeReady();
            }
        }

        @Override
        public void loopClosed() {
            closed = true;
            failWaiting(new AsynchronousCloseException());
        }
    }
}
