package io.yieldpoint.examples.http;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.examples.http.HttpServerTest.readLine;
import static io.yieldpoint.examples.http.HttpServerTest.readResponse;
import static io.yieldpoint.examples.http.HttpServerTest.status;
import static io.yieldpoint.examples.http.HttpServerTest.withIdleTimeout;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.tls.KeyStores;
import io.yieldpoint.examples.tls.TestKeys;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.ByteStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server over TLS ({@link Transport#tlsServer}) with a key store made by {@code keytool}
 * for the run: round trips, keep-alive and pipelining through the JDK's {@code SSLSocket}; the
 * server's limits as over TCP (a refusal, a client that never reads, a client that never finishes
 * its handshake); a plain-text client on the TLS port; the example client over TLS; and, when it has
 * stopped, not one socket left open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpServerOverTlsTest {

    private static TestKeys keys;
    private static int descriptorsBefore;
    private static Http.Running server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        keys = TestKeys.make(dir);
        HttpServerTest.warmUp();
        descriptorsBefore = HttpServerTest.networkDescriptors();
        server = Http.start(HttpLimits.DEFAULT, Transport.tlsServer(keys.serverContext()));
    }

    @AfterAll
    static void stopAndCountDescriptors() {
        server.close();
        assertEquals(descriptorsBefore, HttpServerTest.networkDescriptors(),
                "sockets or selectors left open after the server stopped");
    }

    /** A TLS client socket to {@code address}, trusting the test server's certificate, handshake done. */
    private static SSLSocket connect(InetSocketAddress address) throws IOException {
        SSLSocket s = (SSLSocket) keys.clientContext().getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
        s.setSoTimeout(20_000); // a safety net only: every read below expects data or the end
        s.startHandshake();
        return s;
    }

    private static Socket connectInPlainText(InetSocketAddress address) throws IOException {
        Socket s = new Socket(address.getAddress(), address.getPort());
        s.setSoTimeout(20_000);
        return s;
    }

    private static void send(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(US_ASCII));
        out.flush();
    }

    /** The next byte, or -1 at the end of the data or if the peer reset the connection. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    // ------------------------------------------------------------------ round trips

    /** What the tests run on an event loop. */
    interface Ending {
        /**
         * Sends {@code request} over TLS, reads the answer, then reads on: "status end" if the server
         * then ended its data with close_notify. A {@code TlsStream} fails that read with
         * {@code SSLException} if the TCP stream ends without it (truncation), unlike the JDK's
         * {@code SSLSocket}, which reads -1 either way.
         */
        @Coroutine
        default Task<String> answerThenEnd(InetSocketAddress address, Transport tls, String request) {
            HttpClient client = HttpClientCoroutines.create();
            ByteStream s = await(client.connect(address, tls));
            try {
                await(s.write(ByteBuffer.wrap(request.getBytes(US_ASCII))));
                BufferedLineReader in = new BufferedLineReader(s);
                ClientResponse r = await(client.readResponse(in));
                String after = await(in.readLine(100));
                return done(r.status() + (after == null ? " end" : " then " + after));
            } finally {
                s.close();
            }
        }
    }

    private static String answerThenEnd(String request) {
        Transport tls = Transport.tlsClient(keys.clientContext(), "localhost");
        return EventLoop.run(() -> HttpServerOverTlsTest_EndingCoroutines.create().answerThenEnd(server.address(), tls,
                request));
    }

    @Test
    void aGetIsAnsweredAndTheServerEndsWithCloseNotify() {
        assertEquals("200 end", answerThenEnd("GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void keepAliveAndPipelining() throws IOException {
        try (SSLSocket s = connect(server.address())) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            InputStream in = s.getInputStream();
            for (int i = 0; i < 5; i++) {
                send(s, "GET /" + i + " HTTP/1.1\r\nHost: test\r\n\r\n");
                String r = readResponse(in);
                assertEquals(200, status(r));
                assertTrue(r.endsWith("hello /" + i + "\n"), r);
            }
            // Pipelined: two requests in one TLS record, two answers in order.
            send(s, "GET /x HTTP/1.1\r\nHost: t\r\n\r\nGET /y HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(readResponse(in).endsWith("hello /x\n"));
            assertTrue(readResponse(in).endsWith("hello /y\n"));
        }
    }

    @Test
    void aPostBodyOfManyRecordsAndExpectContinue() throws IOException {
        String body = "x".repeat(100_000); // about seven TLS records each way
        try (SSLSocket s = connect(server.address())) {
            send(s, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            String r = readResponse(s.getInputStream());
            assertEquals(200, status(r));
            assertTrue(r.endsWith("\n\n" + body), "the body came back");

            send(s, "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", readLine(s.getInputStream()));
            assertEquals("", readLine(s.getInputStream()));
            send(s, "hello");
            assertTrue(readResponse(s.getInputStream()).endsWith("\n\nhello"));
        }
    }

    // ------------------------------------------------------------------ the limits, as over TCP

    @Test
    void aMalformedRequestIs400AndTheConnectionEndsWithCloseNotify() {
        assertEquals("400 end", answerThenEnd("NOT HTTP\r\n\r\n"));
    }

    @Test
    void anOversizedHeaderIs431() throws IOException {
        try (SSLSocket s = connect(server.address())) {
            send(s, "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n");
            assertEquals(431, status(readResponse(s.getInputStream())));
        }
    }

    @Test
    void aClientThatNeverFinishesItsHandshakeIsClosedAfterTheIdleTimeout() throws IOException {
        try (Http.Running strict = Http.start(withIdleTimeout(Duration.ofMillis(300)),
                Transport.tlsServer(keys.serverContext()));
                Socket silent = connectInPlainText(strict.address());
                Socket halfHello = connectInPlainText(strict.address())) {
            // One sends nothing; the other the first bytes of a TLS record and no more. The server
            // waits for the rest of each handshake for the idle timeout, then closes: before the
            // client's 20 s safety net, or this read would throw SocketTimeoutException.
            send(halfHello, "\u0016\u0003\u0001\u0002");
            assertEquals(-1, readOrReset(silent.getInputStream()));
            assertEquals(-1, readOrReset(halfHello.getInputStream()));
        }
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedAfterTheIdleTimeout() throws IOException {
        try (Http.Running strict = Http.start(withIdleTimeout(Duration.ofMillis(300)),
                Transport.tlsServer(keys.serverContext()));
                SSLSocket s = connect(strict.address())) {
            HttpServerTest.assertCutOffWhileNotReading(s); // as over TCP
        }
    }

    @Test
    void aPlainTextClientOnTheTlsPortIsClosedAndTheServerGoesOn() throws IOException {
        try (Socket plain = connectInPlainText(server.address())) {
            send(plain, "GET /in-clear HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(-1, readOrReset(plain.getInputStream()), "no answer in plain text");
        }
        try (SSLSocket s = connect(server.address())) {
            send(s, "GET /still-here HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, status(readResponse(s.getInputStream())));
        }
    }

    // ------------------------------------------------------------------ the example client, the key store

    @Test
    void theExampleClientOverTls() {
        Transport tls = Transport.tlsClient(keys.clientContext(), "localhost");
        List<ClientResponse> session = EventLoop.run(
                () -> HttpClientCoroutines.create().session(server.address(), tls, List.of("/a", "/b", "/c")));
        assertEquals(List.of("hello /a\n", "hello /b\n", "hello /c\n"),
                session.stream().map(ClientResponse::body).toList());
        // 100 connections x 4 requests, each connection with its own handshake, on one loop.
        int ok = EventLoop.run(() -> HttpClientCoroutines.create().load(server.address(), tls, 100, 4));
        assertEquals(400, ok);
    }

    @Test
    void theExampleClientRefusesAServerItDoesNotTrust() {
        Transport untrusting = Transport.tlsClient(keys.strangerContext(), "localhost");
        // EventLoop.run rethrows the session's failure as it is: the handshake's, checked or not.
        assertThrows(SSLHandshakeException.class, () -> EventLoop.run(
                () -> HttpClientCoroutines.create().session(server.address(), untrusting, List.of("/a"))));
    }

    @Test
    void aServerWithTheKeyOfAPkcs12KeyStoreFile() throws Exception {
        // What Http's main does with [keystore password]: the load test's TLS server.
        Transport fromFile = Transport.tlsServer(KeyStores.serverContext(keys.serverKeyStore(), TestKeys.password()));
        try (Http.Running fromStore = Http.start(HttpLimits.DEFAULT, fromFile);
                SSLSocket s = connect(fromStore.address())) {
            send(s, "GET /from-file HTTP/1.1\r\nHost: t\r\n\r\n");
            assertTrue(readResponse(s.getInputStream()).endsWith("hello /from-file\n"));
        }
    }
}
