package io.yieldpoint.examples.service;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.BodyBudget;
import io.yieldpoint.examples.http.HttpException;
import io.yieldpoint.examples.http.HttpLimits;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.examples.http.HttpServer;
import io.yieldpoint.examples.http.HttpServerCoroutines;
import io.yieldpoint.runtime.TaskGroup;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.LineTooLongException;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * The example HTTP/1.1 server with two more abilities that a service needs: answers streamed as
 * they are produced ({@link Reply#lines}), and a request whose client leaves is cancelled.
 *
 * <h2>Design</h2>
 * Requests are read and refused exactly as by the example {@link HttpServer}, whose
 * {@link HttpServer#readRequest} this server calls; one coroutine serves each connection, on the
 * loop the listener handed it to. What differs is how a request is answered
 * ({@link #answerWhileWatching}): in a task group of two, the handler and its answer's writes on one
 * side, and on the other a watcher that reads the connection for its end. If the client closes (or
 * resets) the connection first, the watcher fails, and the group cancels the handler: whatever it
 * awaits (a database call, calls to other services, the next line of a stream) is cancelled and
 * unwinds, and the group completes once it has. If the answer is written first, the watcher is
 * cancelled. Without the watcher, nobody would read the socket while the handler works, and a
 * client that left would only be noticed at the first write, once all the work was done.
 *
 * <p>The watcher reads {@code readLine(0)}: a read that takes nothing from the reader but empty
 * lines (which {@code readRequest} skips anyway). At the end of the stream it completes with null
 * (the client left); when bytes of a next request arrive (a client that pipelines), it fails with
 * {@link LineTooLongException} at once, and the bytes stay buffered for the next
 * {@code readRequest}: the watcher stops there, since the client is still there. A client that
 * half-closes its side after its request (allowed by TCP, rare in HTTP) is taken as gone, as Netty
 * takes it by default.
 *
 * <h2>Threads</h2>
 * Each connection's coroutines (its reads, the handler, the writes, the watcher) run on the loop
 * of its stream; the handler may move elsewhere (the blocking pool for JDBC) and come back.
 */
public interface StreamingServer {

    /** The example server's request parsing, reused as it is. */
    HttpServer REQUESTS = HttpServerCoroutines.create();

    /**
     * Accepts connections until cancelled, each served by its own {@link #connection} coroutine on
     * the loop the listener hands it to. An accept that fails (out of descriptors) is logged, and
     * accepting resumes after a pause ({@link HttpServer#ACCEPT_PAUSE_MIN_MILLIS}).
     */
    @Coroutine
    @SuppressWarnings("YP-TaskDiscarded") // a connection reports its own failure: HttpServer.reportFailure
    default Task<Void> serve(TcpListener listener, HttpLimits limits, StreamingHandler handler) {
        BodyBudget bodies = new BodyBudget(limits.maxBodiesInFlight());
        try {
            while (true) {
                TcpStream stream;
                try {
                    stream = await(listener.accept(), IOException.class);
                } catch (IOException refused) {
                    HttpServer.LOG.log(System.Logger.Level.WARNING, "streaming server: accept failed (" + refused + ")");
                    await(sleep(HttpServer.ACCEPT_PAUSE_MIN_MILLIS));
                    continue;
                }
                stream.eventLoop().execute(() -> HttpServer.reportFailure(connection(stream, limits, handler, bodies)));
            }
        } finally {
            listener.close();
        }
    }

    /** Serves the requests of one connection, kept alive, until the client closes, errs or idles. */
    @Coroutine
    default Task<Void> connection(TcpStream stream, HttpLimits limits, StreamingHandler handler, BodyBudget bodies) {
        BufferedLineReader in = new BufferedLineReader(stream);
        try {
            boolean open = true;
            while (open) {
                HttpRequest request;
                try {
                    request = await(withTimeout(limits.idleTimeout(), REQUESTS.readRequest(in, stream, limits, bodies)));
                } catch (HttpException refused) {
                    HttpResponse answer = HttpResponse.error(refused.status(), refused.detail());
                    await(withTimeout(limits.idleTimeout(), stream.write(answer.encode(false))));
                    return done();
                }
                if (request == null) {
                    return done(); // the client closed between two requests
                }
                try {
                    open = await(TaskGroup.scope(group -> answerWhileWatching(group, in, request, limits, handler)));
                } finally {
                    bodies.give(request.body().length);
                }
            }
            return done();
        } catch (Exception gone) {
            // The client left (ClientLeftException), a write failed or waited past the idle
            // timeout, or the loop is shutting down: there is no one to answer.
            return done();
        } finally {
            stream.close();
        }
    }

    /**
     * Answers {@code request} in {@code group} (see the class comment): the answer here, the
     * watcher as the group's other child. Completes with whether the connection stays open.
     */
    @Coroutine
    default Task<Boolean> answerWhileWatching(TaskGroup group, BufferedLineReader in, HttpRequest request,
            HttpLimits limits, StreamingHandler handler) {
        Task<Void> watcher = group.add(failWhenClientLeaves(in));
        try {
            Reply reply;
            try {
                reply = await(handler.handle(request));
            } catch (CancellationException stop) {
                throw stop;
            } catch (RuntimeException failed) {
                reply = Reply.whole(HttpResponse.error(500, String.valueOf(failed.getMessage())));
            }
            return done(await(reply.writeTo(in.stream(), request, limits.idleTimeout())));
        } finally {
            watcher.cancel();
        }
    }

    /**
     * Fails with {@link ClientLeftException} once the client has closed or reset the connection;
     * completes (with nothing to report) if the client sends its next request meanwhile; otherwise
     * waits until cancelled. Takes no byte of a request from {@code in}.
     */
    @Coroutine
    default Task<Void> failWhenClientLeaves(BufferedLineReader in) {
        try {
            while (await(in.readLine(0), IOException.class) != null) {
                // an empty line between requests, which readRequest would skip: watch on
            }
        } catch (LineTooLongException nextRequest) {
            return done(); // the client pipelines: its request stays buffered, and it is there
        } catch (IOException reset) {
            // reset, or the connection ended in the middle of a line: the client left all the same
        }
        throw new ClientLeftException();
    }
}
