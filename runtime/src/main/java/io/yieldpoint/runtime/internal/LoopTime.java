package io.yieldpoint.runtime.internal;

import java.util.function.BooleanSupplier;

/**
 * The seam between an event loop and its time: the one place where real time and virtual time
 * differ. {@link RealTime} reads a clock and parks; the virtual-time clock of the
 * {@code yieldpoint-test} artifact moves straight to the next deadline instead, and holds still
 * while work the loop started elsewhere is in flight. The loop itself knows nothing of virtual
 * time.
 */
public interface LoopTime {

    /** Now, in nanoseconds from an arbitrary origin. Any thread. */
    long nanoTime();

    /**
     * The loop has nothing ready to run: wait for something to do. {@code nanosToNextTimer} is the
     * delay to the earliest timer (positive), or -1 if there is none; {@code maxWaitNanos} bounds the
     * wait in real time (-1: unbounded); {@code done} says the loop may stop waiting. Real time parks
     * ({@link LoopCore#park}); virtual time may move the clock instead. Loop thread only.
     */
    void idle(LoopCore loop, long nanosToNextTimer, long maxWaitNanos, BooleanSupplier done);

    /**
     * Work the loop started runs elsewhere (a blocking call, a coroutine that switched away, an
     * I/O operation waiting on a peer) and will come back. Real time ignores it. Any thread.
     */
    void workLeft();

    /** The work counted by {@link #workLeft} has come back. Any thread. */
    void workCameBack();

    /**
     * Whether a future a coroutine awaits counts as work away ({@link #workLeft}) until it
     * completes: a test clock may say so, since a future is usually completed by another thread.
     */
    default boolean futuresInFlight() {
        return false;
    }
}
