package io.yieldpoint.runtime;

import io.yieldpoint.core.Cancellable;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timers of one event loop: a binary heap ordered by deadline, then by scheduling order, so
 * that timers with the same deadline fire first-come first-served.
 *
 * <p>Owned by the loop's thread: only that thread may call any method but {@link #newTimerAt}. A cancelled timer stays
 * in the heap, marked, and is dropped when it reaches the top (cancellation is O(1)).
 */
final class TimerQueue {

    /** One scheduled task. */
    static final class Timer implements Cancellable, Comparable<Timer> {
        final long deadline;
        final long sequence;
        final Runnable task;
        volatile boolean cancelled;

        Timer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    /** A timer for {@code task} at {@code deadline}; callable from any thread. */
    Timer newTimerAt(long deadline, Runnable task) {
        return new Timer(deadline, sequence.getAndIncrement(), task);
    }

    void add(Timer timer) {
        heap.add(timer);
    }

    /** Moves the tasks of timers due at {@code now} to {@code sink}, in deadline order. */
    void fireDue(long now, java.util.function.Consumer<Runnable> sink) {
        for (Timer t = heap.peek(); t != null && t.deadline - now <= 0; t = heap.peek()) {
            heap.poll();
            if (!t.cancelled) {
                sink.accept(t.task);
            }
        }
    }

    /** Nanoseconds from {@code now} to the earliest live deadline, or -1 if no timer is live. */
    long nanosToNext(long now) {
        Timer t;
        while ((t = heap.peek()) != null && t.cancelled) {
            heap.poll();
        }
        return t == null ? -1 : Math.max(0, t.deadline - now);
    }

    /** Live timers, cancelled ones not yet dropped included. */
    int size() {
        return heap.size();
    }

    void clear() {
        heap.clear();
    }
}
