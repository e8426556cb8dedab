package io.yieldpoint.runtime;

import io.yieldpoint.internal.Exceptions;

/**
 * Where a failure goes that no task can carry to anyone: it is the last chance to see it.
 * {@link #LOG} by default.
 *
 * <p>An event loop (and a pool) hands its handler:
 * <ul>
 *   <li>the failure of a coroutine that nobody awaited: no continuation registered on its task
 *       and nobody read its outcome by the time nobody could any more: its task was collected
 *       (the source is then a description of it), or the loop shut down; at once for a task
 *       declared fire-and-forget with {@code Coroutines.detach};</li>
 *   <li>an exception thrown while a <em>cancelled</em> coroutine unwound (a {@code finally} block
 *       that threw): its task completes with the {@code CancellationException} all the same;</li>
 *   <li>an exception thrown by a plain {@code Runnable} the loop ran;</li>
 *   <li>at shutdown, a coroutine that did not finish unwinding within the shutdown timeout.</li>
 * </ul>
 * Cancellations are never reported: a {@code CancellationException} is how a cancelled coroutine
 * ends.
 *
 * <p>The handler runs on the thread that found the failure (the loop's own, for a loop) and must
 * not throw; whatever it throws is printed and dropped.
 */
@FunctionalInterface
public interface UncaughtExceptionHandler {

    /**
     * The default: an {@code ERROR} record of the {@link System.Logger} named
     * {@code io.yieldpoint.uncaught}, with the source in its message and the exception attached.
     * Without a logging framework behind {@code System.Logger}, the JDK's default backend prints it to
     * {@code System.err}; see {@code docs/integrations.md} for SLF4J, Log4j and
     * {@code java.util.logging}.
     */
    UncaughtExceptionHandler LOG = (source, exception) -> Exceptions.logUncaught(source, exception);

    /** Prints the source and the stack trace straight to {@code System.err}, bypassing logging. */
    UncaughtExceptionHandler PRINT = (source, exception) -> Exceptions.printUncaught(source, exception);

    /**
     * Called once per uncaught failure.
     *
     * @param source the coroutine task or the {@code Runnable} that failed
     * @param exception what it threw
     */
    void uncaughtException(Object source, Throwable exception);
}
