package io.yieldpoint.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} the test moves: frozen until {@link #advance}d, or jumping forward by a fixed
 * amount at every reading, so that long timers fire at once in real time.
 */
final class VirtualClock implements Clock {

    private final AtomicLong now;
    private volatile long jumpPerRead;

    VirtualClock() {
        this(1_000_000_000L);
    }

    VirtualClock(long start) {
        this.now = new AtomicLong(start);
    }

    /**
     * A clock that jumps by {@code jump} after every reading. Only for timers that are all shorter
     * than {@code jump}: a loop that must wait for a later deadline parks for real.
     */
    static VirtualClock jumping(Duration jump) {
        VirtualClock c = new VirtualClock();
        c.jumpPerRead = jump.toNanos();
        return c;
    }

    @Override
    public long nanoTime() {
        return now.getAndAdd(jumpPerRead);
    }

    /**
     * Called on an event loop's thread: moves the time forward by {@code step} at every turn of
     * that loop, from now until the loop ends. The loop never parks meanwhile, so timers come due
     * in virtual time, one step at a time, in deadline order.
     */
    void tickEveryTurn(Duration step) {
        EventLoop loop = EventLoop.current();
        if (loop == null) {
            throw new IllegalStateException("not on an event loop");
        }
        loop.execute(new Runnable() {
            @Override
            public void run() {
                advance(step);
                loop.execute(this); // requeued for the next turn; dropped when the loop ends
            }
        });
    }

    /** Moves the time forward by {@code d}. */
    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static long nanos(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
