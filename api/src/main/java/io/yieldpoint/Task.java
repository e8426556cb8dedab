package io.yieldpoint;

import io.yieldpoint.internal.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The result of an asynchronous computation: a coroutine, a timer, a combination of tasks.
 *
 * <p>A task completes once, with a value, with an exception, or by cancellation. Exceptions keep
 * their identity: {@link #join()} and {@link Co#await(Task)} rethrow the very instance the task
 * failed with, never wrapped in a {@code CompletionException} or {@code ExecutionException}.
 *
 * <p>Null is a value like any other: a {@code Task<Void>} completes with null, and
 * {@link #completed} and {@code Co.done} accept null whatever {@code T} is. Where a value may be
 * null, say so in the type argument ({@code Task<@Nullable String>}): a nullness checker then
 * knows that {@link #join()} and {@code await} may return null.
 *
 * <p>All methods are thread-safe. Tasks are made by Yieldpoint (generated coroutines, {@link Co},
 * the factories below); do not implement this interface yourself.
 *
 * @param <T> the type of the value
 */
public interface Task<T extends @Nullable Object> {

    /**
     * Whether the task has completed: normally, exceptionally, or by cancellation. A cancelled
     * coroutine is not done until its body has unwound (see {@link #cancel()}).
     */
    boolean isDone();

    /**
     * Whether the task was cancelled by {@link #cancel()} (or completed with a
     * {@code CancellationException}): true from the moment {@code cancel()} takes effect, also
     * while a cancelled coroutine is still unwinding.
     */
    boolean isCancelled();

    /** Whether the task completed with an exception, cancellation included. */
    boolean isCompletedExceptionally();

    /**
     * Blocks the calling thread until the task completes, then returns its value or rethrows its
     * exception (the same instance; checked exceptions are rethrown as they are).
     *
     * @throws IllegalStateException if the task is not done and the calling thread is an event
     *     loop's: blocking it would stop every coroutine on that loop. Use
     *     {@code await(task)} inside a {@code @Coroutine} method instead.
     */
    T join();

    /**
     * Cancels the task if it has not completed, and what it was waiting for in turn. A timer, a
     * future or a channel operation completes at once with a {@code CancellationException}. A
     * coroutine is <em>cancelling</em> first: {@link #isCancelled()} is true at once, its body
     * unwinds (the {@code CancellationException} is thrown at its yield point, its {@code finally}
     * blocks run, awaits included), and only then does the task complete with the
     * {@code CancellationException}; {@code await}, {@link #join()} and the combinators built on
     * it resume after that, as in Kotlin, C# and asyncio. So do {@code all}, {@code any},
     * {@code withTimeout} and task groups, which wait for the tasks they cancel.
     *
     * @return true if this call cancelled the task, false if it had already completed or been
     *     cancelled
     */
    boolean cancel();

    /**
     * A {@code CompletableFuture} that completes with this task. Cancelling the future cancels
     * the task.
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * A task that has already completed with {@code value}. Null is accepted for any T, as it is the
     * value of every {@code Task<Void>}.
     */
    static <T extends @Nullable Object> Task<T> completed(@Nullable T value) {
        Promise<T> p = new Promise<>();
        p.complete(value);
        return p;
    }

    /** A task that has already failed with {@code exception}. */
    static <T extends @Nullable Object> Task<T> failed(Throwable exception) {
        Promise<T> p = new Promise<>();
        p.fail(exception);
        return p;
    }

    /**
     * A task that completes with {@code stage}. A {@code CompletionException} from the stage is
     * unwrapped to its cause; cancelling the task cancels the stage's future
     * ({@code cancel(true)}, which the JDK's {@code HttpClient} needs to abort its exchange).
     */
    static <T extends @Nullable Object> Task<T> from(CompletionStage<T> stage) {
        return Promise.of(stage);
    }
}
