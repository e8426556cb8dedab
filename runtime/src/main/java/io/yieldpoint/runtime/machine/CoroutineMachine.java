package io.yieldpoint.runtime.machine;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Combinators;
import io.yieldpoint.internal.CompletedByTurn;
import io.yieldpoint.internal.Continuation;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.internal.LinkedTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.internal.TaskOwner;
import io.yieldpoint.runtime.debug.CoroutineDump;
import io.yieldpoint.runtime.debug.CoroutineInfo;
import io.yieldpoint.runtime.debug.Inspectable;
import io.yieldpoint.runtime.debug.SourceLines;
import io.yieldpoint.runtime.internal.Cancellations;
import io.yieldpoint.runtime.internal.CoroutineContext;
import io.yieldpoint.runtime.internal.CoroutineHost;
import io.yieldpoint.runtime.internal.DispatcherSwitch;
import io.yieldpoint.runtime.internal.HostedCoroutine;
import io.yieldpoint.runtime.internal.Uncaught;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The base class of every generated {@code Task} state machine: one object per coroutine call,
 * which is at once the coroutine's task, the continuation it registers on what it awaits, and
 * the step its dispatcher runs.
 *
 * <h2>How a generated machine uses it</h2>
 * The generated {@link #step()} is a {@code switch (label)} in a loop. At an {@code await} it calls
 * {@link #suspendOn(Task, int)} with the label to resume at; a {@code true} answer means "suspended,
 * return {@link #SUSPENDED} now". A {@code false} answer is the fast path: the task had already completed, nothing was
 * registered or allocated, and the machine falls through to the resume label, where
 * {@link #awaitResult()} reads the value (or rethrows the exception, the same instance).
 * {@code return done(v)} becomes {@link #returnValue}, and {@code return otherTask} becomes
 * {@link #returnTask}; either completes the task when {@code step()} has returned, so that the
 * finally blocks it leaves run first (and, if one throws, the task fails instead).
 *
 * <h2>States</h2>
 * <table>
 *   <caption>coroutine states</caption>
 *   <tr><th>state</th><th>meaning</th><th>leaves by</th></tr>
 *   <tr><td>running</td><td>{@code step()} runs on a thread of its dispatcher</td>
 *       <td>suspending (it returns {@link #SUSPENDED}), returning ({@link #RETURNED}), throwing</td></tr>
 *   <tr><td>suspended</td><td>{@code awaited} is set and this machine is registered on it (or,
 *       after {@code switchTo}, queued on its new dispatcher)</td>
 *       <td>the awaited task completes: the machine is handed to its dispatcher</td></tr>
 *   <tr><td>cancelled, unwinding</td><td>the task is cancelling: {@code isCancelled()} is true,
 *       it is not done yet; the body has not ended yet</td><td>its next step throws at the yield
 *       point and the body unwinds through its {@code finally} blocks; when it ends, the task
 *       completes with a {@code CancellationException}</td></tr>
 *   <tr><td>ended</td><td>the body returned or threw; the task has its outcome (or, after
 *       {@code return task;}, will complete as that task does)</td><td>-</td></tr>
 * </table>
 * A coroutine started on an event loop is <em>live</em> there until its body ends: the loop
 * cancels and waits for it when it shuts down, and lists it in its dump. The machine reaches its
 * loop only through {@link CoroutineHost}, the loop's narrow interface for coroutines, and
 * offers itself to it as a {@link HostedCoroutine}.
 *
 * <h2>Threads</h2>
 * The first step runs on the thread that called the coroutine; every later step runs on the
 * {@link Dispatcher} that was current then (the event loop, or the default pool for a plain
 * thread), or on the one named by the last {@code await(Dispatch.switchTo(d))}. Steps of one
 * machine never overlap: a machine is registered on at most one task at a time and is dispatched
 * only by that task's completion; and a thread whose step handed the machine on (it suspended)
 * touches nothing of it afterwards, since the next step may already run elsewhere. Each step runs
 * with the coroutine's {@code CoroutineLocal} values installed and the {@code ResumeHook}s around
 * it.
 *
 * <h2>Confined to its loop</h2>
 * A machine made on an event loop is confined to it ({@link #confinedTo()}, see {@link AbstractTask},
 * "Threads"): the loop's thread is then the only one that touches its state, so that, on it, what
 * {@link AbstractTask} does with plain stores the machine does too. {@code awaited} is stored plainly
 * when it suspends, and the end of its body is marked plainly in {@code extras}; both are written
 * with a volatile store or a compare-and-set otherwise, because a {@code cancel()} or a
 * {@link #whenEnded} on another thread may race them (the re-check of {@code isCancelled()} after
 * registering, for instance). Why the plain stores are safe: on its loop, another thread's
 * {@code cancel()} or {@code whenEnded} is handed to the loop and runs after the current step, never
 * during it. Who owns what:
 * <ul>
 *   <li>{@code startedOn} (final): the dispatcher current where the machine was made; if it is an
 *       event loop, the owner. Final, so every thread that has the machine sees its owner.</li>
 *   <li>{@code Extras.dispatcher} (volatile): set by the first {@code switchTo} (or by a
 *       {@link #start()} on another dispatcher than the one it was made on), before the machine is
 *       handed on; from then on the machine is shared, for good, and uses the thread-safe protocol
 *       on every thread, its loop's included. The step that sets it runs on the owner, so no
 *       foreign operation is half done when the mode changes.</li>
 *   <li>everything else: the running step's, as described above; the live-list links are the
 *       loop's.</li>
 * </ul>
 * {@code await(yieldNow())} on its own loop does not even make a task: the processor emits
 * {@link #suspendYield}, which queues the machine itself.
 *
 * <h2>Footprint</h2>
 * A suspended coroutine is this one object, which is also its task and the continuation
 * registered on what it awaits: 48 bytes with compressed references when the body keeps at most
 * one value of its own across a suspension (the 12-byte header, the task's outcome and waiters,
 * the waiter link of {@link LinkedTask}, {@code label}, {@code awaited}, {@code startedOn}, the
 * live-list slot, {@code extras}, and one field of the generated class). Among many coroutines
 * awaiting one task, each is linked into the task's waiters through its own link, without a node.
 * The live list of its loop is an array holding one reference per live coroutine (one to two
 * with the slots it has not squeezed out yet), where two links in every machine took 8 bytes. Three choices keep it there: whether a step suspended is
 * {@code step()}'s answer, not an owner-thread field; what few coroutines need (a context, end
 * listeners, the home loop after a {@code switchTo}) lives in an {@link Extras} object allocated
 * on first use; and the processor leaves out the {@code self} field when the body never uses the
 * generated instance. docs/benchmarks.md has the measurements.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} makes the task <em>cancelling</em> ({@code isCancelled()} true, not yet done; see
 * {@link AbstractTask}, "Cancelling") and cancels what the machine awaits (a future with
 * {@code cancel(true)}: the JDK's {@code HttpClient} aborts its exchange for that flag only). The
 * machine resumes once that has completed (a cancelled coroutine it awaits: once that one has
 * unwound), the exception is thrown at its yield point, and the body unwinds. A machine cancelled
 * while running notices at its next yield point, where the task it was about to await is
 * {@linkplain AbstractTask#abandon() abandoned}: cancelled, or, if it already holds something for
 * this coroutine (a channel element, a lock), made to give it back. The yield points of a
 * {@code finally} block are the exception: the processor emits
 * {@link #suspendInFinally(Task, int)} for them, so cleanup that awaits runs to its end, cancelled or not. When the body has
 * ended, returned or thrown, the task completes with the {@code CancellationException}, and only
 * then do those who await or join it resume. An exception other than the cancellation thrown while
 * unwinding is not the task's outcome: it goes to the task group that owns the coroutine, if any,
 * else to the uncaught-exception handler.
 *
 * <p>The class is not abstract only so that javac compiles generated machines faster (see
 * {@link #step()}); it is meant to be extended by the processor's code alone, and its constructor is
 * protected.
 *
 * @param <T> the coroutine's value type
 */
public class CoroutineMachine<T extends @Nullable Object> extends LinkedTask<T>
        implements Runnable, HostedCoroutine, Inspectable, CoroutineContext.Step {

    /** Where {@link #step()} resumes; 0 is the start of the body. */
    protected int label;

    /** {@link #label} once the body has returned; {@code awaited} then holds what it returned. */
    private static final int RETURNED_VALUE = -1;
    private static final int RETURNED_TASK = -2;

    /**
     * The task or future this machine is suspended on, or whose result it is about to read.
     * Written with a volatile store when the machine suspends (so that {@link #cancel()} on
     * another thread sees it), plainly on the fast path, where nothing can be left to call off.
     */
    private @Nullable Object awaited;

    private static final VarHandle AWAITED;

    static {
        try {
            AWAITED = MethodHandles.lookup().findVarHandle(CoroutineMachine.class, "awaited", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The dispatcher current where the machine was made, which is where its first step runs: where
     * it resumes until a {@code switchTo} (then {@link Extras#dispatcher} says where), and, if it is
     * an event loop, the loop this machine is confined to until then. Final, so that any thread that
     * has the machine sees which loop owns it.
     */
    private final Dispatcher startedOn;


    /**
     * Where this coroutine is in the live list of the event loop it started on (its slot plus one),
     * owned by that loop's thread; 0 if it is not in such a list.
     */
    private int liveSlot;

    /**
     * What few coroutines need, kept out of every coroutine's object (see {@link Extras}): null
     * while none is needed; {@code BODY_ENDED} if the body ended with none needed; else an
     * {@link Extras}. Installed by compare-and-set: the running step and {@link #whenEnded} on
     * another thread may both install one.
     */
    @SuppressWarnings("unused") // accessed through EXTRAS
    private volatile @Nullable Object extras;

    private static final Object BODY_ENDED = new Object();

    private static final VarHandle EXTRAS;
    private static final VarHandle END_LISTENERS;

    static {
        try {
            EXTRAS = MethodHandles.lookup().findVarHandle(CoroutineMachine.class, "extras", Object.class);
            END_LISTENERS = MethodHandles.lookup().findVarHandle(Extras.class, "endListeners", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The state of a coroutine that uses contexts, leaves its home loop, or is watched for the end
     * of its body: allocated on the first such use, so a plain coroutine's object holds one
     * reference instead of these three (the per-coroutine footprint is a goal of its own, see
     * docs/benchmarks.md).
     */
    static final class Extras {
        /** The {@code CoroutineLocal} values this coroutine carries, captured when it starts. */
        CoroutineContext context = CoroutineContext.EMPTY;

        /**
         * The event loop this coroutine started on, once it has left it ({@code switchTo}); while
         * it has not, its home is its dispatcher.
         */
        @Nullable CoroutineHost home;

        /**
         * Where the machine resumes once a {@code switchTo} has moved it (null until then: where it
         * started). Written by the running step before the machine is handed on, so whoever resumes
         * it reads the new value; volatile, and never null again once set, because it also ends the
         * machine's confinement to its loop (see {@link #confinedTo()}).
         */
        volatile @Nullable Dispatcher dispatcher;

        /**
         * What to run when the body ends: null, an {@link EndListener}, an {@code EndListeners}
         * chain (newest first); {@code BODY_ENDED} once the body has returned or thrown, its
         * {@code finally} blocks run.
         */
        @SuppressWarnings("unused") // accessed through END_LISTENERS
        volatile @Nullable Object endListeners;
    }

    /** The extras, installed now if there are none yet; null if the body has ended without any. */
    private @Nullable Extras extras() {
        for (;;) {
            Object x = extras;
            if (x instanceof Extras e) {
                return e;
            }
            if (x == BODY_ENDED) {
                return null;
            }
            Extras e = new Extras();
            if (EXTRAS.compareAndSet(this, null, e)) {
                return e;
            }
        }
    }

    /** The context this coroutine carries. */
    private CoroutineContext context() {
        return extras instanceof Extras e ? e.context : CoroutineContext.EMPTY;
    }

    /** The event loop this coroutine started on and is live on, or null. */
    private @Nullable CoroutineHost home() {
        if (extras instanceof Extras e && e.home != null) {
            return e.home;
        }
        return liveSlot != 0 && dispatcher() instanceof CoroutineHost loop ? loop : null;
    }

    /** Where this machine resumes: where it started, until a {@code switchTo}. */
    private Dispatcher dispatcher() {
        if (extras instanceof Extras e) {
            Dispatcher d = e.dispatcher;
            if (d != null) {
                return d;
            }
        }
        return startedOn;
    }

    /**
     * The event loop this machine is confined to: the one it started on, until it first moves to
     * another dispatcher; null for a machine started elsewhere, or once it has moved. See
     * "Threads" above.
     */
    @Override
    protected final @Nullable TaskOwner confinedTo() {
        if (startedOn instanceof CoroutineHost loop) {
            return extras instanceof Extras e && e.dispatcher != null ? null : loop;
        }
        return null;
    }

    private record EndListeners(EndListener head, Object rest) {}

    protected CoroutineMachine() {
        startedOn = CurrentDispatcher.current();
    }

    // The slot in the loop's live list (HostedCoroutine); loop thread only.

    @Override
    public final int liveSlot() {
        return liveSlot;
    }

    @Override
    public final void liveSlot(int slot) {
        liveSlot = slot;
    }

    /**
     * Runs the body from the start: one step on the calling thread, up to its first suspension.
     * Called once, by the generated method.
     */
    public final Task<T> start() {
        if (!(startedOn instanceof CoroutineHost loop && loop.inHostThread())) {
            Dispatcher here = CurrentDispatcher.current();
            if (here != startedOn) {
                // Made where another dispatcher was current (by hand, not by generated code, which
                // makes and starts at once): it starts here, and is never confined to a loop.
                moved(here);
            }
        }
        CoroutineContext context = CoroutineContext.current();
        if (!context.isEmpty()) {
            // Not null: extras() is null only once the body has ended, and it has not started.
            Objects.requireNonNull(extras()).context = context;
        }
        if (dispatcher() instanceof CoroutineHost loop) {
            loop.adopt(this);
        } else {
            CoroutineDump.poolCoroutineStarted(this); // listed only if pool tracking is on
        }
        run();
        return this;
    }

    /** Runs one step: the body from {@link #label} to its next suspension or its end. */
    @Override
    public final void run() {
        if (CoroutineContext.inUse) {
            CoroutineContext.runIn(context(), this);
        } else {
            runStep();
        }
    }

    /**
     * One step, with this coroutine's context already installed if contexts are in use. For the
     * runtime ({@link CoroutineContext#runIn}); generated code calls {@link #start()} only.
     */
    @Override
    public final void runStep() {
        boolean suspended;
        try {
            suspended = step();
        } catch (Throwable t) {
            SourceLines.rewrite(t);
            label = 0;
            awaited = null;
            // Cancelled, the body has unwound: the task completes cancelled now. A
            // CancellationException is how it should end; anything else was thrown while unwinding
            // and is not the task's outcome: it is reported below.
            completeExceptionally(t); // cancelling: completes with its cancellation instead
            boolean failed = peekFailure() == t;
            if (failed && Exceptions.isFatal(t)) {
                // An error of the JVM (out of memory, a stack overflow) fails the coroutine like any
                // exception, so whoever awaits it sees it; it is also reported at once, since it says
                // the process is in trouble and a coroutine nobody awaits would keep it quiet.
                Uncaught.report(dispatcher(), this, t);
                exceptionNow(); // reported: not again as an unobserved failure
            }
            ended(failed || t instanceof CancellationException ? null : t);
            return;
        }
        if (suspended) {
            return; // the machine may already be running its next step elsewhere: touch nothing
        }
        // A return completes the task only now, after every finally block on the way out of step()
        // has run (and could still have thrown).
        if (label == RETURNED_VALUE) {
            @SuppressWarnings("unchecked")
            T value = (T) awaited;
            awaited = null;
            completeValue(value);
            ended(null);
        } else if (label == RETURNED_TASK) {
            AbstractTask<?> task = (AbstractTask<?>) Objects.requireNonNull(awaited); // set by returnTask
            if (!ownedByCallingThread()) {
                AWAITED.setVolatile(this, task); // as in suspendOn
            }
            task.whenComplete(done -> completeFrom(done));
            if (isCancelled()) {
                task.cancel(); // as in suspendOn: a cancel() that missed `awaited`
            }
            ended(null);
        } else {
            throw new IllegalStateException("step() of " + getClass().getName() + " returned " + RETURNED
                    + " without a return: label " + label);
        }
    }

    /** The body has ended; {@code lateFailure} is what it threw after its task was cancelled. */
    private void ended(@Nullable Throwable lateFailure) {
        CoroutineHost loop = home();
        if (loop == null) {
            // Before the body is marked ended: from then on another thread's Coroutines.ended(t)
            // completes at once (whenEnded finds the mark), and whoever waits on that must not find
            // the coroutine still listed in a dump; the end listeners come later still.
            CoroutineDump.poolCoroutineEnded(this);
        }
        Object listeners = markEnded();
        // A listener (a task group) may take charge of a late failure; else it is uncaught.
        boolean taken = runEndListeners(listeners, lateFailure);
        Throwable uncaught = taken ? null : lateFailure;
        if (loop != null && dispatcher() != loop) {
            loop.workCameBack(); // it ended after a switchTo away from its loop
        }
        if (loop != null) {
            loop.coroutineEnded(this, uncaught);
        } else if (uncaught != null) {
            Uncaught.report(dispatcher(), this, uncaught);
        }
    }

    /** Runs the listeners oldest first; whether one took charge of {@code lateFailure}. */
    private static boolean runEndListeners(@Nullable Object listeners, @Nullable Throwable lateFailure) {
        if (listeners instanceof EndListener l) {
            return l.bodyEnded(lateFailure);
        } else if (listeners instanceof EndListeners chain) {
            boolean taken = runEndListeners(chain.rest(), lateFailure);
            return chain.head().bodyEnded(taken ? null : lateFailure) || taken;
        }
        return false;
    }

    /** Marks the body ended; the end listeners registered until now, to run. */
    private @Nullable Object markEnded() {
        if (ownedByCallingThread()) { // no other thread touches `extras` now: whenEnded hands off
            Object x = EXTRAS.get(this);
            if (x instanceof Extras e) {
                Object listeners = END_LISTENERS.get(e);
                END_LISTENERS.set(e, BODY_ENDED);
                return listeners;
            }
            EXTRAS.set(this, BODY_ENDED);
            return null;
        }
        for (;;) {
            Object x = extras;
            if (x instanceof Extras e) {
                return END_LISTENERS.getAndSet(e, BODY_ENDED);
            }
            if (EXTRAS.compareAndSet(this, null, BODY_ENDED)) {
                return null;
            }
        }
    }

    /** Whether the body has ended (returned or thrown): its {@code finally} blocks have run. */
    public final boolean hasEnded() {
        Object x = extras;
        return x == BODY_ENDED || (x instanceof Extras e && e.endListeners == BODY_ENDED);
    }

    /**
     * Runs {@code listener} once the body has ended, on the thread that ran its last step; at
     * once (with no late failure) if it already has. The task may still be pending then, if the
     * body returned another task ({@code return task;}).
     */
    public final void whenEnded(EndListener listener) {
        TaskOwner o = confinedTo();
        if (o != null && !o.inHostThread() && !o.ownerClosed()) {
            // The owner ends the body with plain stores: hand the registration to it.
            TaskOwner.handOff(o, () -> whenEnded(listener));
            return;
        }
        Extras e = extras();
        for (;;) {
            Object l = e == null ? BODY_ENDED : e.endListeners;
            if (l == BODY_ENDED) {
                listener.bodyEnded(null);
                return;
            }
            Object next = l == null ? listener : new EndListeners(listener, l);
            if (END_LISTENERS.compareAndSet(e, l, next)) {
                return;
            }
        }
    }

    /** The failure nobody has observed yet, without observing it; null if there is none. */
    @Override
    public final @Nullable Throwable unobservedFailure() {
        return hasUnobservedFailure() ? peekFailure() : null;
    }

    /** One line for dumps: the machine, its state, its label, what it awaits, where it resumes. */
    @Override
    public final String describe() {
        SourceLines.Machine table = SourceLines.of(getClass());
        Object a = AWAITED.getVolatile(this);
        String label = "label " + this.label + (table == null ? "" : " (" + table.file() + ":" + table.stateLine(this.label) + ")");
        String current = state(a);
        String state = switch (current) {
            case SUSPENDED_STATE -> "suspended at " + label + " on " + SourceLines.describeTask(a);
            case UNWINDING_STATE -> "cancelled, unwinding from " + label;
            case RUNNING_STATE, QUEUED_STATE -> "ready to resume at " + label;
            default -> current;
        };
        return SourceLines.describeTask(this) + " " + state + ", on " + dispatcher().name()
                + (context().isEmpty() ? "" : ", context " + context());
    }

    /** This coroutine as a dump entry, in the user's terms where the processor left line tables. */
    @Override
    public final CoroutineInfo info() {
        SourceLines.Machine table = SourceLines.of(getClass());
        int at = label;
        Object a = AWAITED.getVolatile(this);
        Continuation parent = newestWaiter();
        return new CoroutineInfo(SourceLines.describeTask(this),
                table == null ? getClass().getName() : table.declaringClass() + "." + table.method(),
                table == null ? "" : table.file(), table == null ? -1 : table.stateLine(at), state(a),
                a == null ? "" : SourceLines.describeTask(a),
                dispatcher().name(),
                parent instanceof CoroutineMachine<?> p ? SourceLines.describeTask(p) : "");
    }

    private static final String SUSPENDED_STATE = "suspended";
    private static final String UNWINDING_STATE = "cancelled, unwinding";
    private static final String RUNNING_STATE = "running";
    private static final String QUEUED_STATE = "queued";

    /**
     * The state a dump shows, from fields read without locks ({@code awaitedNow} is
     * {@code awaited}, read once by the caller): a coroutine that moves on meanwhile may be shown as
     * it was a moment before.
     */
    private String state(@Nullable Object awaitedNow) {
        if (hasEnded()) {
            return "ended";
        } else if (isCancelled()) {
            return UNWINDING_STATE;
        } else if (isDone()) {
            return "done";
        } else if (awaitedNow == null) {
            return RUNNING_STATE;
        } else if (awaitedNow instanceof AbstractTask<?> t ? !t.isDone()
                : awaitedNow instanceof CompletableFuture<?> f && !f.isDone()) {
            return SUSPENDED_STATE;
        }
        return QUEUED_STATE; // what it awaits has completed: it waits for its turn
    }

    /** What {@link #step()} returns when the machine suspended: it must not be touched any more. */
    protected static final boolean SUSPENDED = true;

    /**
     * What {@link #step()} returns when the body returned ({@link #returnValue} or
     * {@link #returnTask} was called): the task completes now that every {@code finally} block on
     * the way out has run.
     */
    protected static final boolean RETURNED = false;

    /**
     * The body of the coroutine as a state machine: runs from {@link #label} until the machine
     * suspends ({@link #SUSPENDED}) or the body returns ({@link #RETURNED}); an exception thrown
     * out of it fails the task. The answer, not a field, says which: once suspended, another thread
     * may already be running the next step and writing the fields.
     *
     * <p>Every generated machine overrides it. It is not abstract, nor is this class, for the
     * compile time of the generated code: javac checks each class whose superclass is abstract and
     * generic against the abstract methods of every supertype pair ({@code Check.checkCompatibleSupertypes}),
     * which cost about 0.1 ms per generated machine, a tenth of javac's time on them (docs/benchmarks.md,
     * "Compile time").
     */
    protected boolean step() throws Throwable {
        throw new AbstractMethodError(getClass().getName() + " does not override step()");
    }

    /**
     * The awaited task completed: hand this machine to its dispatcher; or, for a timer or a yield
     * that its own event loop's turn has just completed, resume now, in that turn (see
     * {@link CompletedByTurn}): a queue hop less per {@code yieldNow} and per {@code sleep}.
     */
    @Override
    public final void onComplete(AbstractTask<?> completed) {
        Dispatcher d = dispatcher();
        if (completed instanceof CompletedByTurn && d instanceof CoroutineHost loop && loop.inHostThread()
                && !completed.isCompletedExceptionally()) {
            run();
        } else {
            d.execute(this);
        }
    }

    /**
     * The yield point of {@code await(task)}: remembers the task and the label to resume at.
     *
     * @return true if the machine suspended (the caller must return), false if the task had
     *     already completed (the caller goes on to {@code resumeLabel} at once)
     */
    protected final boolean suspendOn(Task<?> task, int resumeLabel) {
        if (task == Cancellations.PROBE) {
            // await(Cancellation.isCancelled()): answered here, without suspending or throwing
            label = resumeLabel;
            awaited = isCancelled() ? CANCELLED_TRUE : CANCELLED_FALSE;
            return false;
        }
        if (isCancelled() && !(task instanceof Cancellations.Shielded)) {
            // The task was made for this await and nobody else will take it: call it off, or have
            // it give back what it already holds for us (a channel element, a lock).
            if (task instanceof AbstractTask<?> core) {
                core.abandon();
            } else {
                task.cancel();
            }
            throw cancelledAtYieldPoint();
        }
        AbstractTask<?> core = AbstractTask.of(task);
        label = resumeLabel;
        if (core instanceof DispatcherSwitch move) {
            awaited = core;
            moveTo(move.target);
            return true;
        }
        if (core.isDone()) {
            awaited = core;
            return false;
        }
        if (ownedByCallingThread()) {
            // Confined, on its loop's thread: a cancel() from another thread is handed to this
            // thread and runs after this step, so nothing can miss `awaited` (see "Threads").
            awaited = core;
            core.whenComplete(this);
            return true;
        }
        AWAITED.setVolatile(this, core);
        core.whenComplete(this); // from here on another thread may run the next step
        if (isCancelled() && !(core instanceof Cancellations.Shielded)) {
            cancelAfterHandOff(core); // a cancel() that ran before `awaited` was set could not reach it
        }
        return true;
    }

    /**
     * A yield point inside a {@code finally} block: as {@link #suspendOn(Task, int)}, except that the
     * task is awaited {@linkplain io.yieldpoint.runtime.Cancellation#shield shielded}. A coroutine
     * cancelled before or while it runs its cleanup still awaits it to the end, and the cancellation
     * does not reach what the cleanup awaits; the {@code CancellationException} goes on once the
     * finally block is done. So whoever awaits a cancelled coroutine finds its cleanup finished.
     */
    protected final boolean suspendInFinally(Task<?> task, int resumeLabel) {
        if (task == Cancellations.PROBE || task instanceof DispatcherSwitch || task instanceof Cancellations.Shielded) {
            return suspendOn(task, resumeLabel); // answered or moved without waiting, or already shielded
        }
        return suspendOn(new Cancellations.Shielded<>(AbstractTask.of(task)), resumeLabel);
    }

    /** A yield point on a {@code CompletionStage} inside a {@code finally} block: see {@link #suspendInFinally(Task, int)}. */
    protected final boolean suspendInFinally(CompletionStage<?> stage, int resumeLabel) {
        return suspendOn(new Cancellations.Shielded<>(Promise.of(stage)), resumeLabel);
    }

    /**
     * The yield point of {@code await(yieldNow())}, which the processor emits instead of
     * {@code suspendOn(yieldNow(), label)}: same answer, same order. On its own event loop, a
     * confined machine queues itself on the loop, where the task of {@code yieldNow} would have
     * been queued and would have resumed it: no task, no registration, no completion. Elsewhere (a
     * pool, a machine that moved, a loop that has closed) it awaits {@code yieldNow()} as written.
     *
     * @return true: the machine suspended (the caller must return); false as for {@link #suspendOn}
     */
    protected final boolean suspendYield(int resumeLabel) {
        if (!ownedByCallingThread()) {
            return suspendOn(Combinators.yieldNow(), resumeLabel);
        }
        if (isCancelled()) {
            throw cancelledAtYieldPoint(); // as suspendOn would, having called off the yield
        }
        label = resumeLabel;
        awaited = YIELDED; // a cancel() meanwhile has nothing to call off: it is seen at the resume
        startedOn.execute(this); // confined: not moved, so startedOn is its loop and dispatcher
        return true;
    }

    /** {@code awaited} of a machine that queued itself in {@link #suspendYield}. */
    private static final AbstractTask<?> YIELDED = AbstractTask.of(Task.completed(null));

    private static final AbstractTask<Boolean> CANCELLED_TRUE = (AbstractTask<Boolean>) Task.completed(true);
    private static final AbstractTask<Boolean> CANCELLED_FALSE = (AbstractTask<Boolean>) Task.completed(false);

    /** The yield point of {@code await(stage)} for a {@code CompletionStage}. */
    @SuppressWarnings("FutureReturnValueIgnored") // the stage whenComplete returns: resumeFromStage reports its own failure
    protected final boolean suspendOn(CompletionStage<?> stage, int resumeLabel) {
        if (isCancelled()) {
            stage.toCompletableFuture().cancel(true);
            throw cancelledAtYieldPoint();
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        label = resumeLabel;
        if (future.isDone()) {
            awaited = future;
            return false;
        }
        AWAITED.setVolatile(this, future);
        CoroutineHost loop = home();
        Runnable cameBack = loop != null && loop.inHostThread() ? loop.futureInFlight() : null;
        if (cameBack != null) {
            // A test loop on virtual time: the future is work away, so that the clock waits for it.
            future.whenComplete((v, e) -> {
                resumeFromStage();
                cameBack.run(); // once the machine is queued, as in moveTo
            });
        } else {
            future.whenComplete((v, e) -> resumeFromStage());
        }
        if (isCancelled()) {
            cancelAfterHandOff(future); // as above: a cancel() that missed `awaited`
        }
        return true;
    }

    /**
     * The awaited future completed: hand this machine to its dispatcher. A dispatcher that refuses
     * (a custom one that throws) would leave the coroutine suspended forever, and the future's
     * stage would swallow the exception: it is reported as uncaught instead, never silently lost.
     */
    private void resumeFromStage() {
        Dispatcher d = dispatcher();
        try {
            d.execute(this);
        } catch (RuntimeException refused) {
            Uncaught.report(d, this, new IllegalStateException("the dispatcher " + d.name()
                    + " refused to resume the coroutine after its future completed", refused));
        }
    }

    /**
     * {@code await(switchTo(target))}: from now on the machine resumes on {@code target}, starting
     * with its next step. Its home loop counts it away meanwhile (virtual time waits for it).
     */
    private void moveTo(Dispatcher target) {
        Dispatcher from = dispatcher();
        CoroutineHost loop = home();
        if (loop == null) { // not live on a loop: nobody counts it away
            moved(target);
            target.execute(this);
            return;
        }
        boolean leaving = from == loop && target != loop;
        boolean returning = from != loop && target == loop;
        if (leaving) {
            // its dispatcher will no longer say where it is live (extras() is not null: the body runs)
            Objects.requireNonNull(extras()).home = loop;
        }
        moved(target);
        if (leaving) {
            loop.workLeft();
        }
        target.execute(this);
        if (returning) {
            // Only once the machine is queued on its loop: a loop woken by this must find it there,
            // or, on virtual time, it would move the clock past it.
            loop.workCameBack();
        }
    }

    /**
     * From now on the machine resumes on {@code target}. Written before it is handed on; it also
     * ends its confinement to its loop, for good: another thread may complete it, or run its steps,
     * from now on (see "Threads").
     */
    private void moved(Dispatcher target) {
        // Not null: extras() is null only once the body has ended, and it is running.
        Objects.requireNonNull(extras()).dispatcher = target;
    }

    /**
     * Cancels what the machine has just suspended on. The machine is no longer this thread's: what
     * the cancellation throws cannot fail its task, so it is reported as uncaught.
     */
    private void cancelAfterHandOff(Object awaitedTask) {
        try {
            if (awaitedTask instanceof AbstractTask<?> t) {
                t.cancel();
            } else {
                ((CompletableFuture<?>) awaitedTask).cancel(true);
            }
        } catch (Throwable t) {
            Uncaught.report(dispatcher(), this, t);
        }
    }

    private static CancellationException cancelledAtYieldPoint() {
        return new CancellationException("the coroutine was cancelled");
    }

    /**
     * The value of the task this machine resumed from; rethrows its exception as it is. Called
     * once, right after the resume label.
     */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // R is inferred where generated code assigns it
    protected final <R extends @Nullable Object> R awaitResult() {
        Object a = awaited;
        awaited = null;
        if (a == YIELDED && isCancelled()) {
            throw cancelledAtYieldPoint(); // cancelled while it waited for its turn in suspendYield
        }
        // Cancelled while suspended, the awaited task was cancelled too: its CancellationException
        // is thrown here and the body unwinds from its yield point. If it failed first, the
        // cancellation still wins (below).
        try {
            if (a instanceof AbstractTask<?> t) {
                return (R) t.resultNow();
            }
            CompletableFuture<?> f = (CompletableFuture<?>) Objects.requireNonNull(a); // set by suspendOn
            try {
                return (R) f.join();
            } catch (RuntimeException e) {
                throw Exceptions.rethrow(Exceptions.unwrap(e));
            }
        } catch (Throwable failure) {
            if (isCancelled() && !(failure instanceof CancellationException) && !(a instanceof Cancellations.Shielded<?>)
                    && !Exceptions.isFatal(failure)) {
                // Cancelled while what it awaited failed (the two raced): the cancellation wins, as in
                // Kotlin, so the body unwinds as cancelled and the failure, which nobody awaits any
                // more, travels along as suppressed instead of being reported as uncaught.
                CancellationException cancelled = cancelledAtYieldPoint();
                cancelled.addSuppressed(failure);
                throw cancelled;
            }
            SourceLines.awaitedBy(failure, getClass(), label);
            throw Exceptions.rethrow(failure);
        }
    }

    // The value of an await assigned to a primitive: Java unboxes, then widens (an Integer task
    // assigned to a long). Inferring awaitResult() from a primitive target would cast to the
    // target's box instead (Long) and fail, so each primitive target has its reader.
    // awaitResult() is generic, hence the Object-typed call.

    /** {@link #awaitResult()} for an {@code int} target. */
    protected final int awaitInt() {
        return MachineSupport.toInt(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code long} target. */
    protected final long awaitLong() {
        return MachineSupport.toLong(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code float} target. */
    protected final float awaitFloat() {
        return MachineSupport.toFloat(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code double} target. */
    protected final double awaitDouble() {
        return MachineSupport.toDouble(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code short} target. */
    protected final short awaitShort() {
        return MachineSupport.toShort(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code byte} target. */
    protected final byte awaitByte() {
        return MachineSupport.toByte(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code char} target. */
    protected final char awaitChar() {
        return MachineSupport.toChar(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code boolean} target. */
    protected final boolean awaitBoolean() {
        return MachineSupport.toBoolean(awaitResult());
    }

    // ---------------------------------------------------------------- values kept across a suspension

    // The processor reads bodies before javac types them, so a value of an expression that must be
    // kept across a suspension ("spilled") is stored in an Object field. It is read back through
    // typed(spill, () -> expression): the lambda is never run; overload resolution on its result
    // type gives the read the expression's exact static type, primitive types included (the most
    // specific functional interface wins, JLS 15.12.2.5), so the code around it compiles and
    // behaves as the original did.

    // The witnesses' interfaces are in Witnesses, not nested here: a generated machine inherits the
    // member types of its base class, which would hide the user's types of the same names.

    // unboxFirst: the left operand of a binary operator (or the target of a compound assignment), a
    // local of a boxed type, whose right operand has a yield point. Java unboxes the left operand
    // before it evaluates the right one (JLS 15.7.1), so a null throws before the right operand's
    // side effects; the machine evaluates the operator only after the await, so it checks here. The
    // witness of the right operand tells javac which: a String on the right makes + a
    // concatenation, which unboxes nothing (the no-op overload); any other type unboxes.

    /** A concatenation: nothing is unboxed. */
    protected static void unboxFirst(@Nullable Object left, Witnesses.StringWitness right) {}

    protected static void unboxFirst(@Nullable Object left, Witnesses.NumberWitness<?> right) {
        MachineSupport.unboxed(left);
    }

    protected static void unboxFirst(@Nullable Object left, Witnesses.IntWitness right) {
        MachineSupport.unboxed(left);
    }

    protected static void unboxFirst(@Nullable Object left, Witnesses.LongWitness right) {
        MachineSupport.unboxed(left);
    }

    protected static void unboxFirst(@Nullable Object left, Witnesses.FloatWitness right) {
        MachineSupport.unboxed(left);
    }

    protected static void unboxFirst(@Nullable Object left, Witnesses.DoubleWitness right) {
        MachineSupport.unboxed(left);
    }

    protected static void unboxFirst(@Nullable Object left, Witnesses.BooleanWitness right) {
        MachineSupport.unboxed(left);
    }

    /** {@code value}, as the type of the witness's expression. */
    @SuppressWarnings({"unchecked", "NullAway"}) // the spilled value was a V when stored: null only if V admits null
    protected static <V extends @Nullable Object> V typed(@Nullable Object value, Witnesses.Witness<V> witness) {
        return (V) value;
    }

    protected static int typed(Object value, Witnesses.IntWitness witness) {
        return MachineSupport.toInt(value);
    }

    protected static long typed(Object value, Witnesses.LongWitness witness) {
        return MachineSupport.toLong(value);
    }

    protected static double typed(Object value, Witnesses.DoubleWitness witness) {
        return MachineSupport.toDouble(value);
    }

    protected static float typed(Object value, Witnesses.FloatWitness witness) {
        return MachineSupport.toFloat(value);
    }

    protected static short typed(Object value, Witnesses.ShortWitness witness) {
        return MachineSupport.toShort(value);
    }

    protected static byte typed(Object value, Witnesses.ByteWitness witness) {
        return MachineSupport.toByte(value);
    }

    protected static char typed(Object value, Witnesses.CharWitness witness) {
        return MachineSupport.toChar(value);
    }

    protected static boolean typed(Object value, Witnesses.BooleanWitness witness) {
        return MachineSupport.toBoolean(value);
    }

    /**
     * {@code return done(value);}: the coroutine completes with {@code value} once {@code step()}
     * has returned, after the finally blocks it leaves.
     */
    protected final void returnValue(@Nullable T value) {
        awaited = value;
        label = RETURNED_VALUE;
    }

    /**
     * {@code return task;} where the returned expression is another task: this coroutine completes
     * as that task does, without a further step.
     */
    protected final void returnTask(Task<? extends T> task) {
        awaited = AbstractTask.of(task);
        label = RETURNED_TASK;
    }

    /** A cancelled coroutine completes once its body has unwound (see "Cancellation" above). */
    @Override
    protected final boolean completesAfterUnwinding() {
        return true;
    }

    @Override
    protected void onCancel() {
        // Pairs with the volatile store in suspendOn/returnTask and their isCancelled() re-check:
        // whichever of cancel() and the suspension comes second sees the other, so the awaited
        // task is always cancelled.
        if (label == RETURNED_VALUE) {
            return; // `awaited` holds the value being returned, nothing awaited
        }
        Object a = AWAITED.getVolatile(this);
        if (a instanceof Cancellations.Shielded<?>) {
            return; // shielded: runs on, and the coroutine resumes when it completes
        }
        if (a instanceof AbstractTask<?> t) {
            t.cancel();
        } else if (a instanceof CompletableFuture<?> f) {
            f.cancel(true);
        }
    }
}
