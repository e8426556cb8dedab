package io.yieldpoint.examples.service;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.runtime.net.ByteStream;
import java.time.Duration;

/**
 * What a {@link StreamingHandler} answers: a whole response ({@link #whole}), written at once with
 * its Content-Length, or lines that arrive over time ({@link #lines}), each written as it comes.
 */
@FunctionalInterface
public interface Reply {

    /**
     * Writes the answer to {@code request} on {@code stream}, each write bounded by
     * {@code idleTimeout} (a client that does not read is not waited for longer); completes with
     * whether the connection may serve another request.
     */
    Task<Boolean> writeTo(ByteStream stream, HttpRequest request, Duration idleTimeout);

    /** {@code response}, written in one piece. */
    static Reply whole(HttpResponse response) {
        return (stream, request, idle) -> ReplyWriterCoroutines.create().whole(stream, response, request.keepAlive(), idle);
    }

    /**
     * A 200 answer whose body is {@code lines}, one line each: the stream is read only as fast as the
     * client takes the lines, and closed (its producer's {@code finally} blocks run) however the
     * answer ends: written, failed, or cancelled because the client left.
     */
    static Reply lines(String contentType, AsyncStream<String> lines) {
        return (stream, request, idle) -> ReplyWriterCoroutines.create().lines(stream, contentType, lines, request, idle);
    }
}
