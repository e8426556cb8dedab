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
 * Two fields describe the task:
 * <table>
 *   <caption>task states</caption>
 *   <tr><th>state</th><th>{@code outcome}</th><th>{@code waiters}</th></tr>
 *   <tr><td>pending, nobody waiting</td><td>null</td><td>null</td></tr>
 *   <tr><td>pending, one waiter</td><td>null</td><td>the {@link Continuation}</td></tr>
 *   <tr><td>pending, several</td><td>null</td><td>a chain, newest first, of {@code Waiters} nodes
 *       and {@link LinkedTask}s, which are their own nodes</td></tr>
 *   <tr><td>completing</td><td>value, {@code NULL} or a {@code Failure}</td><td>as above</td></tr>
 *   <tr><td>done</td><td>value, {@code NULL} or a {@code Failure}</td><td>{@code FIRED}</td></tr>
 *   <tr><td>failed, outcome not yet taken</td><td>a {@code Failure}</td><td>{@code UNOBSERVED}</td></tr>
 *   <tr><td>cancelling (see below)</td><td>a {@code Cancelling}</td><td>as when pending</td></tr>
 * </table>
 * Completion sets {@code outcome} (the one completion that does wins), then swaps {@code waiters}
 * for {@code FIRED} and runs every continuation it took, in registration order. A registration that
 * finds {@code FIRED} runs its continuation at once. So each continuation runs exactly once, and
 * none is lost to a race between completing and registering. {@link #cancel()} runs
 * {@link #onCancel()} between the two steps, so cancellation has reached what the task waits for
 * before any waiter runs.
 *
 * <h2>Threads: confined tasks and shared tasks</h2>
 * Most tasks are made, awaited and completed on one event-loop thread. Making every one of them
 * pay for the rare task that crosses threads (a compare-and-set per registration and per
 * completion, see issue 12) is what this section avoids. A task is one of:
 * <ul>
 *   <li><b>shared</b>: {@link #confinedTo()} is null. Any thread may complete, cancel or await it
 *       at any time; {@code outcome} and {@code waiters} change only by compare-and-set (or
 *       get-and-set), and the protocol above is lock-free. {@link Promise}, the combinators and the
 *       channels' tasks are shared from birth: other threads complete them by design.</li>
 *   <li><b>confined</b> to an event loop, its {@link TaskOwner}: {@link #confinedTo()} names it.
 *       While that loop is open, its thread is the only one that writes the two fields, with plain
 *       writes ({@code outcome} with a release store, so that whoever reads it sees the value it
 *       carries). Every other thread that wants to complete, cancel or wait for the task hands
 *       that operation to the loop ({@link TaskOwner#handOff}, through the loop's inbox, a safe
 *       publication point), which runs it at a later turn, on its own thread, on the plain path.
 *       Reading ({@link #isDone()}, {@link #resultNow()}, {@link #join()}'s wait) needs no hand-off:
 *       {@code outcome} is read with a volatile load, and once set it never changes.</li>
 * </ul>
 * Why a racing thread can never see a half-done plain write: no thread but the owner ever writes
 * the fields of a confined task while the owner is open, so there is no write to race with; the
 * owner's own operations are sequential on its thread (continuations it runs may re-enter, and
 * find the task in a consistent state, as on the shared path). Another thread only reads
 * {@code outcome}, which is written last and with release semantics: seeing it non-null, the reader
 * sees everything the owner wrote before it; seeing null, it waits (through a hand-off) or answers
 * "pending". The one write a foreign thread makes to a completed confined task is marking its
 * failure observed ({@code UNOBSERVED} to {@code FIRED} by compare-and-set): once a task has its
 * outcome the owner too writes only {@code FIRED} into {@code waiters}, so the two writes cannot
 * undo each other, and the owner writes the final {@code waiters} before it publishes the outcome of
 * a completion. (A cancellation publishes its outcome first, so that what {@link #onCancel()} calls
 * off sees the task cancelled; a foreign reader in that window may leave it marked unobserved, which
 * is never reported for a cancellation.) Other reads of {@code waiters} by other threads (dumps,
 * {@link #hasUnobservedFailure()}) are racy snapshots, as on the shared path.
 *
 * <p>The owner's thread takes the plain path only when three things hold, checked on every
 * operation: the task is confined to an owner; that owner's thread is the calling thread; the owner
 * has not closed. The answer can change under a foreign thread's feet only from confined to shared,
 * never back, and only by a write of the owner's that publishes its plain writes first:
 * <ul>
 *   <li>the owner closes ({@link TaskOwner#ownerClosed()}, a volatile write after its last plain
 *       write): from then on every thread, the owner's included, uses the shared protocol, and a
 *       hand-off it had not run yet is run by the closing owner or by the thread that queued it
 *       (exactly once, see {@link TaskOwner#handOff});</li>
 *   <li>a subclass stops confining the task ({@link #confinedTo()} turns null, with a volatile
 *       write by the owner's thread): a coroutine that leaves its loop for another dispatcher does
 *       so before it is handed on.</li>
 * </ul>
 * A foreign thread that saw the task still confined hands its operation off; whenever it runs, on
 * the owner, the operation looks again and takes whichever path holds then. The owner is fixed when
 * the task is made (a final field, or a final field of the subclass), so a task published to
 * another thread through a data race still names its owner there, and is never mistaken for a
 * shared one.
 *
 * <p>What a foreign thread gives up on a confined task: its {@link #cancel()} and completion take
 * effect at the owner's next turn, not before they return; they return true if the task was pending
 * when they were called (the owner's completion may still come first, and then they do nothing).
 * Continuations registered by a foreign thread on a pending confined task run on the owner's
 * thread. Everything else holds as on the shared path.
 *
 * <h2>Cancelling</h2>
 * {@link #cancel()} completes most tasks at once with a {@code CancellationException}. A task that
 * stands for work that must unwind first (a coroutine whose {@code finally} blocks must run, a
 * combinator whose cancelled inputs must) answers true to {@link #completesAfterUnwinding()}: its
 * cancellation parks a {@code Cancelling} marker in {@code outcome} instead, which makes
 * {@link #isCancelled()} true at once while {@link #isDone()} stays false and nobody waiting is
 * woken. The subclass completes the task later, by any of the {@code complete} methods; whatever it
 * completes with, the outcome is the cancellation the marker holds (a cancelled task never turns
 * into a success). So whoever awaits or joins a cancelled coroutine resumes only once its body has
 * unwound, as in Kotlin, C# and asyncio.
 *
 * <h2>Unobserved failures</h2>
 * A task that fails while nobody waits for it parks {@code UNOBSERVED} in {@code waiters} instead
 * of {@code FIRED}. Whoever later takes its outcome ({@link #whenComplete}, {@link #join()},
 * {@link #resultNow()}, {@link #exceptionNow()}) turns it into {@code FIRED}. So
 * {@link #hasUnobservedFailure()} tells an event loop, when it shuts down, which failures nobody
 * ever looked at, at the cost of one extra state and no field. A loop that keeps such a task
 * weakly replaces the mark with a {@link FailureWatch} of its own ({@link #watchUnobservedFailure()}),
 * which taking the outcome flips: when the task has been collected, the watch still tells whether
 * anyone saw the failure, and the loop reports it then, not only at its end.
 *
 * <h2>Why it is cheap</h2>
 * A value completes without allocation (only a null value or a failure is encoded); one waiter —
 * the common case, a coroutine awaiting a task — is stored directly, without a node, and so is
 * every coroutine among many awaiting one task (a {@link LinkedTask} links itself); awaiting a
 * task that has already completed reads {@code outcome} and never touches {@code waiters}; on its
 * loop, a confined task is registered on and completed with plain stores only.
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

    /**
     * The {@code outcome} of a task that was cancelled but completes only later, once what it stands
     * for has unwound (see "Cancelling" above): {@code result} is the outcome it will complete with.
     */
    private record Cancelling(Failure result) {}

    /**
     * A waiter that is not a {@link LinkedTask}, in a list of two or more, newest first: {@code rest}
     * is the waiter registered before it. Mutable only to reverse the list when it fires.
     */
    private static final class Waiters {
        final Continuation head;
        @Nullable Object rest;

        Waiters(Continuation head, @Nullable Object rest) {
            this.head = head;
            this.rest = rest;
        }
    }

    /**
     * {@code waiters} with {@code c} registered in front of {@code w}: a {@link LinkedTask} links
     * itself, any other continuation takes a node unless it is the first.
     */
    private static Object push(Continuation c, @Nullable Object w) {
        if (c instanceof LinkedTask<?> l) {
            l.nextWaiter = w;
            return l;
        }
        return w == null ? c : new Waiters(c, w);
    }

    // Declared volatile, so that a read by name is a volatile read; the owner of a confined task
    // writes them through the VarHandles in plain (waiters) or release (outcome) mode.
    @SuppressWarnings("unused") // written through OUTCOME
    private volatile @Nullable Object outcome;

    @SuppressWarnings("unused") // written through WAITERS
    private volatile @Nullable Object waiters;

    protected AbstractTask() {}

    /**
     * The event loop this task is confined to (see "Threads" above), or null if it is shared. The
     * default: shared. An override must answer the same owner from the task's creation on (a final
     * field), and may turn null only by a volatile write on the owner's thread, never back.
     */
    protected @Nullable TaskOwner confinedTo() {
        return null;
    }

    /** The owner if the calling thread may take the plain path now; else null. */
    private @Nullable TaskOwner ownedHere(@Nullable TaskOwner o) {
        return o != null && o.inHostThread() && !o.ownerClosed() ? o : null;
    }

    /**
     * Whether the calling thread is the owner of this confined task, its owner open: the only
     * thread that touches the task now, so that a subclass may use plain stores for its own state
     * too (see "Threads" above).
     */
    protected final boolean ownedByCallingThread() {
        return ownedHere(confinedTo()) != null;
    }

    /** For a thread that is not the owner: whether it must hand its operation to {@code o}. */
    private static boolean mustHandOff(@Nullable TaskOwner o) {
        return o != null && !o.ownerClosed();
    }

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
        if (encoded == null || encoded instanceof Cancelling) {
            throw new IllegalStateException("the source task has not completed");
        }
        return settle(encoded);
    }

    private boolean settle(Object encoded) {
        TaskOwner o = confinedTo();
        if (o != null) {
            if (ownedHere(o) != null) {
                return settleOwned(encoded);
            }
            if (mustHandOff(o)) {
                if (isDone()) {
                    return false;
                }
                TaskOwner.handOff(o, () -> settle(encoded));
                return true;
            }
        }
        for (;;) {
            Object current = outcome;
            if (current != null && !(current instanceof Cancelling)) {
                return false;
            }
            // A cancelling task completes with its cancellation, whatever it was given.
            Object result = current == null ? encoded : ((Cancelling) current).result();
            if (OUTCOME.compareAndSet(this, current, result)) {
                fireWaiters();
                return true;
            }
        }
    }

    /** {@link #settle} on the owner's thread: plain stores, the final {@code waiters} first. */
    private boolean settleOwned(Object encoded) {
        Object current = OUTCOME.get(this);
        if (current != null && !(current instanceof Cancelling)) {
            return false;
        }
        Object result = current == null ? encoded : ((Cancelling) current).result();
        Object w = WAITERS.get(this);
        WAITERS.set(this, w == null && result instanceof Failure ? UNOBSERVED : FIRED);
        OUTCOME.setRelease(this, result);
        if (w != null) {
            fire(w);
        }
        afterCompletion();
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

    /** {@link #fireWaiters} on the owner's thread, once {@code outcome} is set. */
    private void fireWaitersOwned() {
        Object w = WAITERS.get(this);
        WAITERS.set(this, w == null && OUTCOME.get(this) instanceof Failure ? UNOBSERVED : FIRED);
        if (w != null) {
            fire(w);
        }
        afterCompletion();
    }

    private void fire(Object w) {
        if (w instanceof Continuation c && !(c instanceof LinkedTask<?> l && l.nextWaiter != null)) {
            c.onComplete(this); // one waiter: the common case
            return;
        }
        // The list is ours now (nobody reaches it through `waiters` any more). Newest first: reverse
        // it in place to run in registration order. Only the oldest waiter can be a bare continuation.
        Object prev = null;
        Continuation oldest = null;
        for (Object o = w; o != null; ) {
            Object rest;
            if (o instanceof Waiters ws) {
                rest = ws.rest;
                ws.rest = prev;
            } else if (o instanceof LinkedTask<?> l) {
                rest = l.nextWaiter;
                l.nextWaiter = prev;
            } else {
                oldest = (Continuation) o;
                break;
            }
            prev = o;
            o = rest;
        }
        if (oldest != null) {
            oldest.onComplete(this);
        }
        for (Object o = prev; o != null; ) {
            Continuation c;
            if (o instanceof Waiters ws) {
                c = ws.head;
                o = ws.rest;
            } else {
                LinkedTask<?> l = (LinkedTask<?>) o;
                c = l;
                o = l.nextWaiter;
                l.nextWaiter = null; // before it runs: a resumed coroutine may register elsewhere at once
            }
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
        TaskOwner o = confinedTo();
        if (o != null) {
            if (ownedHere(o) != null) {
                Object w = WAITERS.get(this);
                if (w == FIRED || isUnobserved(w)) {
                    WAITERS.set(this, FIRED);
                    observed(w);
                    continuation.onComplete(this);
                } else {
                    WAITERS.set(this, push(continuation, w));
                }
                return;
            }
            if (mustHandOff(o)) {
                if (isDone()) { // its outcome is final: run at once as below
                    markObserved();
                    continuation.onComplete(this);
                } else {
                    TaskOwner.handOff(o, () -> whenComplete(continuation));
                }
                return;
            }
        }
        for (;;) {
            Object w = waiters;
            if (w == FIRED || isUnobserved(w)) {
                markObserved();
                continuation.onComplete(this);
                return;
            }
            Object next = push(continuation, w); // the link is published by the compare-and-set
            if (WAITERS.compareAndSet(this, w, next)) {
                return;
            }
        }
    }

    /**
     * The Yieldpoint core of any task: {@code task} itself, or for a foreign implementation of
     * {@link Task}, a bridge through its {@code CompletableFuture}.
     */
    public static <T extends @Nullable Object> AbstractTask<T> of(Task<T> task) {
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
        return w instanceof Waiters chain ? chain.head : null;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public final boolean isDone() {
        Object o = outcome;
        return o != null && !(o instanceof Cancelling);
    }

    /** Cancelled, whether still unwinding (cancelling) or done. */
    @Override
    public final boolean isCancelled() {
        Object o = outcome;
        return o instanceof Failure f ? f.exception() instanceof CancellationException : o instanceof Cancelling;
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
        if (o == null || o instanceof Cancelling) {
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
        return isUnobserved(waiters);
    }

    /**
     * Watches the unobserved failure of this task: a {@link FailureWatch} that learns if the
     * failure is ever observed, and that outlives the task, so that whoever keeps it can report
     * the failure once the task has become unreachable without anyone having seen it (as .NET's
     * {@code UnobservedTaskException} and asyncio's "exception was never retrieved" do). Null if
     * the task has no unobserved failure.
     */
    public final @Nullable FailureWatch watchUnobservedFailure() {
        for (;;) {
            Object w = waiters;
            if (w instanceof FailureWatch fw) {
                return fw;
            }
            if (w != UNOBSERVED) {
                return null;
            }
            FailureWatch fw = new FailureWatch();
            if (WAITERS.compareAndSet(this, UNOBSERVED, fw)) {
                return fw;
            }
        }
    }

    /** Whether {@code waiters} says "failed, outcome not taken": {@code UNOBSERVED}, or a watch of it. */
    private static boolean isUnobserved(@Nullable Object w) {
        return w == UNOBSERVED || w instanceof FailureWatch;
    }

    /** {@code w} was the unobserved mark of a failure whose outcome has now been taken. */
    private static void observed(@Nullable Object w) {
        if (w instanceof FailureWatch fw) {
            fw.markObserved();
        }
    }

    /**
     * The exception of a task that failed, or null, <em>without</em> counting as taking the
     * outcome: for the runtime's own bookkeeping, which must not hide an unobserved failure.
     */
    protected final @Nullable Throwable peekFailure() {
        return outcome instanceof Failure f ? f.exception() : null;
    }

    private void markObserved() {
        // On every path, even a confined task's on another thread: once the task has its outcome,
        // UNOBSERVED (or its watch) can only become FIRED, whoever writes it (see "Threads" above).
        for (;;) {
            Object w = waiters;
            if (!isUnobserved(w)) {
                return;
            }
            if (WAITERS.compareAndSet(this, w, FIRED)) {
                observed(w);
                return;
            }
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
        TaskOwner o = confinedTo();
        if (o != null) {
            if (ownedHere(o) != null) {
                if (OUTCOME.get(this) != null) {
                    return false;
                }
                Object cancelled = cancelledOutcome();
                OUTCOME.setRelease(this, cancelled);
                try {
                    onCancel();
                } finally {
                    if (!(cancelled instanceof Cancelling)) {
                        fireWaitersOwned();
                    }
                }
                return true;
            }
            if (mustHandOff(o)) {
                if (outcome != null) {
                    return false;
                }
                TaskOwner.handOff(o, this::cancel);
                return true;
            }
        }
        Object cancelled = cancelledOutcome();
        if (!OUTCOME.compareAndSet(this, null, cancelled)) {
            return false;
        }
        // Call off what this task waits for before anyone waiting on it hears of the cancellation:
        // whoever sees this task cancelled finds what it waited for cancelled too.
        try {
            onCancel();
        } finally {
            if (!(cancelled instanceof Cancelling)) {
                fireWaiters();
            }
        }
        return true;
    }

    /** What {@link #cancel()} sets: the cancellation itself, or, if the task waits, its promise. */
    private Object cancelledOutcome() {
        Failure cancellation = new Failure(new CancellationException("the task was cancelled"));
        return completesAfterUnwinding() ? new Cancelling(cancellation) : cancellation;
    }

    /**
     * Whether a cancelled task stays <em>cancelling</em> until the subclass completes it (see
     * "Cancelling" above) instead of completing at once. False by default: a timer, a future, a
     * channel operation have nothing to unwind.
     */
    protected boolean completesAfterUnwinding() {
        return false;
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
                : o instanceof Cancelling ? "cancelling"
                : o instanceof Failure f ? (f.exception() instanceof CancellationException ? "cancelled"
                        : "failed: " + f.exception())
                : "done: " + (o == NULL ? null : o);
        return getClass().getSimpleName() + "[" + state + "]";
    }
}
