package io.yieldpoint;

import io.yieldpoint.internal.Exceptions;
import java.util.concurrent.Executor;

/**
 * Where coroutines run and resume: an event loop, or a pool of threads.
 *
 * <p>A coroutine remembers the dispatcher it started on and resumes there after each suspension;
 * {@code await(Dispatch.switchTo(d))} (in the runtime) moves it to another. Timers belong to a
 * dispatcher too: the task it runs when a timer fires runs on that dispatcher.
 *
 * <p>Users meet dispatchers as values: {@code EventLoop.current()}, {@code Dispatch.cpu()},
 * {@code Dispatch.blockingPool()}, or a {@code Pool} of their own, passed to {@code switchTo},
 * {@code Dispatch.on} and {@code Dispatch.call}. The runtime's event loops and pools implement it;
 * an implementation of one's own (an adapter to another framework's executor, say) must keep the
 * contract of each method below.
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

    /**
     * Where a failure goes that nobody can observe any more, of a coroutine running on this
     * dispatcher (it threw while unwinding after a cancellation, say). Logs it by default, as an
     * {@code ERROR} of the {@code System.Logger} named {@code io.yieldpoint.uncaught} (which the
     * JDK's default backend prints to {@code System.err}); the runtime's loops and pools call their
     * {@code UncaughtExceptionHandler}. Must not throw.
     */
    default void reportUncaught(Object source, Throwable failure) {
        Exceptions.logUncaught(source, failure);
    }
}
