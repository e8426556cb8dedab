package io.yieldpoint;

import io.yieldpoint.internal.Blocking;
import io.yieldpoint.internal.Combinators;
import io.yieldpoint.internal.EagerEmitter;
import io.yieldpoint.internal.StreamOps;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The yield-point DSL used in the bodies of {@link Coroutine} methods.
 *
 * <p>Write {@code import static io.yieldpoint.Co.*;} and use the calls unqualified, or write
 * {@code Co.await(...)}. In a method run through the generated {@code <Interface>Coroutines} class,
 * the processor turns {@code await} and {@code emit} into suspension points of a state machine:
 * the thread is free while the coroutine waits. The other calls make tasks and behave the same in
 * both readings.
 *
 * <p>Called directly, in a method the processor did not lower (the <em>blocking reading</em>),
 * {@code await} blocks the calling thread until the task completes, and {@code emit} collects the
 * values eagerly, which {@code end()} returns. Blocking is refused on an event-loop thread, with an
 * {@link IllegalStateException}, rather than stalling every coroutine on that loop.
 */
public final class Co {

    private Co() {}

    /**
     * Waits for {@code task} and returns its value, or rethrows its exception (the same instance).
     * A yield point: a coroutine suspends here if the task has not completed.
     */
    public static <T extends @Nullable Object> T await(Task<T> task) {
        return Blocking.await(task);
    }

    /**
     * Waits for {@code stage} and returns its value, or rethrows its exception; a
     * {@code CompletionException} is unwrapped to its cause. A yield point.
     */
    public static <T extends @Nullable Object> T await(CompletionStage<T> stage) {
        return Blocking.await(stage);
    }

    /**
     * {@link #await(Task)}, declaring that it may throw the checked exception {@code failsWith}, so
     * that a {@code catch} of it is legal around the call (javac refuses a {@code catch} of a checked
     * exception that nothing in the {@code try} declares). The class, a class literal, is only for
     * the compiler: the await is the same.
     *
     * <pre>{@code
     * try {
     *     page = await(withTimeout(Duration.ofSeconds(2), fetch(url)), TimeoutException.class);
     * } catch (TimeoutException e) {
     *     page = "timed out";
     * }
     * }</pre>
     *
     * @throws X what the task failed with, if it is an {@code X} (any other exception is rethrown
     *     as well, the same instance, as by {@link #await(Task)})
     */
    public static <T extends @Nullable Object, X extends Exception> T await(Task<T> task, Class<X> failsWith) throws X {
        Objects.requireNonNull(failsWith, "failsWith");
        return Blocking.await(task);
    }

    /** {@link #await(CompletionStage)}, declaring the checked exception {@code failsWith}: see {@link #await(Task, Class)}. */
    public static <T extends @Nullable Object, X extends Exception> T await(CompletionStage<T> stage, Class<X> failsWith)
            throws X {
        Objects.requireNonNull(failsWith, "failsWith");
        return Blocking.await(stage);
    }

    /**
     * How a {@code Task<T>} coroutine returns: {@code return done(value);}. Null is accepted for any
     * T, as by {@link Task#completed}.
     */
    public static <T extends @Nullable Object> Task<T> done(@Nullable T value) {
        return Task.completed(value);
    }

    /** How a {@code Task<Void>} coroutine returns: {@code return done();}. */
    public static Task<Void> done() {
        return Task.completed(null);
    }

    /** A task that completes after {@code delay}, from a timer: no thread waits for it. */
    public static Task<Void> sleep(Duration delay) {
        return Combinators.sleep(delay.toNanos());
    }

    /** A task that completes after {@code millis} milliseconds, from a timer. */
    public static Task<Void> sleep(long millis) {
        return Combinators.sleep(Duration.ofMillis(millis).toNanos());
    }

