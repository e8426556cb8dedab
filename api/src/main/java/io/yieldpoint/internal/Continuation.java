package io.yieldpoint.internal;

/**
 * What runs when a task completes: a suspended coroutine to resume, a combinator to update, a
 * blocked thread to wake.
 *
 * <p>Called exactly once per registration, on the thread that completed the task (or, when the
 * task had already completed, on the thread that registered). Implementations must be quick and
 * must not throw; a coroutine's continuation only hands itself to its dispatcher.
 */
@FunctionalInterface
public interface Continuation {

    /** The task this continuation was registered on has completed. */
    void onComplete(AbstractTask<?> completed);
}
