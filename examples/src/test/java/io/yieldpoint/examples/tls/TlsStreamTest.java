package io.yieldpoint.examples.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsStream} against the JDK's TLS on loopback, with a key store made by {@code keytool} for
 * this run ({@link TestKeys}): a client and a server of its own, the JDK's {@code SSLSocket} as the
 * peer (TLS 1.2 and 1.3), renegotiation refused, a TLS 1.3 key update handled, an untrusted server,
 * a read under {@code withTimeout}, a peer that leaves without close_notify.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsStreamTest {

    private static TestKeys keys;

    @BeforeAll
    static void makeKeys(@TempDir Path dir) throws Exception {
        keys = TestKeys.make(dir);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    // ------------------------------------------------------------------ coroutines of the tests

    /** What the tests run on an event loop. */
    interface Peers {
        /** Reads until {@code end} (kept) or the end of the data; null if the data ended first. */
        @Coroutine
        default Task<String> readUntil(TlsStream s, char end) {
            StringBuilder sb = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (true) {
                buf.clear();
                int n = Co.await(s.read(buf));
                if (n < 0) {
                    return Co.done(sb.length() == 0 ? null : sb.toString());
                }
                buf.flip();
                sb.append(US_ASCII.decode(buf));
                if (sb.indexOf(String.valueOf(end)) >= 0) {
                    return Co.done(sb.toString());
                }
            }
        }

        /** Accepts one connection, reads a line, answers it in capitals, sends close_notify, reads to the end. */
        @Coroutine
        default Task<String> serveOne(TcpListener listener, SSLContext context) {
            TlsStream tls = Co.await(TlsStream.server(Co.await(listener.accept()), context));
            try {
                String line = Co.await(readUntil(tls, '\n'));
                Co.await(tls.write(ByteBuffer.wrap(line.toUpperCase(java.util.Locale.ROOT).getBytes(US_ASCII))));
                Co.await(tls.shutdownOutput());
                String rest = Co.await(readUntil(tls, '\n'));
                return Co.done(line + (rest == null ? "<close_notify>" : rest));
            } finally {
                tls.close();
            }
        }

        @Coroutine
        default Task<List<String>> echoOverTls(TcpListener listener, SSLContext server, SSLContext client) {
            Task<String> served = serveOne(listener, server);
            TcpStream tcp = Co.await(TcpStream.connect(listener.localAddress()));
            TlsStream tls = Co.await(TlsStream.client(tcp, client, "localhost", listener.localAddress().getPort()));
            try {
                Co.await(tls.write(ByteBuffer.wrap("hello over tls\n".getBytes(US_ASCII))));
                String answer = Co.await(readUntil(tls, '\n'));
                String end = Co.await(readUntil(tls, '\n'));
                Co.await(tls.shutdownOutput());
                List<String> out = new ArrayList<>();
                out.add(answer);
                out.add(String.valueOf(end));
                out.add(Co.await(served));
                out.add(tls.session().getProtocol());
                return Co.done(out);
            } finally {
                tls.close();
            }
        }

        /** Serves a TLS 1.2 or 1.3 engine to a JDK client: the lines it reads until the end, or its failure. */
        @Coroutine
        default Task<List<String>> serveLines(TcpListener listener, SSLEngine engine) {
            TlsStream tls = Co.await(TlsStream.server(Co.await(listener.accept()), engine));
            List<String> lines = new ArrayList<>();
            try {
                while (true) {
                    String line = Co.await(readUntil(tls, '\n'));
                    if (line == null) {
                        return Co.done(lines);
                    }
                    lines.add(line.strip());
                    Co.await(tls.write(ByteBuffer.wrap(("ok " + line).getBytes(US_ASCII))));
                }
            } catch (Exception e) {
                if (!(e instanceof SSLException)) {
                    throw e;
                }
                lines.add("failed: " + e.getMessage());
                return Co.done(lines);
            } finally {
                tls.close();
            }
        }

        /** Accepts one connection and runs the server's handshake on it. */
        @Coroutine
        default Task<TlsStream> acceptTls(TcpListener listener, SSLContext context) {
            return Co.done(Co.await(TlsStream.server(Co.await(listener.accept()), context)));
        }

        /** A client whose handshake must fail: the failure it got, and the server's. */
        @Coroutine
        default Task<List<Throwable>> untrusted(TcpListener listener, SSLContext server, SSLContext client) {
            Task<TlsStream> accepted = acceptTls(listener, server); // runs alongside the client's connect
            TcpStream tcp = Co.await(TcpStream.connect(listener.localAddress()));
            List<Throwable> failures = new ArrayList<>();
            try {
                Co.await(TlsStream.client(tcp, client, "localhost", listener.localAddress().getPort()));
            } catch (Exception e) {
                failures.add(e);
            }
            failures.add(tcp.isOpen() ? null : new IllegalStateException("the client's TCP stream is closed"));
            try {
                Co.await(accepted);
            } catch (Exception e) {
                failures.add(e);
            }
            return Co.done(failures);
        }

        /** A read that times out, then the data that comes later: the stream is still usable. */
        @Coroutine
        default Task<List<String>> readTimesOutThenReads(TcpListener listener, SSLContext server, SSLContext client) {
            CompletableFuture<Void> go = new CompletableFuture<>();
            Task<TlsStream> accepted = acceptTls(listener, server); // runs alongside the client's connect
            TlsStream tls = Co.await(TlsStream.client(Co.await(TcpStream.connect(listener.localAddress())), client,
                    "localhost", listener.localAddress().getPort()));
            TlsStream srv = Co.await(accepted);
            Task<Void> late = lateWrite(srv, go);
            List<String> out = new ArrayList<>();
            try {
                Co.await(Co.withTimeout(Duration.ofMillis(50), readUntil(tls, '\n')));
                out.add("read before the data");
            } catch (Exception e) {
                if (!(e instanceof TimeoutException)) {
                    throw e;
                }
                out.add("timed out");
            }
            go.complete(null);
            out.add(Co.await(readUntil(tls, '\n')));
            Co.await(late);
            tls.close();
            srv.close();
            return Co.done(out);
        }

        @Coroutine
        default Task<Void> lateWrite(TlsStream s, CompletableFuture<Void> go) {
            Co.await(go);
            Co.await(s.write(ByteBuffer.wrap("late data\n".getBytes(US_ASCII))));
            return Co.done();
        }

        /** A server that accepts and never speaks TLS: the client's handshake under withTimeout. */
        @Coroutine
        default Task<List<String>> handshakeTimesOut(TcpListener listener, SSLContext client) {
            Task<TcpStream> silent = listener.accept();
            TcpStream tcp = Co.await(TcpStream.connect(listener.localAddress()));
            List<String> out = new ArrayList<>();
            try {
                Co.await(Co.withTimeout(Duration.ofMillis(50),
                        TlsStream.client(tcp, client, "localhost", listener.localAddress().getPort())));
                out.add("handshake done");
            } catch (Exception e) {
                if (!(e instanceof TimeoutException)) {
                    throw e;
                }
                out.add("timed out");
            }
            out.add(tcp.isOpen() ? "tcp open" : "tcp closed");
            Co.await(silent).close();
            return Co.done(out);
        }

        /** The server leaves without close_notify: the client's read fails. */
        @Coroutine
        default Task<Throwable> truncated(TcpListener listener, SSLContext server, SSLContext client) {
            Task<TlsStream> accepted = acceptTls(listener, server); // runs alongside the client's connect
            TlsStream tls = Co.await(TlsStream.client(Co.await(TcpStream.connect(listener.localAddress())), client,
                    "localhost", listener.localAddress().getPort()));
            TlsStream srv = Co.await(accepted);
            Co.await(srv.write(ByteBuffer.wrap("partial\n".getBytes(US_ASCII))));
            srv.close(); // no close_notify
            try {
                String first = Co.await(readUntil(tls, '\n'));
                Co.await(readUntil(tls, '\n'));
                return Co.done(new AssertionError("no failure after " + first));
            } catch (Exception e) {
                return Co.done(e);
            } finally {
                tls.close();
            }
        }
    }

    private static final Peers PEERS = TlsStreamTest_PeersCoroutines.create();

    // ------------------------------------------------------------------ tests

    @Test
    void aClientAndAServerExchangeDataAndEndWithCloseNotify() throws Exception {
        List<String> out = EventLoop.run(() -> {
            try {
                return PEERS.echoOverTls(TcpListener.bind(loopback()), keys.serverContext(), keys.clientContext());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
        });
        assertEquals("HELLO OVER TLS\n", out.get(0), "the server's answer");
        assertEquals("null", out.get(1), "then the server's close_notify: the end of the data");
        assertEquals("hello over tls\n<close_notify>", out.get(2), "the server read the line, then the client's close_notify");
        assertEquals("TLSv1.3", out.get(3));
    }

    @Test
    void theJdksSslSocketTalksToTheServerOnTls12AndTls13() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            List<String> lines = serveJdkClient(protocol, false);
            assertEquals(List.of("one", "two", "client " + protocol), lines, protocol);
        }
    }

    @Test
    void aTls13KeyUpdateIsHandledAndTheDataGoesOn() throws Exception {
        List<String> lines = serveJdkClient("TLSv1.3", true); // startHandshake() again: a KeyUpdate on TLS 1.3
        assertEquals(List.of("one", "two", "client TLSv1.3"), lines);
    }

    @Test
    void renegotiationIsRefused() throws Exception {
        List<String> lines = serveJdkClient("TLSv1.2", true); // startHandshake() again: a renegotiation on TLS 1.2
        assertEquals("one", lines.get(0));
        assertTrue(lines.get(1).startsWith("failed: TLS renegotiation refused (TLSv1.2)"), lines::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("client failed: "), lines::toString);
    }

    /**
     * A JDK {@code SSLSocket} client on another thread writes "one", optionally starts a second
     * handshake, writes "two", and ends; the server's lines, then what the client saw.
     */
    private static List<String> serveJdkClient(String protocol, boolean secondHandshake) throws Exception {
        TcpListener[] bound = new TcpListener[1];
        CompletableFuture<String> clientSaw = new CompletableFuture<>();
        List<String> lines = EventLoop.run(() -> {
            try {
                bound[0] = TcpListener.bind(loopback());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
            int port = bound[0].localAddress().getPort();
            Thread client = new Thread(() -> clientSaw.complete(jdkClient(port, protocol, secondHandshake)), "jdk-tls-client");
            client.setDaemon(true);
            client.start();
            SSLEngine engine = keys.serverContext().createSSLEngine();
            engine.setEnabledProtocols(new String[] {protocol});
            return PEERS.serveLines(bound[0], engine);
        });
        List<String> all = new ArrayList<>(lines);
        all.add(clientSaw.get(30, TimeUnit.SECONDS));
        return all;
    }

    private static String jdkClient(int port, String protocol, boolean secondHandshake) {
        try (SSLSocket s = (SSLSocket) keys.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("one\n".getBytes(US_ASCII));
            out.flush();
            readLine(in);
            if (secondHandshake) {
                s.startHandshake();
            }
            out.write("two\n".getBytes(US_ASCII));
            out.flush();
            readLine(in);
            return "client " + s.getSession().getProtocol();
        } catch (Exception e) {
            return "client failed: " + e;
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    @Test
    void aServerTheClientDoesNotTrustFailsTheHandshakeOnBothSidesAndClosesTheirStreams() throws Exception {
        List<Throwable> failures = EventLoop.run(() -> {
            try {
                return PEERS.untrusted(TcpListener.bind(loopback()), keys.serverContext(), keys.strangerContext());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
        });
        assertInstanceOf(SSLHandshakeException.class, failures.get(0), failures::toString);
        assertNotNull(failures.get(1), "the client's TCP stream was closed");
        assertInstanceOf(SSLException.class, failures.get(2), failures::toString);
    }

    @Test
    void aReadCancelledByWithTimeoutLosesNothingAndTheStreamGoesOn() throws Exception {
        List<String> out = EventLoop.run(() -> {
            try {
                return PEERS.readTimesOutThenReads(TcpListener.bind(loopback()), keys.serverContext(), keys.clientContext());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
        });
        assertEquals(List.of("timed out", "late data\n"), out);
    }

    @Test
    void aHandshakeCutShortByWithTimeoutClosesItsTcpStream() throws Exception {
        List<String> out = EventLoop.run(() -> {
            try {
                return PEERS.handshakeTimesOut(TcpListener.bind(loopback()), keys.clientContext());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
        });
        assertEquals(List.of("timed out", "tcp closed"), out);
    }

    @Test
    void aPeerThatLeavesWithoutCloseNotifyFailsTheRead() throws Exception {
        Throwable failure = EventLoop.run(() -> {
            try {
                return PEERS.truncated(TcpListener.bind(loopback()), keys.serverContext(), keys.clientContext());
            } catch (java.io.IOException e) {
                return Task.failed(e);
            }
        });
        assertInstanceOf(SSLException.class, failure, String.valueOf(failure));
    }
}
