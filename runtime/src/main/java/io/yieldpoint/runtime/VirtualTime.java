package io.yieldpoint.runtime;

/**
 * The clock of a virtual-time loop: it stands still while the loop has work, and the loop moves it
 * straight to the next deadline when it has none. Written by the loop thread only, read by anyone.
 */
final class VirtualTime implements Clock {

    private final long origin;
    private volatile long now;

    VirtualTime(long origin) {
        this.origin = origin;
        this.now = origin;
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
}
