package io.yieldpoint.runtime.sync;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The FIFO queue of waiters of a channel side or a semaphore: an intrusive doubly linked list, so
 * that a cancelled waiter leaves it in O(1) wherever it stands. Guarded by the lock of its owner
 * (the channel, the semaphore); every method must be called holding it.
 */
final class WaitQueue {

    /** The lock of the queue's owner, held by every caller of the other methods. */
    final ReentrantLock lock;

    private @Nullable Waiter head;
    private @Nullable Waiter tail;
    private int size;

    WaitQueue(ReentrantLock lock) {
        this.lock = lock;
    }

    void add(Waiter w) {
        assert lock.isHeldByCurrentThread();
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queued = true;
        size++;
    }

    /** Removes {@code w} if it is still queued. */
    void remove(Waiter w) {
        assert lock.isHeldByCurrentThread();
        if (!w.queued) {
            return;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        size--;
    }

    /**
     * Removes waiters from the head until one can be claimed, and returns it claimed; null if none
     * can. Waiters whose owner was cancelled or served elsewhere (another clause of a select) are
     * dropped on the way.
     */
    @Nullable Waiter claimFirst() {
        for (Waiter w = head; w != null; w = head) {
            remove(w);
            if (w.owner.tryClaim()) {
                return w;
            }
        }
        return null;
    }

    /** Whether some waiter may still be claimable (dead ones not yet dropped count too). */
    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
