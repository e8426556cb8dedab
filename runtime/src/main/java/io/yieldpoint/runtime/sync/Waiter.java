package io.yieldpoint.runtime.sync;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@link WaitQueue}: a task waiting for a counterpart. A plain {@code receive()} has
 * one; a {@code select} has one per channel clause, all with the same owner, so that the first
 * counterpart to claim the owner wins and the others find it taken.
 */
final class Waiter {

    /** Who is served when this waiter is claimed. */
    final Claimable<?> owner;
    /** Which clause of a select this is; 0 for a plain operation. */
    final int clause;
    /** The queue holding it, for removal on cancellation. */
    final WaitQueue queue;
    /** For a sender: the element it offers. */
    final @Nullable Object element;

    @Nullable Waiter prev;
    @Nullable Waiter next;
    boolean queued;

    Waiter(Claimable<?> owner, int clause, WaitQueue queue, @Nullable Object element) {
        this.owner = owner;
        this.clause = clause;
        this.queue = queue;
        this.element = element;
    }

    /** Leaves its queue, taking the queue's lock; harmless if already gone. */
    void withdraw() {
        queue.lock.lock();
        try {
            queue.remove(this);
        } finally {
            queue.lock.unlock();
        }
    }
}
