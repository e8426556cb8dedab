package io.yieldpoint.test;

import io.yieldpoint.runtime.internal.LoopCore;
import io.yieldpoint.runtime.internal.LoopTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The time of a test loop: it stands still while the loop has work, and an idle loop moves it
 * straight to the next deadline instead of waiting. This class is the whole of virtual time: the
 * loop sees it only through the {@link LoopTime} seam.
 *
 * <h2>When time may not jump</h2>
 * Work the loop started elsewhere (a blocking call, a coroutine that switched to a pool, an I/O
 * operation waiting on a real peer) is counted by {@link #workLeft()} and {@link #workCameBack()};
 * while any is away, an idle loop waits for it in real time instead of moving the clock, so that a
 * {@code withTimeout} around it does not fire just because the loop had nothing else to do.
 *
 * <h2>Stalls</h2>
 * A loop that is idle with no timer (or with work away) waits at most the stall timeout, in real
 * time, without running a step; then {@link #idle} throws an {@code AssertionError} that lists the
 * live coroutines: the main task waits for something that never comes.
 *
 * <p>The clock is written by the loop thread only and read by anyone.
 */
final class VirtualTime implements LoopTime {

    private final long origin;
    private volatile long now;
    private final long stallTimeoutNanos;
    private final AtomicInteger away = new AtomicInteger();
    /** The loop, for waking it when the last work away comes back; set once it exists. */
    private volatile @Nullable LoopCore loop;

    /** When (real {@code System.nanoTime}) the current idle spell started, or 0. */
    private long idleSince;
    /** The loop's step count when that spell started: a step run since ends the spell. */
    private long stepsAtIdle = -1;

    VirtualTime(long origin, Duration stallTimeout) {
        this.origin = origin;
        this.now = origin;
        this.stallTimeoutNanos = stallTimeout.toNanos();
    }

    void attach(LoopCore loop) {
        this.loop = loop;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Nanoseconds since this clock started. */
    long elapsed() {
        return now - origin;
    }

    /** Moves the time forward by {@code nanos}; loop thread only. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the loop thread
    void advanceBy(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot move backwards: " + nanos);
        }
        now = now + nanos; // single writer
    }

    /** Moves the time forward to {@code deadline}, if it is later than now; loop thread only. */
    void advanceTo(long deadline) {
        long n = now;
        if (deadline - n > 0) {
            now = deadline;
        }
    }

    /** Whether futures awaited by coroutines count as work away: see TestEventLoop.futuresInFlight. */
    private volatile boolean futuresInFlight;

    void futuresInFlight(boolean on) {
        futuresInFlight = on;
    }

    @Override
    public boolean futuresInFlight() {
        return futuresInFlight;
    }

    /** Whether work the loop started elsewhere has yet to come back. */
    boolean hasWorkAway() {
        return away.get() > 0;
    }

    @Override
    public void workLeft() {
        away.incrementAndGet();
    }

    @Override
    public void workCameBack() {
        if (away.decrementAndGet() == 0) {
            LoopCore l = loop;
            if (l != null) {
                l.wakeUp(); // an idle loop waits for this in real time
            }
        }
    }

    @Override
    public void idle(LoopCore loop, long nanosToNextTimer, long maxWaitNanos, BooleanSupplier done) {
        if (nanosToNextTimer > 0 && !hasWorkAway()) {
            advanceBy(nanosToNextTimer); // nothing can happen before the next deadline: go there at once
            return;
        }
        if (maxWaitNanos >= 0) {
            loop.park(maxWaitNanos, done); // shutting down: bounded by the shutdown timeout
            return;
        }
        // No timer to jump to, or work in flight elsewhere that must come back before time may
        // move: wait for another thread, for a bounded real time.
        long realNow = System.nanoTime();
        long steps = loop.stepsRun();
        if (steps != stepsAtIdle) {
            stepsAtIdle = steps;
            idleSince = realNow;
        } else if (realNow - idleSince >= stallTimeoutNanos) {
            stepsAtIdle = -1;
            throw stalled(loop);
        }
        loop.park(stallTimeoutNanos - (realNow - idleSince), done);
    }

    private AssertionError stalled(LoopCore loop) {
        return new AssertionError("the virtual-time loop " + loop.name() + " has been idle for "
                + Duration.ofNanos(stallTimeoutNanos).toMillis() + " ms of real time with nothing to run, no timer"
                + (hasWorkAway() ? "" : " and no work in flight on other threads or sockets")
                + ": the main task waits for something that never comes (a deadlock?). Live coroutines:\n"
                + loop.dump());
    }
}
