package io.yieldpoint.examples.tls;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Dispatch;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** The coroutines that drive a {@link TlsStream}'s engine; see the stream's comment. */
interface TlsSteps {

    /** The first handshake; {@code s}'s TCP stream is closed if it fails or is cancelled. */
    @Coroutine
    default Task<TlsStream> handshake(TlsStream s) throws SSLException {
        boolean done = false;
        try {
            s.engine.beginHandshake();
            await(s.outbound.lock());
            try {
                await(drive(s));
            } finally {
                s.outbound.unlock();
            }
            done = true;
            return done(s);
        } finally {
            if (!done) {
                s.tcp.close();
            }
        }
    }

    /** Runs the engine's handshake until it needs nothing more; the caller holds {@code outbound}. */
    @Coroutine
    default Task<Void> drive(TlsStream s) throws SSLException {
        while (true) {
            HandshakeStatus status = s.engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = s.wrap(TlsStream.EMPTY);
                if (s.netOut.hasRemaining()) {
                    await(s.tcp.write(s.netOut));
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED && !s.engine.isOutboundDone()) {
                    throw new SSLException("the TLS engine closed during the handshake");
                }
            } else if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                SSLEngineResult r = s.unwrap();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    int n = await(s.tcp.read(s.netIn));
                    if (n < 0) {
                        s.engine.closeInbound(); // throws: the peer left during the handshake
                        throw new SSLException("the peer closed the connection during the handshake");
                    }
                } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the peer closed TLS during the handshake");
                }
            } else if (status == HandshakeStatus.NEED_TASK) {
                await(Dispatch.blocking(s::runDelegatedTasks));
            } else {
                return done(); // FINISHED, NOT_HANDSHAKING
            }
        }
    }

    @Coroutine
    default Task<Integer> read(TlsStream s, ByteBuffer dst) throws SSLException {
        while (true) {
            if (s.appIn.position() > 0 || !dst.hasRemaining()) {
                return done(s.drainTo(dst));
            }
            if (s.inboundDone) {
                return done(-1);
            }
            SSLEngineResult r = s.unwrap();
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                s.inboundDone = true; // the peer's close_notify
            } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                int n = await(s.tcp.read(s.netIn));
                if (n < 0) {
                    s.inboundDone = true;
                    s.engine.closeInbound(); // throws SSLException: truncated, no close_notify
                }
            } else if (r.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                    && r.getHandshakeStatus() != HandshakeStatus.FINISHED) {
                await(postHandshake(s));
            }
        }
    }

    /**
     * A handshake message after the first handshake: TLS 1.3's (a new session ticket, a key update)
     * are handled; on older protocols it is a renegotiation, refused.
     */
    @Coroutine
    default Task<Void> postHandshake(TlsStream s) throws SSLException {
        if (!"TLSv1.3".equals(s.engine.getSession().getProtocol())) {
            s.tcp.close();
            throw new SSLException("TLS renegotiation refused (" + s.engine.getSession().getProtocol()
                    + "): the connection is closed");
        }
        await(s.outbound.lock());
        try {
            await(drive(s));
        } finally {
            s.outbound.unlock();
        }
        return done();
    }

    @Coroutine
    default Task<Void> write(TlsStream s, ByteBuffer src) throws SSLException {
        await(s.outbound.lock());
        try {
            while (src.hasRemaining()) {
                SSLEngineResult r = s.wrap(src);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS stream is closed for writing (close_notify sent)");
                }
                await(s.tcp.write(s.netOut));
            }
        } finally {
            s.outbound.unlock();
        }
        return done();
    }

    @Coroutine
    default Task<Void> shutdownOutput(TlsStream s) throws SSLException {
        await(s.outbound.lock());
        try {
            s.engine.closeOutbound();
            while (!s.engine.isOutboundDone()) {
                s.wrap(TlsStream.EMPTY);
                if (s.netOut.hasRemaining()) {
                    await(s.tcp.write(s.netOut));
                }
            }
        } finally {
            s.outbound.unlock();
        }
        return done();
    }
}
