package io.yieldpoint.runtime.sync;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.runtime.CoroutineLocal;
import io.yieldpoint.runtime.Coroutines;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore whose {@link #acquire()} is a task to await: a coroutine that finds no
 * permit waits without blocking its thread.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(4);
 *
 * @Coroutine default Task<String> fetch(String url) {
 *     return connections.withPermit(() -> download(url));   // at most 4 downloads at a time
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Fair</b>: waiters get permits in the order they asked; a {@code tryAcquire} or an
 *       {@code acquire} never takes a permit ahead of a waiter (a released permit goes straight to
 *       the first waiter).</li>
 *   <li><b>No lost wake-up</b>: a release either hands its permit to a waiter it has claimed, or
 *       adds it to the count, under the same lock under which waiters queue.</li>
 *   <li><b>Cancellation</b>: cancelling a waiting {@code acquire} removes it; if a permit was
 *       already handed to it, {@code cancel()} returns false and the task completes holding the
 *       permit. A coroutine cancelled before it could await an {@code acquire} that got a permit
 *       releases that permit. So a permit is never lost to a cancellation.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Every method is thread-safe; waiters are completed after the lock is released, on the
 * releasing thread, and a coroutine resumes on its own dispatcher.
 */
public final class Semaphore {

    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue waiters = new WaitQueue(lock);
    private final int maxPermits;
    private final String overReleased;
    private int permits;

    /** A semaphore with {@code permits} permits at first. */
    public Semaphore(int permits) {
        this(permits, Integer.MAX_VALUE, "release() of a semaphore that already has Integer.MAX_VALUE permits");
    }

    /** A semaphore that refuses, with {@code overReleased}, a release beyond {@code maxPermits}. */
    Semaphore(int permits, int maxPermits, String overReleased) {
        if (permits < 0) {
            throw new IllegalArgumentException("negative permits: " + permits);
        }
        this.permits = permits;
        this.maxPermits = maxPermits;
        this.overReleased = overReleased;
    }

    /**
     * A task that completes once the caller holds a permit: at once if one is free and nobody
     * waits. A yield point: {@code await(semaphore.acquire())}. Pair it with {@link #release()}.
     */
    public Task<Void> acquire() {
        AcquireTask task = new AcquireTask();
        lock.lock();
        try {
            if (permits == 0) {
                task.waiter = new Waiter(task, 0, waiters, null);
                waiters.add(task.waiter);
                return task;
            }
            permits--;
        } finally {
            lock.unlock();
        }
        task.claimNow();
        task.serve(null, null, false);
        return task;
    }

    /** Takes a permit if one is free (then nobody waits); false otherwise. */
    public boolean tryAcquire() {
        lock.lock();
        try {
            if (permits == 0) {
                return false;
            }
            permits--;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a permit: to the first waiter, or to the count if nobody waits. */
    public void release() {
        Waiter first;
        lock.lock();
        try {
            first = waiters.claimFirst();
            if (first == null) {
                if (permits >= maxPermits) {
                    throw new IllegalStateException(overReleased);
                }
                permits++;
                return;
            }
        } finally {
            lock.unlock();
        }
        first.owner.serve(first, null, false);
    }

    /** The permits free now. */
    public int availablePermits() {
        lock.lock();
        try {
            return permits;
        } finally {
            lock.unlock();
        }
    }

    /** How many acquirers wait now (cancelled ones that have not left yet included). */
    public int queueLength() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the task {@code body} makes while holding a permit: acquires one, then calls
     * {@code body} on the caller's dispatcher, and releases the permit once the body has ended,
     * whether it returned or failed. The result completes as the body does. Cancelling it cancels
     * the acquire, or the body; the result then completes at once, but the permit is released only
     * once the body has unwound ({@link Coroutines#ended}), so no two bodies ever overlap.
     */
    public <T extends @Nullable Object> Task<T> withPermit(Supplier<? extends Task<T>> body) {
        Objects.requireNonNull(body, "body");
        return new PermitScope<T>(this, CoroutineLocal.capture(body)).start();
    }

    /** An acquire waiting for a permit, or one that got it at once. */
    private final class AcquireTask extends Claimable<Void> {
        /** Null for an acquire served at once, which nobody can cancel. */
        @Nullable Waiter waiter;

        @Override
        void withdraw() {
            Objects.requireNonNull(waiter).withdraw(); // cancel() wins only over an acquire that waits
        }

        @Override
        void serve(@Nullable Waiter w, @Nullable Object value, boolean closed) {
            completeValue(null);
        }

        /** Cancels a waiting acquire; a permit already handed over is released. */
        @Override
        public void abandon() {
            if (cancel()) {
                return;
            }
            whenComplete(done -> {
                if (done.exceptionNow() == null) {
                    release();
                }
            });
        }
    }

    /** {@link #withPermit}: acquire, run the body on the caller's dispatcher, release once it ended. */
    private static final class PermitScope<T extends @Nullable Object> extends AbstractTask<T> {
        private final Semaphore semaphore;
        private final Supplier<? extends Task<T>> body;
        private final Dispatcher dispatcher = CurrentDispatcher.current();
        private volatile @Nullable AbstractTask<Void> acquire;
        private volatile @Nullable AbstractTask<T> running;

        PermitScope(Semaphore semaphore, Supplier<? extends Task<T>> body) {
            this.semaphore = semaphore;
            this.body = body;
        }

        PermitScope<T> start() {
            AbstractTask<Void> a = AbstractTask.of(semaphore.acquire());
            acquire = a;
            if (a.isDone()) {
                enter();
            } else {
                a.whenComplete(done -> {
                    if (done.exceptionNow() != null) {
                        return; // the acquire was cancelled: no permit
                    }
                    if (isDone()) {
                        semaphore.release(); // cancelled meanwhile: give the permit straight back
                    } else {
                        dispatcher.execute(this::enter); // the body starts where withPermit was called
                    }
                });
                if (isCancelled()) {
                    a.cancel();
                }
            }
            return this;
        }

        /** Holding a permit: runs the body, unless cancelled meanwhile. */
        private void enter() {
            if (isDone()) {
                semaphore.release();
                return;
            }
            AbstractTask<T> b;
            try {
                b = AbstractTask.of(Objects.requireNonNull(body.get(), "the body returned null instead of a task"));
            } catch (Throwable t) {
                semaphore.release();
                completeExceptionally(t);
                return;
            }
            running = b;
            AbstractTask.of(Coroutines.ended(b)).whenComplete(ended -> {
                semaphore.release();
                completeFrom(b);
            });
            if (isCancelled()) {
                b.cancel(); // a cancel() that came before `running` was set
            }
        }

        @Override
        protected void onCancel() {
            AbstractTask<Void> a = acquire;
            if (a != null) {
                a.cancel();
            }
            AbstractTask<T> b = running;
            if (b != null) {
                b.cancel();
            }
        }
    }
}
