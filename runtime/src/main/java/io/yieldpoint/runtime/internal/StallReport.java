package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.Exceptions;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Says, through the {@value RuntimeLog#STALL} logger, that a step held one event loop too long:
 * which coroutine and at which line of the user's file (the innermost frame of a generated machine
 * on the loop thread's stack, mapped through the line tables), for how long so far, and the loop
 * thread's stack in the user's terms; then, once the step has ended, about how long it ran in all.
 * One per watched loop; called by the {@link StallWatchdog}'s thread only.
 */
public final class StallReport {

    private final Consumer<Throwable> toUserFrames;
    private final Function<StackTraceElement[], @Nullable StackTraceElement> coroutineFrame;
    /** What the last stall report named, for the report of its end. */
    private String culprit = "";

    /**
     * A report that maps stacks with {@code toUserFrames} (rewrites a throwable's trace in place)
     * and finds the running coroutine with {@code coroutineFrame} (its user's frame, or null).
     */
    public StallReport(Consumer<Throwable> toUserFrames,
            Function<StackTraceElement[], @Nullable StackTraceElement> coroutineFrame) {
        this.toUserFrames = toUserFrames;
        this.coroutineFrame = coroutineFrame;
    }

    /**
     * A step of {@code loop} has run for {@code runningNanos}, past {@code thresholdNanos};
     * {@code stack} is the loop thread's, or null if the step ended while it was taken.
     */
    void stalled(LoopCore loop, long runningNanos, long thresholdNanos, StackTraceElement @Nullable [] stack) {
        try {
            StackTraceElement frame = stack == null ? null : coroutineFrame.apply(stack);
            culprit = frame == null ? "a step" : "a step of " + describe(frame);
            String where = frame == null ? "" : " at " + frame.getFileName() + ":" + frame.getLineNumber();
            String message = loop.name() + " stalled: " + culprit + " has run for " + millis(runningNanos)
                    + " ms without returning to the loop" + where + " (stall threshold " + millis(thresholdNanos)
                    + " ms); every other coroutine of the loop waits meanwhile. Blocking calls belong on the"
                    + " blocking pool: await(Dispatch.blocking(() -> ...)).";
            if (stack == null) {
                RuntimeLog.STALL_LOG.log(Level.WARNING, message);
                return;
            }
            LoopThreadStack trace = new LoopThreadStack(loop.thread().getName());
            trace.setStackTrace(stack);
            toUserFrames.accept(trace);
            RuntimeLog.STALL_LOG.log(Level.WARNING, message, trace);
        } catch (RuntimeException broken) {
            Exceptions.logUncaught("the stall report of " + loop.name(), broken); // the watchdog goes on
        }
    }

    /** The step reported stalled has ended, after about {@code ranNanos} (from when it was first seen). */
    void ended(LoopCore loop, long ranNanos) {
        try {
            RuntimeLog.STALL_LOG.log(Level.INFO, () -> loop.name() + ": the stalled step (" + culprit
                    + ") returned to the loop after about " + millis(ranNanos) + " ms");
        } catch (RuntimeException broken) {
            Exceptions.logUncaught("the stall report of " + loop.name(), broken);
        }
    }

    private static String describe(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The loop thread's stack when the stall was seen; not an exception, only its carrier. */
    static final class LoopThreadStack extends Throwable {
        private static final long serialVersionUID = 1L;

        LoopThreadStack(String threadName) {
            super("the stack of the loop thread '" + threadName + "' while stalled", null, false, true);
        }
    }
}
