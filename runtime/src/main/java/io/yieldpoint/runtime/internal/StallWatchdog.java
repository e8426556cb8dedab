package io.yieldpoint.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds event loops stalled by a step that runs too long: a blocking call on the loop thread,
 * the most common bug of coroutine code, holds every other coroutine of the loop.
 *
 * <h2>How</h2>
 * A loop with a stall threshold counts the steps it begins, and its parks
 * ({@link LoopCore#stepSequence()}): one plain store per step, no clock read. One daemon thread, {@value #THREAD_NAME}, shared by every
 * watched loop of the process, looks at each counter every half of the smallest threshold. A
 * counter that has not moved for the loop's threshold while the loop was not parked is a stall: the
 * watchdog takes the loop thread's stack and hands it to the loop's {@link StallReport}, once per
 * stall; when the counter moves on (or the loop parks), the report learns that the step ended and
 * about how long it ran. So a stall is reported between one threshold and one and a half thresholds
 * after the step began, and never while the loop waits for work or runs short steps. (The few
 * instructions of a turn between its last step and its park count with that last step.)
 *
 * <h2>Pauses of the whole process</h2>
 * A garbage-collection pause or a starved machine stops the watchdog too. When it wakes more than
 * one period late, that lateness is not counted as stalled time, so a pause of every thread is not
 * blamed on the step that happened to run.
 *
 * <h2>Life</h2>
 * The thread starts with the first watched loop and ends when no loop is watched any more; a loop
 * is dropped once it is closed. It is a daemon of the runtime's thread group
 * ({@link DetachedThreads}), never of the program's, and ignores interrupts.
 */
public final class StallWatchdog {

    /** The watchdog thread's name. */
    public static final String THREAD_NAME = "yieldpoint-stall-watchdog";

    private static final StallWatchdog INSTANCE = new StallWatchdog();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Watch> watches = new ArrayList<>();
    private boolean running;

    private StallWatchdog() {}

    /**
     * Watches {@code loop}, which counts its steps, against {@code thresholdNanos}; stalls go to
     * {@code report}. The loop is dropped when it closes.
     */
    public static void watch(LoopCore loop, long thresholdNanos, StallReport report) {
        INSTANCE.add(new Watch(loop, thresholdNanos, report, System.nanoTime()));
    }

    private void add(Watch w) {
        lock.lock();
        try {
            watches.add(w);
            if (!running) {
                running = true;
                DetachedThreads.newThread(this::run, THREAD_NAME).start(); // in the runtime's group, as pools' threads
            } else {
                changed.signal(); // the period may be shorter now
            }
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long lastTick = System.nanoTime();
        lock.lock();
        try {
            while (!watches.isEmpty()) {
                long period = period();
                try {
                    changed.awaitNanos(period);
                } catch (InterruptedException e) {
                    // ignored: the watchdog runs while loops are watched, whoever interrupts threads
                }
                long now = System.nanoTime();
                long paused = Math.max(0, now - lastTick - 2 * period); // the watchdog did not run
                lastTick = now;
                watches.removeIf(w -> w.closed(now));
                for (Watch w : watches) {
                    w.look(now, paused);
                }
            }
        } finally {
            running = false;
            lock.unlock();
        }
    }

    /** Half the smallest threshold, at least a millisecond. */
    private long period() {
        long min = Long.MAX_VALUE;
        for (Watch w : watches) {
            min = Math.min(min, w.thresholdNanos);
        }
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), min / 2);
    }

    /**
     * What the watchdog knows of one loop: the step it last saw running, and since when. Its clock
     * is given ({@code now}), so that tests can drive it.
     */
    static final class Watch {
        final LoopCore loop;
        final long thresholdNanos;
        final StallReport report;
        long seenSequence;
        long seenSince;
        boolean reported;

        Watch(LoopCore loop, long thresholdNanos, StallReport report, long now) {
            this.loop = loop;
            this.thresholdNanos = thresholdNanos;
            this.report = report;
            this.seenSequence = loop.stepSequence();
            this.seenSince = now;
        }

        /**
         * Whether the loop has closed, or its thread has died without closing it (an error that
         * ended it): either way it is dropped; a stall reported and not yet ended ends now.
         */
        boolean closed(long now) {
            if (!loop.isClosed() && loop.thread().isAlive()) {
                return false;
            }
            if (reported) {
                report.ended(loop, now - seenSince);
            }
            return true;
        }

        /** One look at {@code now}; {@code paused}: how much longer than usual the watchdog slept. */
        void look(long now, long paused) {
            long sequence = loop.stepSequence();
            if (sequence != seenSequence || loop.isParked()) {
                if (reported) {
                    report.ended(loop, now - seenSince);
                }
                seenSequence = sequence;
                seenSince = now;
                reported = false;
                return;
            }
            seenSince += paused;
            long running = now - seenSince;
            if (!reported && running >= thresholdNanos) {
                StackTraceElement[] stack = loop.thread().getStackTrace();
                boolean stillThere = loop.stepSequence() == sequence && !loop.isParked(); // else the stack is of later work
                report.stalled(loop, running, thresholdNanos, stillThere ? stack : null);
                reported = true;
            }
        }
    }
}
