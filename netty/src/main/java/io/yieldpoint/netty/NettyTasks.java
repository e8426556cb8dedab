package io.yieldpoint.netty;

import io.netty.util.concurrent.Future;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Netty futures as Yieldpoint tasks: {@code await(NettyTasks.of(ctx.writeAndFlush(response)))}.
 *
 * <h2>Design</h2>
 * The task is a promise of the API's core completed by a listener on the future, so it is awaited
 * like any task: the coroutine is woken where the future completes (for a channel's future, its
 * loop's thread) and resumes on its own dispatcher. Cancellation goes both ways and loses nothing:
 * <ul>
 *   <li>cancelling the task cancels the future ({@code cancel(false)}: Netty futures do not
 *       interrupt; a write that has started cannot be cancelled, and then only the task is);</li>
 *   <li>a future cancelled by Netty or by its owner completes the task with the future's own
 *       {@code CancellationException}, so the task is cancelled ({@code isCancelled()} true);</li>
 *   <li>a failure completes the task with the future's cause, the same instance.</li>
 * </ul>
 * A future that has already completed gives a completed task at once, with no listener.
 */
public final class NettyTasks {

    private NettyTasks() {}

    /**
     * A task that completes as {@code future} does: with its value, its cause (the same instance),
     * or cancelled. Cancelling the task cancels the future. Works for a {@code ChannelFuture}
     * (a {@code Task<Void>}) and any {@code io.netty.util.concurrent.Future}.
     */
    @SuppressWarnings("FutureReturnValueIgnored") // addListener returns its own future, for chaining
    public static <V extends @Nullable Object> Task<V> of(Future<V> future) {
        Objects.requireNonNull(future, "future");
        Promise<V> task = new Promise<>();
        if (future.isDone()) {
            completeFrom(task, future);
            return task;
        }
        task.onCancel(() -> future.cancel(false));
        future.addListener(f -> completeFrom(task, future));
        return task;
    }

    private static <V extends @Nullable Object> void completeFrom(Promise<V> task, Future<V> future) {
        Throwable cause = future.cause();
        if (cause != null) {
            task.fail(cause); // a CancellationException for a cancelled future: the task is cancelled
        } else {
            task.complete(future.getNow());
        }
    }
}
