package io.yieldpoint.core;

import java.util.concurrent.Executor;

/**
 * Where coroutines run and resume: an event loop, or a pool of threads.
 *
 * <p>A coroutine remembers the dispatcher it started on and resumes there after each suspension.
 * Timers belong to a dispatcher too: the task it runs when a timer fires runs on that dispatcher.
 *
 * <p>This interface is the seam between the DSL and the runtime; it is public so that the runtime
 * module can implement it, not for user code.
 */
public interface Dispatcher extends Executor {

    /** Runs {@code task} on this dispatcher, soon. Callable from any thread. */
    @Override
    void execute(Runnable task);

    /** Runs {@code task} on this dispatcher once {@code delayNanos} have passed on its clock. */
    Cancellable schedule(long delayNanos, Runnable task);

    /**
     * Whether blocking is refused on this dispatcher's threads. True for event loops, where a
     * blocked thread stalls every coroutine of the loop.
     */
    boolean refusesBlocking();

    /** A short name for messages and dumps. */
    String name();
}
