package io.yieldpoint.runtime.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** A loop's time on a real clock (the system's monotonic clock, or a given one): idle means park. */
public final class RealTime implements LoopTime {

    private final LongSupplier clock;

    public RealTime(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public long nanoTime() {
        return clock.getAsLong();
    }

    @Override
    public void idle(LoopCore loop, long nanosToNextTimer, long maxWaitNanos, BooleanSupplier done) {
        long wait = nanosToNextTimer < 0 ? maxWaitNanos
                : maxWaitNanos < 0 ? nanosToNextTimer : Math.min(nanosToNextTimer, maxWaitNanos);
        loop.park(wait, done);
    }

    @Override
    public void workLeft() {}

    @Override
    public void workCameBack() {}
}
