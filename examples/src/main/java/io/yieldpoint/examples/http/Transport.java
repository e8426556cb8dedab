package io.yieldpoint.examples.http;

import io.yieldpoint.Task;
import io.yieldpoint.examples.tls.TlsStream;
import io.yieldpoint.runtime.net.ByteStream;
import io.yieldpoint.runtime.net.TcpStream;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/**
 * What a connection carries HTTP over: the TCP stream itself ({@link #PLAIN}), or TLS on it. The
 * server and the client speak HTTP to the {@link ByteStream} this gives them and never know which.
 *
 * <p>{@link #open} runs on the connection's own loop, in its own coroutine: a TLS handshake is one
 * more wait of the connection (under the server's idle timeout), never a wait of the accepting loop.
 * If it fails or is cancelled, the TCP stream is closed.
 */
@FunctionalInterface
public interface Transport {

    /** HTTP on the TCP stream as it is. */
    Transport PLAIN = Task::completed;

    /** The stream HTTP is to be spoken on, over the connection {@code tcp} just made or accepted. */
    Task<? extends ByteStream> open(TcpStream tcp);

    /** A server's TLS: the handshake with {@code context}'s key, then HTTP inside it (HTTPS). */
    static Transport tlsServer(SSLContext context) {
        return tcp -> TlsStream.server(tcp, context);
    }

    /**
     * A client's TLS: the handshake with {@code context}'s trust, the server's certificate checked
     * against {@code host}, then HTTP inside it.
     */
    static Transport tlsClient(SSLContext context, String host) {
        return tcp -> {
            InetSocketAddress peer = tcp.remoteAddress();
            return TlsStream.client(tcp, context, host, peer == null ? -1 : peer.getPort());
        };
    }
}