    /**
     * A task that completes after the coroutines already ready on this dispatcher have had a turn:
     * {@code await(yieldNow())} lets them run, then continues.
     */
    public static Task<Void> yieldNow() {
        return Combinators.yieldNow();
    }

    /**
     * Gathers tasks: completes with all their values, in the order given. The first failure
     * cancels the other tasks and becomes this task's failure.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied into an immutable list, never exposed
    public static <T extends @Nullable Object> Task<List<T>> all(Task<? extends T>... tasks) {
        return Combinators.all(Combinators.listOf(tasks));
    }

    /** Gathers tasks: as {@link #all(Task[])}, for a collection, in its iteration order. */
    public static <T extends @Nullable Object> Task<List<T>> all(Collection<? extends Task<? extends T>> tasks) {
        return Combinators.all(List.copyOf(tasks));
    }

    /**
     * Completes with the first of {@code tasks} to complete successfully and cancels the others.
     * If all fail, fails with the first failure, the others attached as suppressed.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied into an immutable list, never exposed
    public static <T extends @Nullable Object> Task<T> any(Task<? extends T>... tasks) {
        return Combinators.any(Combinators.listOf(tasks));
    }

    /** As {@link #any(Task[])}, for a collection. */
    public static <T extends @Nullable Object> Task<T> any(Collection<? extends Task<? extends T>> tasks) {
        return Combinators.any(List.copyOf(tasks));
    }

    /**
     * Completes as {@code task} does, unless {@code timeout} passes first: then {@code task} is
     * cancelled and this task fails with a {@link java.util.concurrent.TimeoutException}.
     */
    public static <T extends @Nullable Object> Task<T> withTimeout(Duration timeout, Task<T> task) {
        return Combinators.withTimeout(timeout.toNanos(), task);
    }

    /**
     * Completes as {@code task} does, unless {@code timeout} passes first: then {@code task} is
     * cancelled and this task completes with null (Kotlin's {@code withTimeoutOrNull}): for a wait
     * whose running out is an answer, not an error.
     */
    public static <T extends @Nullable Object> Task<@Nullable T> withTimeoutOrNull(Duration timeout, Task<T> task) {
        return Combinators.withTimeoutOrNull(timeout.toNanos(), task);
    }

    /**
     * {@link #withTimeout(Duration, Task)} for a {@code CompletionStage} (a future of another
     * library): when the time runs out, the stage's future is cancelled ({@code cancel(true)}).
     */
    public static <T extends @Nullable Object> Task<T> withTimeout(Duration timeout, CompletionStage<T> stage) {
        return Combinators.withTimeout(timeout.toNanos(), Task.from(stage));
    }

    /**
     * Produces a value from a {@code Generator<T>} or {@code AsyncStream<T>} coroutine. A yield
     * point: a generator suspends until its consumer asks for the next value; so does an async
     * stream, without blocking a thread.
     */
    public static <T extends @Nullable Object> void emit(@Nullable T value) {
        EagerEmitter.emit(value);
    }

    /**
     * How a {@code Generator<T>} or an {@code AsyncStream<T>} coroutine finishes:
     * {@code return end();}. The {@link Emitted} it returns is both, so the one call ends either
     * kind of body.
     */
    public static <T extends @Nullable Object> Emitted<T> end() {
        return EagerEmitter.end();
    }

    /**
     * The values of {@code stream}, for a for-each loop: {@code for (T x : each(stream)) ...}.
     * In a coroutine, only as the expression of a for-each loop, which the processor lowers to
     * await each value (C#'s {@code await foreach}); every way out of the loop closes the stream
     * and waits for the producer's {@code finally} blocks. In plain code (the blocking reading), an
     * {@code Iterable} whose iterator blocks for each value (refused on an event-loop thread); its
     * iterator is {@code AutoCloseable}, and closes the stream when it ends or is closed.
     */
    public static <T extends @Nullable Object> Iterable<T> each(AsyncStream<T> stream) {
        return StreamOps.blocking(stream);
    }
}
