package io.yieldpoint.runtime.sync;

import io.yieldpoint.internal.AbstractTask;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A task that waits in one or more queues (of channels, of a semaphore) until a counterpart
 * serves it, and that can be served at most once: by a counterpart, or by its own cancellation.
 *
 * <h2>States</h2>
 * <table>
 *   <caption>claim states</caption>
 *   <tr><th>state</th><th>meaning</th><th>leaves by</th></tr>
 *   <tr><td>{@code WAITING}</td><td>queued, nobody has served it</td>
 *       <td>a counterpart's {@link #tryClaim()}, or {@link #cancel()}</td></tr>
 *   <tr><td>{@code CLAIMED}</td><td>a counterpart won it: the element, the permit, the lock is
 *       on its way, and the task will complete with it</td><td>-</td></tr>
 *   <tr><td>{@code CANCELLED}</td><td>cancellation won it: it leaves its queues and completes with a
 *       {@code CancellationException}</td><td>-</td></tr>
 * </table>
 * The claim is decided by one compare-and-set, before the task completes. So a cancellation that
 * loses to a counterpart returns false and the task completes with what the counterpart gave it:
 * an element is never both taken from the channel and dropped. Counterparts claim under the lock of
 * the queue they found the waiter in, and complete it after releasing that lock, so that no
 * continuation (which may run user code) ever runs under a lock of ours.
 *
 * @param <T> the type of the value
 */
abstract class Claimable<T extends @Nullable Object> extends AbstractTask<T> {

    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int CANCELLED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Claimable.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** A counterpart takes this waiter: true if it won it and must now {@link #serve} it. */
    final boolean tryClaim() {
        return STATE.compareAndSet(this, WAITING, CLAIMED);
    }

    /** Marks a task that is served at once, without waiting: it can no longer be cancelled. */
    final void claimNow() {
        STATE.setVolatile(this, CLAIMED);
    }

    /** Whether no one has won this waiter yet. */
    final boolean isWaiting() {
        return state == WAITING;
    }

    /**
     * Cancels the task if no counterpart has claimed it: it leaves its queues and completes with a
     * {@code CancellationException}. If a counterpart has claimed it, returns false, and the task
     * completes with what the counterpart hands it.
     */
    @Override
    public final boolean cancel() {
        if (!STATE.compareAndSet(this, WAITING, CANCELLED)) {
            return false;
        }
        withdraw();
        return super.cancel();
    }

    /** Leaves every queue this waiter is in; called once, after cancellation won it. */
    abstract void withdraw();

    /**
     * A counterpart that claimed {@code waiter} (one of this task's) serves it, outside any lock:
     * {@code value} is the element handed over (receive), or null; {@code closed} tells that the
     * channel was closed instead.
     */
    abstract void serve(@Nullable Waiter waiter, @Nullable Object value, boolean closed);
}
