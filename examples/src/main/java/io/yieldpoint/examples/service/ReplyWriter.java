package io.yieldpoint.examples.service;

import static io.yieldpoint.Co.*;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.runtime.net.ByteStream;
import java.nio.ByteBuffer;
import java.time.Duration;

/** The coroutines behind {@link Reply}: the writes of a whole answer and of a streamed one. */
interface ReplyWriter {

    @Coroutine
    default Task<Boolean> whole(ByteStream stream, HttpResponse response, boolean keepAlive, Duration idle) {
        await(withTimeout(idle, stream.write(response.encode(keepAlive))));
        return done(keepAlive);
    }

    /**
     * The head, then one write per line as the stream produces it ({@link Chunked}). The for-each
     * over {@code each(lines)} closes the stream on every way out, so a write that fails, or the
     * cancellation of this coroutine, stops the producer and runs its cleanup before this returns.
     */
    @Coroutine
    default Task<Boolean> lines(ByteStream stream, String contentType, AsyncStream<String> lines, HttpRequest request,
            Duration idle) {
        boolean chunked = Chunked.understoodBy(request.version());
        boolean keepAlive = chunked && request.keepAlive(); // without chunks, the end of the body is the end of the connection
        await(withTimeout(idle, stream.write(ByteBuffer.wrap(Chunked.head(contentType, chunked, keepAlive)))));
        for (String line : each(lines)) {
            await(withTimeout(idle, stream.write(ByteBuffer.wrap(Chunked.line(line, chunked)))));
        }
        if (chunked) {
            await(withTimeout(idle, stream.write(ByteBuffer.wrap(Chunked.last()))));
        }
        return done(keepAlive);
    }
}
