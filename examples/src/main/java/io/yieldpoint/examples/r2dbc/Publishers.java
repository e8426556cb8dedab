package io.yieldpoint.examples.r2dbc;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Streams;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;

/**
 * Reactive Streams publishers (R2DBC's {@code org.reactivestreams.Publisher}, which Reactor's
 * {@code Flux} and {@code Mono} are) read from coroutines, through the runtime's
 * {@link java.util.concurrent.Flow} bridge: many values as an {@link AsyncStream} with bounded
 * demand, one value or none as a {@link Task}.
 *
 * <p>In each case the publisher is subscribed to when the stream is opened or the task starts, and
 * leaving early (a consumer's {@code break}, a cancelled task) cancels the subscription.
 */
public final class Publishers {

    private Publishers() {}

    /**
     * {@code publisher}'s values as an async stream: each {@code open()} subscribes, and no more
     * than {@code demand} values are ever requested ahead of the consumer; closing the stream
     * cancels the subscription ({@link Streams#fromPublisher}).
     */
    public static <T> AsyncStream<T> stream(Publisher<? extends T> publisher, int demand) {
        return Streams.fromPublisher(FlowAdapters.toFlowPublisher(publisher), demand);
    }

    /**
     * The one value of {@code publisher} (a {@code Mono}, {@code ConnectionFactory.create()},
     * {@code Result.getRowsUpdated()}), once it has completed: fails with its error (the same
     * instance), or with {@link java.util.NoSuchElementException} if it completed with no value or
     * {@link IllegalStateException} with more than one. Cancelling the task cancels the subscription.
     */
    public static <T> Task<T> single(Publisher<? extends T> publisher) {
        return PublisherReadsCoroutines.create().single(publisher);
    }

    /**
     * The exception a publisher's error was made from, if Reactor wrapped it on its way: the
     * PostgreSQL driver's statement publisher ends with an {@code Exceptions.SourceException} around
     * the driver's {@code R2dbcException} (Reactor's {@code windowUntil} wraps the error it passes
     * on), which would hide the exception's type and SQL state from a {@code catch}.
     */
    public static RuntimeException unwrapped(RuntimeException e) {
        return Exceptions.unwrap(e) instanceof RuntimeException cause ? cause : e;
    }

    /**
     * A task that completes when {@code publisher} (a {@code Publisher<Void>} such as
     * {@code Connection.close()}) completes, with its error if it fails; values are ignored.
     */
    public static Task<Void> completion(Publisher<?> publisher) {
        return PublisherReadsCoroutines.create().completion(publisher);
    }
}
