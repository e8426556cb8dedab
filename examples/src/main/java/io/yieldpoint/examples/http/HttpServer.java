package io.yieldpoint.examples.http;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.ByteStream;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.concurrent.CancellationException;
import java.util.Map;

/**
 * An HTTP/1.1 server as coroutines: one coroutine per connection, on one event-loop thread or
 * spread over the loops of a group (one thread each).
 * Each reads requests one after the other on its kept-alive connection, awaits the handler (which
 * may itself await a back-end), and writes the answer. Every {@code await} frees the thread for the
 * other connections, which is why one thread can hold ten thousand of them.
 *
 * <p>Refused requests: a malformed request line, header or Content-Length gets 400, and so do
 * bytes that another hop could read differently (a control character in the target or in a header
 * value, a bare CR, a second Host, a Content-Length other than digits); a request line over the
 * limit 414; a header line, the headers together or their count over the limit 431; a body over
 * the limit 413; an expectation other than {@code 100-continue} 417; Transfer-Encoding 501; a body
 * while the server already holds {@link HttpLimits#maxBodiesInFlight()} bytes of bodies 503; a
 * version other than 1.0 and 1.1 505. After such an answer the connection is closed, since the
 * rest of the bytes cannot be trusted.
 *
 * <p>Also: {@code Expect: 100-continue} is answered before the body is read; empty lines before a
 * request line are skipped; a body is held in memory that grows with the bytes received; a client
 * that does not take its answers for the idle timeout is disconnected.
 *
 * <p>Over TLS ({@link Transport#tlsServer}): each connection first completes its handshake, under
 * the idle timeout like every other wait on the client, then reads and writes HTTP through the
 * {@code TlsStream} exactly as through the TCP stream, with the same limits. A handshake that fails
 * (a client speaking plain HTTP to the TLS port, or offering no protocol version or cipher suite the
 * server accepts) closes that connection only. When the server ends a connection, it ends its data
 * first (close_notify over TLS, so that the client can tell the end from a cut; a FIN over TCP),
 * then closes.
 */
public interface HttpServer {

    /**
     * Accepts connections until cancelled, each served by its own {@link #connection} coroutine.
     * Nobody awaits a connection: it runs alongside the others, and a failure of one goes to the
     * loop's uncaught-exception handler (hence the suppressed YP-TaskDiscarded).
     *
     * <p>An accept that fails while the listener is open (the process is out of file descriptors,
     * say) does not end the server: it logs a warning ({@link #LOG}), stops accepting for a
     * while (10 ms, doubling up to 1 s while the failures go on; the pending connections wait in
     * the backlog) and accepts again, as Netty and Tomcat do. Nothing spins meanwhile.
     */
    @Coroutine
    @SuppressWarnings("YP-TaskDiscarded")
    default Task<Void> serve(TcpListener listener, Transport transport, HttpLimits limits, HttpHandler handler) {
        BodyBudget bodies = new BodyBudget(limits.maxBodiesInFlight());
        try {
            long pauseMillis = 0;
            while (true) {
                TcpStream stream;
                try {
                    stream = await(listener.accept());
                } catch (RuntimeException e) {
                    throw e; // cancelled, or a bug: the server ends
                } catch (Exception refused) {
                    // An IOException: the listener stays open, the condition may pass.
                    pauseMillis = Math.min(pauseMillis == 0 ? ACCEPT_PAUSE_MIN_MILLIS : pauseMillis * 2,
                            ACCEPT_PAUSE_MAX_MILLIS);
                    LOG.log(System.Logger.Level.WARNING, "http server: accept failed (" + refused
                            + "); accepting again in " + pauseMillis + " ms");
                    await(sleep(pauseMillis));
                    continue;
                }
                pauseMillis = 0;
                // Not awaited: it runs alongside the others, on the stream's loop (this one, or
                // another loop of the group the listener spreads its connections over).
                stream.eventLoop().execute(() -> reportFailure(connection(stream, transport, limits, handler, bodies)));
            }
        } finally {
            listener.close();
        }
    }

    /** {@link #serve(TcpListener, Transport, HttpLimits, HttpHandler)} over plain TCP. */
    default Task<Void> serve(TcpListener listener, HttpLimits limits, HttpHandler handler) {
        return serve(listener, Transport.PLAIN, limits, handler);
    }

    /**
     * Logs as an error ({@link #LOG}), as soon as it happens, that a connection coroutine failed: it
     * handles its peer's errors itself, so what reaches here is a bug or an error of the JVM
     * (out of memory), which nobody awaits a connection to see.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // the callback is what is wanted; it cannot throw
    static void reportFailure(Task<Void> connection) {
        connection.toCompletableFuture().whenComplete((ignored, failure) -> {
            if (failure != null && !(failure instanceof CancellationException)) {
                LOG.log(System.Logger.Level.ERROR, "http server: a connection failed", failure);
            }
        });
    }

    /** Where the server says what goes wrong: a {@code System.Logger} (docs/integrations.md). */
    System.Logger LOG = System.getLogger("io.yieldpoint.examples.http");

