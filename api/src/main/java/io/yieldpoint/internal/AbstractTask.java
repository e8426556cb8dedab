package io.yieldpoint.internal;

import io.yieldpoint.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The completion core of every Yieldpoint task: generated coroutines extend it, so a coroutine is
 * its own task and costs one object.
 *
 * <h2>States</h2>
 * Two fields, each written once by a compare-and-set, describe the task:
 * <table>
 *   <caption>task states</caption>
 *   <tr><th>state</th><th>{@code outcome}</th><th>{@code waiters}</th></tr>
 *   <tr><td>pending, nobody waiting</td><td>null</td><td>null</td></tr>
 *   <tr><td>pending, one waiter</td><td>null</td><td>the {@link Continuation}</td></tr>
 *   <tr><td>pending, several</td><td>null</td><td>a {@code Waiters} chain</td></tr>
 *   <tr><td>completing</td><td>value, {@code NULL} or a {@code Failure}</td><td>as above</td></tr>
 *   <tr><td>done</td><td>value, {@code NULL} or a {@code Failure}</td><td>{@code FIRED}</td></tr>
 *   <tr><td>failed, outcome not yet taken</td><td>a {@code Failure}</td><td>{@code UNOBSERVED}</td></tr>
 * </table>
 * Completion first sets {@code outcome} (the winner of that race completes the task), then swaps
 * {@code waiters} for {@code FIRED} and runs every continuation it took, in registration order. A
 * registration that finds {@code FIRED} runs its continuation at once. So each continuation runs
 * exactly once, and none is lost to a race between completing and registering. {@link #cancel()}
 * runs {@link #onCancel()} between the two steps, so cancellation has reached what the task waits
 * for before any waiter runs.
 *
 * <h2>Unobserved failures</h2>
 * A task that fails while nobody waits for it parks {@code UNOBSERVED} in {@code waiters} instead
 * of {@code FIRED}. Whoever later takes its outcome ({@link #whenComplete}, {@link #join()},
 * {@link #resultNow()}, {@link #exceptionNow()}) turns it into {@code FIRED}. So
 * {@link #hasUnobservedFailure()} tells an event loop, when it shuts down, which failures nobody
 * ever looked at, at the cost of one extra state and no field.
 *
 * <h2>Why it is cheap</h2>
 * A value completes without allocation (only a null value or a failure is encoded); one waiter —
 * the common case, a coroutine awaiting a task — is stored directly, without a node; awaiting a
 * task that has already completed reads {@code outcome} and never touches {@code waiters}.
 *
 * <h2>Threads</h2>
 * Every method is thread-safe. Continuations run on the completing thread; coroutines use theirs
 * only to hand themselves back to their dispatcher.
 *
 * @param <T> the type of the value
 */
public abstract class AbstractTask<T extends @Nullable Object> implements Task<T> {

    /** The encoded null value. */
    private static final Object NULL = new Object();

    /** {@code waiters} once the continuations have been taken to run. */
    private static final Object FIRED = new Object();

    /** {@code waiters} of a task that failed with nobody waiting, until its outcome is taken. */
    private static final Object UNOBSERVED = new Object();

    private static final VarHandle OUTCOME;
    private static final VarHandle WAITERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OUTCOME = l.findVarHandle(AbstractTask.class, "outcome", Object.class);
            WAITERS = l.findVarHandle(AbstractTask.class, "waiters", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** An exceptional outcome. */
    private record Failure(Throwable exception) {}

    /** Two or more waiters, newest first. */
    private record Waiters(Continuation head, Object rest) {}

    @SuppressWarnings("unused") // accessed through OUTCOME
    private volatile @Nullable Object outcome;

    @SuppressWarnings("unused") // accessed through WAITERS
    private volatile @Nullable Object waiters;

    protected AbstractTask() {}

    // ---------------------------------------------------------------- completing

    /**
     * Completes with {@code value}; false if the task had already completed. Null is accepted for
     * any T, as by {@code Task.completed}: it is the value of every {@code Task<Void>} (the API
     * writes {@code Task<Void>}, not {@code Task<@Nullable Void>}).
     */
    protected boolean completeValue(@Nullable T value) {
        return settle(value == null ? NULL : value);
    }

    /** Completes with {@code exception}; false if the task had already completed. */
    protected boolean completeExceptionally(Throwable exception) {
        if (exception == null) {
            throw new NullPointerException("exception");
        }
        return settle(new Failure(exception));
    }

    /**
     * Completes as {@code source} did: same value, or same exception instance. {@code source}
     * must be done.
     */
    protected boolean completeFrom(AbstractTask<?> source) {
        Object encoded = source.outcome;
        if (encoded == null) {
            throw new IllegalStateException("the source task has not completed");
        }
        return settle(encoded);
    }

    private boolean settle(Object encoded) {
        if (!OUTCOME.compareAndSet(this, null, encoded)) {
            return false;
        }
        fireWaiters();
        return true;
    }

    private void fireWaiters() {
        if (outcome instanceof Failure && WAITERS.compareAndSet(this, null, UNOBSERVED)) {
            // Nobody waits: remember that nobody has seen this failure yet. A registration that
            // comes later finds UNOBSERVED, marks the failure observed and runs at once.
            afterCompletion();
            return;
        }
        Object w = WAITERS.getAndSet(this, FIRED);
        if (w != null) {
            fire(w);
        }
        afterCompletion();
    }

    private void fire(Object w) {
        if (w instanceof Continuation c) {
            c.onComplete(this);
            return;
        }
        // Newest first in the chain: run in registration order, oldest first.
        java.util.ArrayDeque<Continuation> order = new java.util.ArrayDeque<>();
        for (Object o = w; o != null; ) {
            if (o instanceof Waiters ws) {
                order.push(ws.head());
                o = ws.rest();
            } else {
                order.push((Continuation) o);
                o = null;
            }
        }
        for (Continuation c : order) {
            c.onComplete(this);
        }
    }

    /** Hook run once, on the completing thread, after the continuations. */
    protected void afterCompletion() {}

    // ---------------------------------------------------------------- waiting

    /**
     * Runs {@code continuation} when this task completes: at once, on this thread, if it already
     * has.
     */
    public final void whenComplete(Continuation continuation) {
        for (;;) {
            Object w = waiters;
            if (w == FIRED || w == UNOBSERVED) {
                markObserved();
                continuation.onComplete(this);
                return;
            }
            Object next = w == null ? continuation : new Waiters(continuation, w);
            if (WAITERS.compareAndSet(this, w, next)) {
                return;
            }
        }
    }

    /**
     * The Yieldpoint core of any task: {@code task} itself, or for a foreign implementation of
     * {@link Task}, a bridge through its {@code CompletableFuture}.
     */
    public static <T> AbstractTask<T> of(Task<T> task) {
        if (task instanceof AbstractTask<T> core) {
            return core;
        }
        return Promise.of(task.toCompletableFuture());
    }

    /**
     * For dumps: the continuation that registered last on this task, or null if none is waiting.
     * Read without synchronization; it may be out of date by the time it is used.
     */
    protected final @Nullable Continuation newestWaiter() {
        Object w = waiters;
        if (w instanceof Continuation c) {
            return c;
        }
        return w instanceof Waiters chain ? chain.head() : null;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public final boolean isDone() {
        return outcome != null;
    }

    @Override
    public final boolean isCancelled() {
        return outcome instanceof Failure f && f.exception() instanceof CancellationException;
    }

    @Override
    public final boolean isCompletedExceptionally() {
        return outcome instanceof Failure;
    }

    /**
     * The value of a completed task, or its exception thrown as it is.
     *
     * @throws IllegalStateException if the task has not completed
     */
    public final T resultNow() {
        Object o = outcome;
        if (o == null) {
            throw new IllegalStateException("the task has not completed");
        }
        if (o instanceof Failure f) {
            markObserved();
            throw Exceptions.rethrow(f.exception());
        }
        return decode(o);
    }

    /** The value {@code encoded} stands for: {@code NULL} is the null given to {@link #completeValue}. */
    @SuppressWarnings({"unchecked", "NullAway"}) // NULL encodes the null completeValue took: a task's value, as T says (see Task)
    private T decode(Object encoded) {
        return encoded == NULL ? null : (T) encoded;
    }

    /** The exception of a task that failed, or null if it has not failed (or not completed). */
    public final @Nullable Throwable exceptionNow() {
        if (outcome instanceof Failure f) {
            markObserved();
            return f.exception();
        }
        return null;
    }

    /**
     * Whether this task failed (cancellation included) and nobody has taken its outcome yet: no
     * continuation was registered before or after it failed, and neither {@link #join()},
     * {@link #resultNow()} nor {@link #exceptionNow()} has been called. Event loops use it to
     * report failures of tasks that nobody awaited.
     */
    public final boolean hasUnobservedFailure() {
        return waiters == UNOBSERVED;
    }

    /**
     * The exception of a task that failed, or null, <em>without</em> counting as taking the
     * outcome: for the runtime's own bookkeeping, which must not hide an unobserved failure.
     */
    protected final @Nullable Throwable peekFailure() {
        return outcome instanceof Failure f ? f.exception() : null;
    }

    private void markObserved() {
        if (waiters == UNOBSERVED) {
            WAITERS.compareAndSet(this, UNOBSERVED, FIRED);
        }
    }

    @Override
    public T join() {
        if (!isDone()) {
            if (CurrentDispatcher.blockingRefusedHere()) {
                throw new IllegalStateException(
                        "join() would block the event-loop thread '" + Thread.currentThread().getName()
                                + "' and stall every coroutine on it; inside a @Coroutine method use"
                                + " await(task) instead, or join from a thread that is not an event loop");
            }
            block();
        }
        return resultNow();
    }

    private void block() {
        ThreadWaker waker = new ThreadWaker(this);
        whenComplete(waker);
        try {
            ForkJoinPool.managedBlock(waker);
        } catch (InterruptedException e) {
            // managedBlock only throws if the blocker does; ours waits uninterruptibly.
            Thread.currentThread().interrupt();
        }
    }

    /** Parks the joining thread until the task completes; keeps the interrupt status. */
    private static final class ThreadWaker implements Continuation, ForkJoinPool.ManagedBlocker {
        private final AbstractTask<?> task;
        private final Thread thread = Thread.currentThread();

        ThreadWaker(AbstractTask<?> task) {
            this.task = task;
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            LockSupport.unpark(thread);
        }

        @Override
        public boolean block() {
            boolean interrupted = false;
            while (!task.isDone()) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return task.isDone();
        }
    }

    // ---------------------------------------------------------------- cancelling

    @Override
    public boolean cancel() {
        if (!OUTCOME.compareAndSet(this, null, new Failure(new CancellationException("the task was cancelled")))) {
            return false;
        }
        // Call off what this task waits for before anyone waiting on it hears of the cancellation:
        // whoever sees this task cancelled finds what it waited for cancelled too.
        try {
            onCancel();
        } finally {
            fireWaiters();
        }
        return true;
    }

    /**
     * Hook run once after {@link #cancel()} has cancelled this task, before its waiters run: call
     * off what it waits for.
     */
    protected void onCancel() {}

    /**
     * Called when the one consumer this task was made for gives it up without taking its outcome:
     * a coroutine that was cancelled before it could await it. A pending task is cancelled; a task
     * that has already handed its consumer something that must not be lost (a lock, a permit, a
     * channel element) gives it back. The default cancels the task.
     */
    public void abandon() {
        cancel();
    }

    // ---------------------------------------------------------------- interop

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                AbstractTask.this.cancel();
                return cancelled;
            }
        };
        whenComplete(done -> {
            Throwable e = exceptionNow();
            if (e != null) {
                future.completeExceptionally(e);
            } else {
                future.complete(resultNow());
            }
        });
        return future;
    }

    @Override
    public String toString() {
        Object o = outcome;
        String state = o == null ? "pending"
                : o instanceof Failure f ? (f.exception() instanceof CancellationException ? "cancelled"
                        : "failed: " + f.exception())
                : "done: " + (o == NULL ? null : o);
        return getClass().getSimpleName() + "[" + state + "]";
    }
}
