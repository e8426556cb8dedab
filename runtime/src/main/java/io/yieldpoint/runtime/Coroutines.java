package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Facts about coroutines that their {@link Task} alone does not tell.
 *
 * <p>A coroutine's task completes as soon as the coroutine is cancelled, while its body still has
 * to unwind from its yield point (its {@code finally} blocks run at its next step). Code that must
 * not overlap with that unwinding, such as releasing a lock the body holds or a scope that
 * promises no child outlives it, waits for {@link #ended(Task)} instead of the task.
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

    /** Whether {@code task} is done and, if it is a coroutine, its body has ended. */
    public static boolean hasEnded(Task<?> task) {
        if (task instanceof CoroutineMachine<?> m) {
            return m.isDone() && m.hasEnded();
        }
        return task.isDone();
    }
}
