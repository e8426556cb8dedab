package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.runtime.internal.Cancellations;

/**
 * Checking for and shielding against cancellation, from inside a coroutine.
 *
 * <p>Once a coroutine is cancelled, each of its yield points throws {@code CancellationException}
 * at once, so that its body unwinds promptly; those in {@code finally} blocks are the exception,
 * so that cleanup that awaits (close a connection, delete a file) runs to its end. Whoever awaits
 * the cancelled coroutine resumes once it has. Three calls let it do otherwise:
 * <ul>
 *   <li>{@code await(Cancellation.isCancelled())} is true once the coroutine has been cancelled,
 *       without throwing: a long computation can stop on its own terms;</li>
 *   <li>{@code await(Cancellation.shield(task))} awaits {@code task} even in a cancelled coroutine,
 *       and cancelling the coroutine does not cancel {@code task}: for cleanup that must await (close
 *       a connection, flush a log) in a {@code catch} block, or anywhere else;</li>
 *   <li>{@code Cancellation.withoutWaiting(task)} is {@code task} for a caller that, when it cancels
 *       it, must not wait for it to unwind: the returned task completes at once when cancelled
 *       (and so do {@code any}, {@code all}, {@code withTimeout} over it), and {@code task}'s
 *       cleanup goes on alone.</li>
 * </ul>
 * In the blocking reading (the body run as plain Java) there is no coroutine to cancel:
 * {@code isCancelled()} is false and {@code shield(task)} is {@code task}.
 */
public final class Cancellation {

    private Cancellation() {}

    /** A task whose value is whether the awaiting coroutine has been cancelled. */
    public static Task<Boolean> isCancelled() {
        return Cancellations.PROBE;
    }

    /**
     * {@code task}, awaitable by a cancelled coroutine and left running when the coroutine awaiting it
     * is cancelled. Cancelling the returned task itself cancels {@code task}.
     */
    public static <T> Task<T> shield(Task<T> task) {
        return new Cancellations.Shielded<>(AbstractTask.of(task));
    }

    /**
     * {@code task}, except that cancelling the returned task completes it at once, with a
     * {@code CancellationException}, instead of waiting for {@code task} to unwind: {@code task} is
     * cancelled and its {@code finally} blocks run on their own, unawaited. For the rare caller that
     * must not be held up by another's cleanup (a deadline that must be met, a cleanup that may never
     * end); whatever that cleanup throws is reported as uncaught. In the blocking reading it is
     * {@code task}.
     */
    public static <T> Task<T> withoutWaiting(Task<T> task) {
        return new Cancellations.Unwaited<>(AbstractTask.of(task));
    }
}
