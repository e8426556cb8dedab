package io.yieldpoint;

import io.yieldpoint.internal.StreamOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values that arrive over time: what a {@code @Coroutine} method returning {@code AsyncStream<T>}
 * produces with {@link Co#emit(Object)}, awaiting between values as it needs.
 *
 * <p>An async stream is <em>cold</em> and <em>pull-based</em>, like Kotlin's {@code Flow} and C#'s
 * {@code IAsyncEnumerable<T>}: nothing runs until a consumer {@linkplain #open() opens} it, and
 * the producer then runs to its next {@code emit} only when the consumer asks for the next value
 * ({@link Cursor#next()}). Every {@link #open()} runs the producer afresh. Closing a cursor before
 * the end ({@link Cursor#close()}) resumes the producer at its pending {@code emit} with a signal
 * that unwinds its body, so its {@code finally} blocks run, awaits included; the task
 * {@code close()} returns completes once they have.
 *
 * <p>Inside a coroutine, consume it with a for-each loop over {@link Co#each(AsyncStream)}, which
 * the processor lowers like C#'s {@code await foreach}: every way out of the loop (its end,
 * {@code break}, {@code return}, an exception, the cancellation of the consumer) closes the cursor
 * and waits for the producer's cleanup. From plain code, use {@link #toList()} or iterate
 * {@code Co.each(stream)}, which blocks (refused on an event-loop thread).
 *
 * @param <T> the type of the values
 */
public interface AsyncStream<T extends @Nullable Object> {

    /** Starts a new run of the producer, which it pulls through the returned cursor. */
    Cursor<T> open();

    /**
     * One run of an async stream, pulled by one consumer: call {@link #next()}, await it, read
     * {@link #current()} if it was true, and so on; then {@link #close()}, always. Not for
     * concurrent use: one {@code next()} at a time.
     *
     * @param <T> the type of the values
     */
    interface Cursor<T extends @Nullable Object> {

        /**
         * Asks the producer for its next value: a task that completes with true when it has
         * emitted one ({@link #current()}), false when it has ended, or with the exception that
         * ended it (the same instance).
         */
        Task<Boolean> next();

        /** The value the last {@link #next()} that completed with true made current. */
        T current();

        /**
         * Stops the producer, if it has not ended: its {@code finally} blocks run (they may
         * await). The task completes when the producer's body has ended, with the exception its
         * cleanup threw, if any. Idempotent: every call returns the same task.
         */
        Task<Void> close();
    }

    /** All the values, in order: runs the producer to its end, then closes the cursor. */
    default Task<List<T>> toList() {
        return StreamOps.toList(this);
    }

    /**
     * The first {@code n} values: the consumer sees the end after them and closes the source, so
     * the producer does not run past its {@code n}th {@code emit}.
     */
    default AsyncStream<T> take(long n) {
        return StreamOps.take(this, n);
    }

    /** Each value passed through {@code mapper}, as the consumer pulls it. */
    default <R extends @Nullable Object> AsyncStream<R> map(Function<? super T, ? extends R> mapper) {
        return StreamOps.map(this, mapper);
    }

    /** A stream of {@code values}, in order: for tests, and to feed a consumer that wants a stream. */
    static <T extends @Nullable Object> AsyncStream<T> of(List<T> values) {
        return StreamOps.of(Collections.unmodifiableList(new ArrayList<>(values))); // nulls allowed, as T may be nullable
    }
}
