package io.yieldpoint.runtime;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Facts about coroutines that their {@link Task} alone does not tell.
 *
 * <p>A coroutine's task completes once its body has ended, a cancelled one included. The one
 * exception is a body that returns another task ({@code return other;}): it ends at once and its
 * task completes with the other. Code that must not overlap with the body, such as releasing a lock
 * the body holds, waits for {@link #ended(Task)}.
 *
 * <p>A coroutine that fails with nobody awaiting it is reported to the uncaught-exception handler
 * once nobody can await it any more (its task has been garbage-collected), or when its loop ends;
 * {@link #detach(Task)} reports it at once instead.
 */
public final class Coroutines {

    private Coroutines() {}

    /**
     * A task that completes, with null, once {@code task} is done and, if it is a coroutine
     * started through a generated class, its body has ended: returned or thrown, its
     * {@code finally} blocks run. For any other task, once it is done. It never fails.
     */
    public static Task<Void> ended(Task<?> task) {
        AbstractTask<?> core = AbstractTask.of(task);
        Promise<Void> ended = new Promise<>();
        if (core instanceof CoroutineMachine<?> m) {
            // Not through whenComplete unless needed: waiting for the end is not looking at the
            // outcome, and must not hide a failure nobody observed.
            m.whenEnded(lateFailure -> {
                if (m.isDone()) {
                    ended.complete(null);
                } else {
                    m.whenComplete(done -> ended.complete(null)); // it returned another task
                }
                return false;
            });
        } else {
            core.whenComplete(done -> ended.complete(null));
        }
        return ended;
    }

    /**
     * The first of {@code tasks} to complete, whichever way (a value, a failure, a cancellation),
     * as a task: C#'s {@code Task.WhenAny}, where {@code any(...)} gives the first value and
     * cancels the others. Nothing is cancelled here, and the task returned never fails: await the
     * winner for its outcome, and decide what becomes of the others.
     *
     * <pre>{@code
     * Task<Quote> winner = await(Coroutines.firstCompleted(List.of(a, b, c)));
     * }</pre>
     *
     * A coroutine that completes without winning keeps its failure for whoever awaits it (or for
     * the loop's report of failures nobody saw).
     *
     * @throws IllegalArgumentException if {@code tasks} is empty
     */
    public static <T extends @Nullable Object> Task<Task<T>> firstCompleted(
            Collection<? extends Task<? extends T>> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("firstCompleted of no task");
        }
        Promise<Task<T>> first = new Promise<>();
        for (Task<? extends T> t : tasks) {
            @SuppressWarnings("unchecked")
            Task<T> task = (Task<T>) Objects.requireNonNull(t, "a task");
            // ended(t) completes when t is done without looking at its outcome: a loser's failure
            // stays unobserved, as if firstCompleted had not been called.
            AbstractTask.of(ended(task)).whenComplete(done -> first.complete(task));
        }
        return first;
    }

    /**
     * Declares {@code task} fire-and-forget, like Kotlin's {@code launch}: nobody will await it, so
     * its failure (other than a cancellation) goes at once to the uncaught-exception handler of the
     * dispatcher current now (the event loop's handler, on a loop). Without it, such a failure is
     * reported only once the task is unreachable or the loop ends, because someone might still await
     * it. Returns {@code task}; awaiting it still gives its outcome.
     *
     * <pre>{@code
     * Coroutines.detach(session.serve(connection));   // a failing session is reported at once
     * }</pre>
     */
    public static <T extends @Nullable Object> Task<T> detach(Task<T> task) {
        Dispatcher reportTo = CurrentDispatcher.current();
        AbstractTask.of(task).whenComplete(done -> {
            Throwable failure = done.exceptionNow();
            if (failure != null && !(failure instanceof CancellationException)) {
                reportTo.reportUncaught(task, failure);
            }
        });
        return task;
    }

    /**
     * A call that makes a task and may declare checked exceptions, as a coroutine with a
     * {@code throws} clause does: for {@link #unchecked}.
     */
    @FunctionalInterface
    public interface TaskCall<T extends @Nullable Object> {
        Task<T> call() throws Exception;
    }

    /**
     * {@code call} as the {@code Supplier} that the runtime's entry points take ({@code EventLoop.run},
     * {@code TaskGroup.start}, {@code withLock}, {@code withPermit}...), for a coroutine that declares
     * checked exceptions, which a {@code Supplier} lambda may not call:
     *
     * <pre>{@code
     * byte[] data = EventLoop.run(Coroutines.unchecked(() -> files.read(path)));   // read(...) throws IOException
     * }</pre>
     *
     * A generated coroutine method never throws itself (its body's exceptions complete its task,
     * and {@code run}, {@code join} and {@code await} rethrow them, the same instance), so the
     * declaration is only for javac. If {@code call} does throw, the supplier returns a task failed
     * with that exception.
     */
    public static <T extends @Nullable Object> Supplier<Task<T>> unchecked(TaskCall<T> call) {
        Objects.requireNonNull(call, "call");
        return () -> {
            try {
                return Objects.requireNonNull(call.call(), "the call returned null instead of a task");
            } catch (Exception e) {
                return Task.failed(e);
            }
        };
    }

    /** Whether {@code task} is done and, if it is a coroutine, its body has ended. */
    public static boolean hasEnded(Task<?> task) {
        if (task instanceof CoroutineMachine<?> m) {
            return m.isDone() && m.hasEnded();
        }
        return task.isDone();
    }
}
