package io.yieldpoint.internal;

import io.yieldpoint.Dispatcher;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * An event loop that tasks made on its thread may be confined to: while it is open, only its own
 * thread touches the state of such a task, with plain reads and writes, and any other thread hands
 * its operation to the loop as a {@link Handoff} instead (see {@link AbstractTask}, "Threads").
 */
public interface TaskOwner extends Dispatcher {

    /** Whether the calling thread is the owner's thread. */
    boolean inHostThread();

    /**
     * Whether the owner has closed: it runs no more steps and no longer owns its tasks, which from
     * then on every thread, its own included, uses through the thread-safe protocol. Any thread;
     * once true, stays true.
     */
    boolean ownerClosed();

    /**
     * Called where a coroutine of this owner starts waiting for a future that another thread will
     * complete: if the owner counts such futures as work in flight (a test loop on virtual time, so
     * that its clock waits for them), it counts this one and returns what to run once the future has
     * completed and its waiter is queued; else null, the default. Owner thread only.
     */
    default @Nullable Runnable futureInFlight() {
        return null;
    }

    /**
     * Hands {@code operation} to {@code owner}'s thread: it runs there at a later turn, or, if the
     * owner closes first, on whichever thread finds it closed (this one, or the owner's while it
     * closes). Exactly once either way.
     */
    static void handOff(TaskOwner owner, Runnable operation) {
        Handoff h = new Handoff(operation);
        owner.execute(h);
        // A loop that closed before or while we queued may have dropped it: run it here then. The
        // queueing and the closing are both volatile, so either the loop's last look at its inbox
        // finds it, or this read finds the loop closed (or both: the claim decides).
        if (owner.ownerClosed()) {
            h.run();
        }
    }

    /**
     * An operation of another thread on a task confined to an owner: an owner that closes must run
     * the ones left in its inbox instead of dropping them. Runs its operation at most once.
     */
    final class Handoff implements Runnable {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final Runnable operation;

        Handoff(Runnable operation) {
            this.operation = operation;
        }

        @Override
        public void run() {
            if (claimed.compareAndSet(false, true)) {
                operation.run();
            }
        }
    }
}