    /** Empty lines skipped before a request line, at most. */
    int MAX_LEADING_EMPTY_LINES = 4;

    /** The interim answer to {@code Expect: 100-continue}. */
    ByteBuffer CONTINUE = ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
            .asReadOnlyBuffer();

    /** The first pause after a failed accept. */
    long ACCEPT_PAUSE_MIN_MILLIS = 10;

    /** The longest pause between accepts that keep failing. */
    long ACCEPT_PAUSE_MAX_MILLIS = 1000;

    /**
     * Serves the requests of one connection, kept alive, until the client closes or errs. Every
     * wait on the client has the idle timeout: for the transport's handshake, for its next request,
     * and for it to take an answer (a client that never reads would otherwise hold the connection
     * and its answers for good).
     */
    @Coroutine
    default Task<Void> connection(TcpStream tcp, Transport transport, HttpLimits limits, HttpHandler handler,
            BodyBudget bodies) {
        ByteStream stream = tcp;
        try {
            stream = await(withTimeout(limits.idleTimeout(), transport.open(tcp)));
            BufferedLineReader in = new BufferedLineReader(stream);
            while (true) {
                HttpRequest request;
                try {
                    request = await(withTimeout(limits.idleTimeout(), readRequest(in, stream, limits, bodies)));
                } catch (HttpException refused) {
                    ByteBuffer answer = HttpResponse.error(refused.status(), refused.detail()).encode(false);
                    await(withTimeout(limits.idleTimeout(), stream.write(answer)));
                    break;
                }
                if (request == null) {
                    break; // the client closed between two requests
                }
                try {
                    HttpResponse response;
                    try {
                        response = await(handler.handle(request));
                    } catch (RuntimeException failed) {
                        response = HttpResponse.error(500, String.valueOf(failed.getMessage()));
                    }
                    await(withTimeout(limits.idleTimeout(), stream.write(response.encode(request.keepAlive()))));
                } finally {
                    bodies.give(request.body().length);
                }
                if (!request.keepAlive()) {
                    break;
                }
            }
            // The end of the data: close_notify over TLS (the client can tell it from a cut), a FIN over TCP.
            await(withTimeout(limits.idleTimeout(), stream.shutdownOutput()));
            return done();
        } catch (Exception gone) {
            // The handshake failed, the peer went away (reset, end of stream mid-request), the
            // connection waited on it past limits.idleTimeout() (a TimeoutException: checked, so
            // javac only lets it be caught here), or the loop is shutting down: no one to answer.
            return done();
        } finally {
            stream.close();
        }
    }

    /**
     * The next request, or null if the connection ends cleanly before it starts. Empty lines before
     * the request line are skipped (RFC 9112 2.2: a client may send a CRLF after a body); its body
     * is taken from {@code bodies} (given back by the caller once answered).
     */
    @Coroutine
    default Task<HttpRequest> readRequest(BufferedLineReader in, ByteStream stream, HttpLimits limits,
            BodyBudget bodies) {
        String requestLine;
        try {
            requestLine = await(in.readLine(limits.maxRequestLine()));
            for (int skipped = 0; requestLine != null && requestLine.isEmpty() && skipped < MAX_LEADING_EMPTY_LINES;
                    skipped++) {
                requestLine = await(in.readLine(limits.maxRequestLine()));
            }
        } catch (Exception e) {
            throw HttpParsing.readFailure(e, 414);
        }
        if (requestLine == null) {
            return done(null);
        }
        String[] parts = HttpParsing.requestLine(requestLine);
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        while (true) {
            String line;
            try {
                line = await(in.readLine(limits.maxHeaderLine()));
            } catch (Exception e) {
                throw HttpParsing.readFailure(e, 431);
            }
            if (line == null) {
                throw new IllegalStateException("the connection ended in the middle of the headers");
            }
            if (line.isEmpty()) {
                break;
            }
            headerBytes += line.length() + 2;
            if (headerBytes > limits.maxHeaderBytes()) {
                throw new HttpException(431, "the headers are longer than " + limits.maxHeaderBytes() + " bytes");
            }
            if (headers.size() >= limits.maxHeaders()) {
                throw new HttpException(431, "more than " + limits.maxHeaders() + " headers");
            }
            HttpParsing.header(headers, line);
        }
        HttpParsing.requireHost(parts[2], headers);
        int length = HttpParsing.contentLength(headers, limits);
        boolean sendContinue = HttpParsing.expectsContinue(parts[2], headers);
        if (length == 0) {
            return done(new HttpRequest(parts[0], parts[1], parts[2], headers, new byte[0]));
        }
        if (!bodies.tryTake(length)) {
            throw new HttpException(503, "the server holds too many request bodies; retry later");
        }
        boolean read = false;
        try {
            if (sendContinue) {
                await(stream.write(CONTINUE.duplicate())); // RFC 9110 10.1.1: the client waits for it
            }
            byte[] body = await(in.readExactly(length)); // grows with the bytes that arrive
            read = true;
            return done(new HttpRequest(parts[0], parts[1], parts[2], headers, body));
        } finally {
            if (!read) {
                bodies.give(length);
            }
        }
    }
}
