package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.CoroutineMachine;

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

    /** Whether {@code task} is done and, if it is a coroutine, its body has ended. */
    public static boolean hasEnded(Task<?> task) {
        if (task instanceof CoroutineMachine<?> m) {
            return m.isDone() && m.hasEnded();
        }
        return task.isDone();
    }
}
