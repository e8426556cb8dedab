package io.yieldpoint.runtime.sync;

import io.yieldpoint.Task;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A lock whose {@link #lock()} is a task to await: a coroutine that finds it held waits without
 * blocking its thread, so coroutines of one event loop can take turns through a section that
 * awaits.
 *
 * <pre>{@code
 * Mutex mutex = new Mutex();
 *
 * @Coroutine default Task<Void> append(String line) {
 *     return mutex.withLock(() -> writeLine(line));   // one writer at a time, even across awaits
 * }
 * }</pre>
 *
 * <p>Fair (FIFO), with no lost wake-up, and cancellation-safe, as a {@link Semaphore} of one permit
 * is; it is not reentrant and has no owner: any coroutine or thread may {@link #unlock()} it, and
 * unlocking a mutex that is not locked throws {@code IllegalStateException}.
 */
public final class Mutex {

    private final Semaphore permit = new Semaphore(1, 1, "unlock() of a mutex that is not locked");

    /** An unlocked mutex. */
    public Mutex() {}

    /** A task that completes once the caller holds the lock. A yield point: {@code await(mutex.lock())}. */
    public Task<Void> lock() {
        return permit.acquire();
    }

    /** Takes the lock if it is free (then nobody waits); false otherwise. */
    public boolean tryLock() {
        return permit.tryAcquire();
    }

    /**
     * Releases the lock: the first waiter gets it.
     *
     * @throws IllegalStateException if the mutex is not locked
     */
    public void unlock() {
        permit.release();
    }

    /** Whether the mutex is held now. */
    public boolean isLocked() {
        return permit.availablePermits() == 0;
    }

    /**
     * Runs the task {@code body} makes while holding the lock, and unlocks once the body has
     * ended; see {@link Semaphore#withPermit}.
     */
    public <T extends @Nullable Object> Task<T> withLock(Supplier<? extends Task<T>> body) {
        return permit.withPermit(body);
    }
}
