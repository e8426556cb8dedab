package io.yieldpoint.runtime.internal;

import io.yieldpoint.Cancellable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timers of one event loop: a binary heap ordered by deadline, then by scheduling order, so
 * that timers with the same deadline fire first-come first-served.
 *
 * <p>Owned by the loop's thread: only that thread may call any method but {@link #newTimerAt}
 * (and {@link Timer#cancel()}, from any thread). A cancelled timer stays in the heap, marked, and
 * is dropped when it reaches the top, so cancelling is O(1); and when the cancelled timers come to
 * outnumber the live ones (a {@code withTimeout} of a minute around calls that take a millisecond
 * leaves one behind per call), the heap is purged of them in one O(n) pass, which keeps memory
 * proportional to the live timers at an amortised O(1) per cancellation.
 *
 * <p>Why a heap and not a hashed wheel: a heap is exact (timers fire at their deadline, in
 * order, which virtual time relies on), has no tick to tune, and costs O(log n) per timer, about
 * 20 comparisons for a million timers; a wheel's O(1) pays off only for very many short timers.
 */
final class TimerQueue {

    /** Purge when at least this many cancelled timers are in the heap, and they are the majority. */
    private static final int PURGE_AT = 1024;

    /** One scheduled task. */
    static final class Timer implements Cancellable {
        private static final VarHandle CANCELLED;

        static {
            try {
                CANCELLED = MethodHandles.lookup().findVarHandle(Timer.class, "cancelled", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long deadline;
        final long sequence;
        final Runnable task;
        private final AtomicInteger cancelledCount;
        volatile boolean cancelled;

        Timer(long deadline, long sequence, Runnable task, AtomicInteger cancelledCount) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
            this.cancelledCount = cancelledCount;
        }

        @Override
        public void cancel() {
            if (CANCELLED.compareAndSet(this, false, true)) {
                cancelledCount.incrementAndGet();
            }
        }
    }

    private final TimerHeap heap = new TimerHeap();
    private final AtomicLong sequence = new AtomicLong();
    /** Timers cancelled since the last purge (an estimate: some may already have left the heap). */
    private final AtomicInteger cancelled = new AtomicInteger();

    /** A timer for {@code task} at {@code deadline}; callable from any thread. */
    Timer newTimerAt(long deadline, Runnable task) {
        return new Timer(deadline, sequence.getAndIncrement(), task, cancelled);
    }

    void add(Timer timer) {
        if (timer.cancelled) {
            return; // cancelled before it reached the loop
        }
        heap.add(timer);
        int dead = cancelled.get();
        if (dead >= PURGE_AT && dead > heap.size() / 2) {
            purge();
        }
    }

    /** Drops every cancelled timer from the heap. */
    void purge() {
        cancelled.set(0);
        heap.removeCancelled();
    }

    /** Moves the tasks of timers due at {@code now} to {@code sink}, in deadline order. */
    void fireDue(long now, java.util.function.Consumer<Runnable> sink) {
        for (Timer t = heap.peek(); t != null && t.deadline - now <= 0; t = heap.peek()) {
            heap.poll();
            if (!t.cancelled) {
                sink.accept(t.task);
            } else {
                cancelled.decrementAndGet();
            }
        }
    }

    /** Nanoseconds from {@code now} to the earliest live deadline, or -1 if no timer is live. */
    long nanosToNext(long now) {
        Timer t;
        while ((t = heap.peek()) != null && t.cancelled) {
            heap.poll();
            cancelled.decrementAndGet();
        }
        return t == null ? -1 : Math.max(0, t.deadline - now);
    }

    /** Live timers, cancelled ones not yet dropped included. */
    int size() {
        return heap.size();
    }

    void clear() {
        heap.clear();
        cancelled.set(0);
    }
}
