package io.yieldpoint.examples.tls;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.ByteStream;
import io.yieldpoint.runtime.net.TcpStream;
import io.yieldpoint.runtime.sync.Mutex;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A TLS connection over a {@link TcpStream}: the JDK's {@link SSLEngine} does the protocol, this
 * class moves its bytes, and every operation is a task that a coroutine awaits, as the stream's own.
 * It is a {@link ByteStream}, so that a protocol written over one (a {@code BufferedLineReader},
 * the example HTTP server) runs over TLS unchanged.
 *
 * <pre>{@code
 * TlsStream tls = await(TlsStream.client(await(TcpStream.connect(host, 443)), context, host, 443));
 * await(tls.write(ByteBuffer.wrap(request)));
 * int n = await(withTimeout(Duration.ofSeconds(5), tls.read(buffer)));
 * await(tls.shutdownOutput());   // close_notify
 * tls.close();
 * }</pre>
 *
 * <h2>Design</h2>
 * The engine's buffers live here: {@code netIn} (bytes read from the socket, not yet unwrapped)
 * and {@code appIn} (bytes unwrapped, not yet read), both kept ready for writing into between
 * operations, and {@code netOut} (one wrapped record on its way out). The coroutines that drive the
 * engine are in {@link TlsSteps}: the handshake (its delegated tasks on the blocking pool), reads,
 * writes and the close_notify. Every outbound record goes out under one {@link Mutex}, so that a
 * write and a close_notify never interleave their records. A read that is cancelled (by a
 * {@code withTimeout}, say) while it waits for the socket loses nothing: the socket's read leaves
 * the stream usable, and nothing was unwrapped yet.
 *
 * <h2>What it refuses</h2>
 * <ul>
 *   <li><b>Renegotiation</b>: a handshake that starts after the first one, on TLS 1.2 or older,
 *       fails the read that meets it with {@code SSLException} and closes the stream (TLS 1.3 has
 *       no renegotiation; its post-handshake messages are handled);</li>
 *   <li><b>Truncation</b>: the end of the TCP stream without the peer's close_notify fails the read
 *       with {@code SSLException}, as the engine reports it, rather than looking like the end of the
 *       data;</li>
 *   <li>a client checks the server's name against its certificate (endpoint identification
 *       {@code HTTPS}).</li>
 * </ul>
 * Session resumption is what the engine gives: a context's engines for the same peer resume.
 *
 * <h2>Threads</h2>
 * As {@link TcpStream}: the stream's loop only; {@link #close()} from anywhere.
 */
public final class TlsStream implements ByteStream {

    static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final TlsSteps STEPS = TlsStepsCoroutines.create();

    final TcpStream tcp;
    final SSLEngine engine;
    /** Serializes outbound records: writes, handshake messages, close_notify. */
    final Mutex outbound = new Mutex();
    ByteBuffer netIn;
    ByteBuffer appIn;
    ByteBuffer netOut;
    /** The peer's close_notify has been read, or the TCP stream ended. */
    boolean inboundDone;

    private TlsStream(TcpStream tcp, SSLEngine engine) {
        this.tcp = tcp;
        this.engine = engine;
        SSLSession s = engine.getSession();
        this.netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(s.getPacketBufferSize());
    }

    /**
     * The client's side of a TLS connection over {@code tcp}, to {@code host} (the name its
     * certificate must carry): completes once the handshake has. If the handshake fails or is
     * cancelled, {@code tcp} is closed.
     */
    public static Task<TlsStream> client(TcpStream tcp, SSLContext context, String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return handshake(new TlsStream(tcp, engine));
    }

    /**
     * The server's side of a TLS connection over {@code tcp}: completes once the handshake has. If
     * the handshake fails or is cancelled, {@code tcp} is closed.
     */
    public static Task<TlsStream> server(TcpStream tcp, SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return handshake(new TlsStream(tcp, engine));
    }

    /**
     * As {@link #server(TcpStream, SSLContext)} with the engine's parameters set by the caller
     * (protocols, client authentication): for servers that need more than the defaults.
     */
    public static Task<TlsStream> server(TcpStream tcp, SSLEngine engine) {
        engine.setUseClientMode(false);
        return handshake(new TlsStream(tcp, engine));
    }

    // The generated methods throw nothing (a coroutine's exceptions fail its task); the interface
    // declares SSLException for the awaiting callers, hence the catch blocks below, never taken.

    private static Task<TlsStream> handshake(TlsStream s) {
        try {
            return STEPS.handshake(s);
        } catch (SSLException e) {
            return Task.failed(e);
        }
    }

    /**
     * Reads decrypted bytes into {@code dst}: at least one (or 0 if {@code dst} has no room), or -1
     * once the peer has sent close_notify. Cancelling it while it waits loses nothing.
     */
    @Override
    public Task<Integer> read(ByteBuffer dst) {
        try {
            return STEPS.read(this, dst);
        } catch (SSLException e) {
            return Task.failed(e);
        }
    }

    /** Encrypts and sends every remaining byte of {@code src}. Cancelling it closes the stream. */
    @Override
    public Task<Void> write(ByteBuffer src) {
        try {
            return STEPS.write(this, src);
        } catch (SSLException e) {
            return Task.failed(e);
        }
    }

    /**
     * Sends close_notify: the peer reads the end of the data, and this side may still read until it
     * reads the peer's. Further writes fail.
     */
    @Override
    public Task<Void> shutdownOutput() {
        try {
            return STEPS.shutdownOutput(this);
        } catch (SSLException e) {
            return Task.failed(e);
        }
    }

    /** Closes the TCP stream (without close_notify: {@link #shutdownOutput()} first for a clean end). */
    @Override
    public void close() {
        tcp.close();
    }

    /** The session the handshake made: protocol, cipher suite, the peer's certificates. */
    public SSLSession session() {
        return engine.getSession();
    }

    /** The TCP stream's loop: every operation but {@link #close()} runs on its thread. */
    @Override
    public EventLoop eventLoop() {
        return tcp.eventLoop();
    }

    /** The TCP stream underneath. */
    public TcpStream tcp() {
        return tcp;
    }

    // ---------------------------------------------------------------- the engine's buffers

    /** Unwraps what {@code netIn} holds into {@code appIn}, growing {@code appIn} if the engine asks. */
    SSLEngineResult unwrap() throws SSLException {
        for (;;) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !netIn.hasRemaining()) {
                netIn = grow(netIn, engine.getSession().getPacketBufferSize()); // a record larger than the buffer
            }
            return r;
        }
    }

    /** Wraps from {@code src} into {@code netOut} (cleared first, flipped after), growing it if needed. */
    SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        for (;;) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            netOut.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(netOut.capacity() + engine.getSession().getPacketBufferSize());
                continue;
            }
            return r;
        }
    }

    /** Moves unwrapped bytes to {@code dst}: how many. */
    int drainTo(ByteBuffer dst) {
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        ByteBuffer slice = appIn.duplicate();
        slice.limit(slice.position() + n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        appIn.compact();
        return n;
    }

    /** Runs the engine's delegated tasks (certificate checks, key exchange): on the blocking pool. */
    @SuppressWarnings("NullAway") // Void: nothing to return
    Void runDelegatedTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
        return null;
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    @Override
    public String toString() {
        return "TLS over " + tcp;
    }
}
