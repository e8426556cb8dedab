package io.yieldpoint.runtime.internal;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.internal.TaskOwner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine of an event loop: one thread that runs coroutine steps, one at a time, and wakes them
 * when their timers fire, when their channels are ready, or when other threads complete what they
 * await. The user's handle on it is {@code io.yieldpoint.runtime.EventLoop}; coroutines reach it
 * as their {@link CoroutineHost}; the test artifact drives it turn by turn on virtual time.
 *
 * <h2>What it has</h2>
 * <ul>
 *   <li>a <b>run queue</b> ({@code ArrayDeque}, loop thread only): steps ready to run, FIFO;</li>
 *   <li>an <b>inbox</b> ({@link LoopInbox}): steps submitted by other threads, moved
 *       to the run queue at each turn;</li>
 *   <li>a {@link TimerQueue} (loop thread only), read against its {@link LoopTime};</li>
 *   <li>an {@link IoHandler}, made on first use by an I/O primitive: a loop that has one waits in
 *       it (a {@code Selector.select}) instead of parking, so sockets, timers and other threads all
 *       wake it;</li>
 *   <li>the <b>live coroutines</b> ({@link LiveCoroutines}): those started here whose body has not
 *       ended, which it cancels and waits for when it shuts down;</li>
 *   <li>a handler for failures nobody else can see.</li>
 * </ul>
 *
 * <h2>Two seams</h2>
 * What differs between loops goes through two interfaces, so that this class has one code path:
 * {@link LoopTime} says what "now" is and what an idle loop does (park on real time; move the clock
 * on virtual time, in {@code yieldpoint-test}), and {@link IoHandler} is how it waits for I/O
 * (the selector of {@code io.yieldpoint.runtime.net}).
 *
 * <h2>A turn of the loop</h2>
 * <ol>
 *   <li>move the inbox to the run queue;</li>
 *   <li>if the loop has an I/O handler and steps are ready, poll it without blocking (the handlers
 *       of ready channels complete their promises, which queues the coroutines awaiting them);</li>
 *   <li>move the tasks of due timers to the run queue;</li>
 *   <li>run the steps that were in the run queue at the start of this phase (steps queued while
 *       they run wait for the next turn, so timers and other threads are never starved); a step
 *       that throws is reported to the handler and the loop goes on;</li>
 *   <li>if nothing was ready, ask {@link LoopTime#idle} to wait: until the next deadline, until
 *       another thread submits, or until a channel is ready.</li>
 * </ol>
 *
 * <h2>Life cycle</h2>
 * <table>
 *   <caption>loop states</caption>
 *   <tr><th>state</th><th>what runs</th><th>leaves by</th></tr>
 *   <tr><td>open</td><td>turns, until the main task completes</td>
 *       <td>the main task completes, or its supplier throws</td></tr>
 *   <tr><td>shutting down</td><td>the live coroutines are cancelled (again at every turn, so
 *       that coroutines started while unwinding are cancelled too), and turns run until every one
 *       has unwound, that is until its {@code finally} blocks have run</td>
 *       <td>no live coroutine is left, or the shutdown timeout (real time) has passed: those
 *       still live are reported to the handler</td></tr>
 *   <tr><td>closed</td><td>nothing: failures of coroutines nobody awaited have been reported;
 *       queued steps and timers left over are dropped, and later submissions are ignored</td>
 *       <td>-</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * {@link #execute}, {@link #schedule}, {@link #nanoTime}, {@link #wakeUp} and the metrics may be
 * called from any thread; everything else runs on the loop thread. Another thread that submits
 * unparks the loop only if it is parked: the loop publishes {@code parked} before its last look at
 * the inbox, the submitter publishes its step before reading {@code parked} (the handshake lives in
 * {@link LoopInbox}, where it is model-checked), so one of them always
 * sees the other and no wake-up is lost. A loop that has an I/O handler is woken, under the same
 * handshake, with {@link IoHandler#wakeup()} as well as {@code unpark}.
 *
 * <h2>Stalls and shutdown reports</h2>
 * A loop made with a stall threshold counts its steps ({@link #stepSequence()}) for the
 * {@link StallWatchdog}, which reports a step that holds the loop too long; a loop without one
 * does not count. When a loop closes, a {@link ShutdownReport} says what its shutdown left behind.
 */
public final class LoopCore implements CoroutineHost {

    /**
     * The reports a loop may have to make when the process is out of file descriptors, loaded with
     * the first loop (loading a class from a directory takes a descriptor; see {@code EventLoop}).
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] REPORTS = {ShutdownReport.class, StallReport.class, StallReport.LoopThreadStack.class,
            UnobservedFailures.class};

    private static final int OPEN = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int CLOSED = 2;

    private final Thread thread;
    private final LoopTime time;
    private final BiConsumer<Object, Throwable> uncaught;
    private final long shutdownTimeoutNanos;
    /** Whether steps are counted for the stall watchdog. */
    private final boolean countsSteps;
    /** Steps and parks begun; written only if {@link #countsSteps}. */
    private long stepSequence;
    /** What the shutdown left behind; made when the shutdown begins. */
    private @Nullable ShutdownReport shutdownReport;
    /** The user's handle on this loop ({@code EventLoop}), or this loop itself. */
    private Dispatcher handle = this;
    /** The group this loop is one of, or null; set before the loop runs. */
    private @Nullable LoopGroupCore group;

    private final ArrayDeque<Runnable> runQueue = new ArrayDeque<>();
    private final LoopInbox inbox = new LoopInbox();
    private final TimerQueue timers = new TimerQueue();
    private final LiveCoroutines live = new LiveCoroutines();
    /** Coroutines that failed with nobody waiting; reported once collected, or at shutdown. */
    private final UnobservedFailures unobserved = new UnobservedFailures(this::reportUncaught);

    /** Made on first use, by the loop thread; volatile so that submitters see it. */
    private volatile @Nullable IoHandler io;
    /** The last wait was a select, whose ready channels are already handled: skip the next poll. */
    private boolean justSelected;
    /** How {@link #park} sleeps, once the inbox has had its last look: one object per loop. */
    private final LoopInbox.Sleeper sleeper = this::block;

    private volatile int state = OPEN;

    /** Adds to the run queue: one object, not one per turn. */
    private final Consumer<Runnable> enqueue = runQueue::add;

    // Metrics: written by the loop thread once per turn (opaquely, see runTurn), read by anyone.
    private long stepsRun;
    @SuppressWarnings("UnusedVariable") private int queuedAtTurn; // read through QUEUED_AT_TURN
    @SuppressWarnings("UnusedVariable") private int liveCount; // read through LIVE_COUNT
    @SuppressWarnings("UnusedVariable") private int timerCount; // read through TIMER_COUNT

    private static final VarHandle STEPS_RUN;
    private static final VarHandle QUEUED_AT_TURN;
    private static final VarHandle LIVE_COUNT;
    private static final VarHandle TIMER_COUNT;
    private static final VarHandle STEP_SEQUENCE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STEPS_RUN = l.findVarHandle(LoopCore.class, "stepsRun", long.class);
            QUEUED_AT_TURN = l.findVarHandle(LoopCore.class, "queuedAtTurn", int.class);
            LIVE_COUNT = l.findVarHandle(LoopCore.class, "liveCount", int.class);
            TIMER_COUNT = l.findVarHandle(LoopCore.class, "timerCount", int.class);
            STEP_SEQUENCE = l.findVarHandle(LoopCore.class, "stepSequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A loop owned by the calling thread, on {@code time}; failures nobody can see go to
     * {@code uncaught}; shutting down waits at most {@code shutdownTimeout} (real time) for
     * cancelled coroutines to unwind.
     */
    public LoopCore(LoopTime time, BiConsumer<Object, Throwable> uncaught, Duration shutdownTimeout) {
        this(time, uncaught, shutdownTimeout, false);
    }

    /**
     * As {@link #LoopCore(LoopTime, BiConsumer, Duration)}; if {@code countsSteps}, the loop keeps
     * its {@link #stepSequence()} for a {@link StallWatchdog}.
     */
    public LoopCore(LoopTime time, BiConsumer<Object, Throwable> uncaught, Duration shutdownTimeout,
            boolean countsSteps) {
        this.thread = Thread.currentThread();
        this.time = Objects.requireNonNull(time, "time");
        this.uncaught = Objects.requireNonNull(uncaught, "uncaught");
        this.shutdownTimeoutNanos = shutdownTimeout.toNanos();
        this.countsSteps = countsSteps;
    }

    /** Sets the user's handle on this loop: what {@link #handle()} answers. Once, before it runs. */
    public void handle(Dispatcher handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    /** The user's handle on this loop. */
    public Dispatcher handle() {
        return handle;
    }

    /** The loop the calling thread runs, or null. */
    public static @Nullable LoopCore current() {
        return CurrentDispatcher.ofCurrentThread() instanceof LoopCore loop ? loop : null;
    }

    /** Refuses to start a loop on a thread that already runs one. */
    public static void refuseNested(String what) {
        if (current() != null) {
            throw new IllegalStateException(what + " called on thread '" + Thread.currentThread().getName()
                    + "', which already runs an event loop; await the task instead");
        }
    }

    /** The loop's time: its clock and how it waits. */
    public LoopTime time() {
        return time;
    }

    // ---------------------------------------------------------------- entry points

    /**
     * Runs the loop with {@code main} as its main task, then shuts it down; the main task's outcome.
     * If the shutdown itself fails (a class that cannot be loaded when the process is out of file
     * descriptors, say), the main task's failure, the first cause, is what is thrown, with the
     * shutdown's failure suppressed in it.
     */
    public <T extends @Nullable Object> T runMain(Supplier<? extends Task<T>> main) {
        Dispatcher previous = CurrentDispatcher.enter(this);
        try {
            AbstractTask<T> root = null;
            Throwable first = null;
            try {
                Task<T> task;
                beginStep(); // the main coroutine's first step runs here: watched like any other
                task = Objects.requireNonNull(main.get(), "main returned null instead of a task");
                root = AbstractTask.of(task);
                // The root may complete on another thread (a future, the default pool): nothing would
                // be queued on the loop then, so wake it if it is parked, or it would park forever.
                root.whenComplete(done -> wakeUp());
                runUntil(root::isDone);
            } catch (Throwable t) {
                first = t;
            }
            try {
                shutDown();
            } catch (Throwable t) {
                Throwable cause = first != null ? first
                        : root != null && root.isCompletedExceptionally() ? root.exceptionNow() : null;
                if (cause == null || cause == t) {
                    throw t;
                }
                cause.addSuppressed(t);
            }
            if (first != null) {
                throw Exceptions.rethrow(first);
            }
            return Objects.requireNonNull(root, "root").resultNow();
        } finally {
            CurrentDispatcher.restore(previous);
        }
    }

    /** Runs {@code action} on the calling thread as this loop's thread (the test loop's drive). */
    public <R extends @Nullable Object> R enter(Supplier<R> action) {
        Dispatcher previous = CurrentDispatcher.enter(this);
        try {
            return action.get();
        } finally {
            CurrentDispatcher.restore(previous);
        }
    }

    // ---------------------------------------------------------------- turns

    /** Runs turns until {@code done}; an idle loop waits (see {@link LoopTime#idle}). */
    public void runUntil(BooleanSupplier done) {
        assert inEventLoop();
        while (!done.getAsBoolean()) {
            if (runTurn() == 0 && !done.getAsBoolean()) {
                idle(done);
            }
        }
    }

    /** One turn: inbox and due timers to the run queue, then the steps ready now. Steps run. */
    public int runTurn() {
        assert inEventLoop();
        unobserved.reportCollected();
        drainInbox();
        pollIo();
        if (timers.size() > 0) {
            timers.fireDue(time.nanoTime(), enqueue); // the clock is read only when there are timers
        }
        int ready = runQueue.size();
        for (int i = 0; i < ready; i++) {
            runStep(runQueue.poll());
        }
        // Metrics: opaque stores, no fence per turn; readers see recent, untorn values.
        STEPS_RUN.setOpaque(this, stepsRun + ready);
        QUEUED_AT_TURN.setOpaque(this, runQueue.size());
        LIVE_COUNT.setOpaque(this, live.size());
        TIMER_COUNT.setOpaque(this, timers.size());
        return ready;
    }

    private void runStep(Runnable step) {
        beginStep();
        try {
            step.run();
        } catch (Throwable t) {
            if (Exceptions.isFatal(t)) {
                throw t;
            }
            reportUncaught(step, t);
        }
    }

    /**
     * One store per step (and per park), and no clock read: all the stall watchdog needs (see its
     * comment). A loop that parks moves on too, so one that spins through short parks is not stalled.
     */
    private void beginStep() {
        if (countsSteps) {
            STEP_SEQUENCE.setOpaque(this, ++stepSequence);
        }
    }

    /**
     * The steps and parks begun so far (the main coroutine's first step included); always 0 on a
     * loop that does not count steps. Any thread: for the {@link StallWatchdog}.
     */
    public long stepSequence() {
        return (long) STEP_SEQUENCE.getOpaque(this);
    }

    /** Whether the loop is parked (or blocked in its I/O handler) waiting for work. Any thread. */
    public boolean isParked() {
        return inbox.isParked();
    }

    /** The loop's thread. */
    public Thread thread() {
        return thread;
    }

    /** A busy loop still looks at its sockets at every turn; an idle one does in {@link #park}. */
    private void pollIo() {
        IoHandler s = io;
        if (s != null && !justSelected && !runQueue.isEmpty()) {
            s.pollNow();
        }
        justSelected = false;
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            runQueue.add(r);
        }
    }

    /** Whether a turn run now would run something. Loop thread only. */
    public boolean hasReadyWork() {
        return !runQueue.isEmpty() || !inbox.isEmpty() || timers.nanosToNext(time.nanoTime()) == 0;
    }

    /** Nanoseconds from now to the earliest live timer, or -1 if there is none. Loop thread only. */
    public long nanosToNextTimer() {
        return timers.nanosToNext(time.nanoTime());
    }

    /** Steps run so far. Loop thread only. */
    public long stepsRun() {
        return stepsRun;
    }

    /** Nothing was ready: wait for something to do, until {@code done} at the latest. */
    private void idle(BooleanSupplier done) {
        long wait = timers.nanosToNext(time.nanoTime());
        if (wait != 0) {
            time.idle(this, wait, -1, done);
        }
    }

    /**
     * Parks, or blocks in the I/O handler if the loop has one, for up to {@code nanos} (forever if
     * negative) unless work is there or {@code done}. For {@link LoopTime#idle}; loop thread only.
     */
    public void park(long nanos, BooleanSupplier done) {
        beginStep(); // a park is progress too
        inbox.sleep(nanos, done, sleeper);
    }

    private void block(long nanos) {
        IoHandler s = io;
        if (s != null) {
            s.select(nanos);
            justSelected = true;
        } else if (nanos < 0) {
            LockSupport.park(this);
        } else {
            LockSupport.parkNanos(this, nanos);
        }
    }

    /** Unparks the loop thread if it is parked. Any thread. */
    public void wakeUp() {
        if (!inEventLoop() && inbox.isParked()) {
            unpark();
        }
    }

    /**
     * Wakes the parked loop. {@code io} is written before {@code parked} is set, so a submitter
     * that sees the loop parked in a select also sees its handler; one that sees a handler made
     * after a plain park ended only causes one early return of the next select. An unpark of a
     * thread that is not parked leaves a permit: at worst the next short park returns at once.
     */
    private void unpark() {
        IoHandler s = io;
        if (s != null) {
            s.wakeup(); // blocked in select; and below, in the sub-millisecond park that may follow one
        }
        LockSupport.unpark(thread);
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Cancels the live coroutines, lets them unwind (bounded), reports what nobody saw, closes. A
     * loop of a group shuts the whole group down instead (see {@link LoopGroupCore}).
     */
    public void shutDown() {
        assert inEventLoop();
        if (state != OPEN) {
            return;
        }
        LoopGroupCore g = group;
        if (g != null) {
            g.shutDown(this);
            return;
        }
        state = SHUTTING_DOWN;
        ShutdownReport report = new ShutdownReport(name());
        shutdownReport = report;
        try {
            drainCancelled();
            reportUnobserved();
        } finally {
            close();
        }
        report.log(shutdownTimeoutNanos);
    }

    private void close() {
        state = CLOSED;
        closeIo();
        timers.clear();
        runQueue.clear();
        // Hand-offs to tasks confined to this loop must not be lost: run them, now shared.
        for (Runnable r; (r = inbox.poll()) != null; ) {
            if (r instanceof TaskOwner.Handoff) {
                runStep(r);
            }
        }
        LIVE_COUNT.setOpaque(this, live.size());
        QUEUED_AT_TURN.setOpaque(this, 0);
        TIMER_COUNT.setOpaque(this, 0);
    }

    // ---------------------------------------------------------------- shutdown as one loop of a group

    /** The group this loop belongs to, or null. */
    public @Nullable LoopGroupCore group() {
        return group;
    }

    /** Makes this loop a member of {@code g}. Once, before it runs. */
    void group(LoopGroupCore g) {
        this.group = g;
    }

    /** The group's shutdown has reached this loop: from now on it cancels what is live. */
    void beginGroupShutdown() {
        assert inEventLoop();
        state = SHUTTING_DOWN;
        shutdownReport = new ShutdownReport(name());
    }

    /** One turn of a loop shutting down: the live coroutines cancelled, then a turn run. */
    int shutdownTurn() {
        cancelLive();
        return runTurn();
    }

    /** Waits, as an idle loop does, until work comes, {@code done}, or {@code maxWaitNanos} (-1: no bound). */
    void idleAtMost(long maxWaitNanos, BooleanSupplier done) {
        long wait = timers.nanosToNext(time.nanoTime());
        if (wait != 0) {
            time.idle(this, wait, maxWaitNanos, done);
        }
    }

    /** Nothing live, nothing queued. Loop thread only. */
    boolean isQuiet() {
        assert inEventLoop();
        return live.size() == 0 && runQueue.isEmpty() && inbox.isEmpty();
    }

    /**
     * From another thread: parked with nothing live and nothing in the inbox, as of its last turn.
     * A parked loop has ended its turn (and published its counts) and runs nothing until woken.
     */
    boolean looksQuiet() {
        return inbox.isParked() && inbox.isEmpty() && (int) LIVE_COUNT.getOpaque(this) == 0;
    }

    /** The group has closed: reports what is still live and what nobody saw, then closes. */
    void finishGroupShutdown() {
        assert inEventLoop();
        try {
            if (live.size() > 0) {
                reportStillLive();
            }
            reportUnobserved();
        } finally {
            close();
        }
        ShutdownReport report = shutdownReport;
        if (report != null) {
            report.log(shutdownTimeoutNanos);
        }
    }

    /** Whether the loop has shut down. Any thread. */
    public boolean isClosed() {
        return state == CLOSED;
    }

    private void closeIo() {
        IoHandler s = io;
        if (s != null) {
            s.close();
        }
    }

    private void drainCancelled() {
        long deadline = System.nanoTime() + shutdownTimeoutNanos;
        BooleanSupplier noneLive = () -> live.size() == 0;
        while (live.size() > 0) {
            cancelLive();
            int ran = runTurn();
            if (live.size() == 0) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                reportStillLive();
                return;
            }
            if (ran > 0) {
                continue;
            }
            long wait = timers.nanosToNext(time.nanoTime());
            if (wait != 0) {
                time.idle(this, wait, left, noneLive);
            }
        }
    }

    private void cancelLive() {
        for (HostedCoroutine m : live.snapshot()) {
            beginStep(); // each cancel runs the coroutine's cancellation like a step: watched as one
            m.cancel();
        }
    }

    private void reportStillLive() {
        for (HostedCoroutine m : live.snapshot()) {
            ShutdownReport report = shutdownReport;
            if (report != null) {
                report.stillLive(m);
            }
            reportUncaught(m, new IllegalStateException("the coroutine did not finish unwinding within the"
                    + " shutdown timeout of " + Duration.ofNanos(shutdownTimeoutNanos).toMillis() + " ms: "
                    + m.describe()));
        }
    }

    /** Reports the failures nobody observed: at the loop's end (the ones still kept, in the summary too). */
    private void reportUnobserved() {
        unobserved.reportCollected();
        unobserved.reportAll((source, e) -> {
            ShutdownReport report = shutdownReport;
            if (report != null) {
                report.unobservedFailure(source, e);
            }
            reportUncaught(source, e);
        });
    }

    // ---------------------------------------------------------------- CoroutineHost

    @Override
    public boolean inHostThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void adopt(HostedCoroutine m) {
        assert inEventLoop();
        live.add(m);
    }

    @Override
    public void coroutineEnded(HostedCoroutine m, @Nullable Throwable lateFailure) {
        if (!inEventLoop()) {
            execute(() -> coroutineEnded(m, lateFailure));
            return;
        }
        live.remove(m);
        if (lateFailure != null) {
            reportUncaught(m, lateFailure);
        }
        if (m.hasUnobservedFailure()) {
            unobserved.add(m);
        }
    }

    @Override
    public void workLeft() {
        time.workLeft();
    }

    @Override
    public void workCameBack() {
        time.workCameBack();
    }

    @Override
    public @Nullable Runnable futureInFlight() {
        if (!time.futuresInFlight()) {
            return null;
        }
        time.workLeft();
        return time::workCameBack;
    }

    @Override
    public void reportUncaught(Object source, Throwable exception) {
        Uncaught.report(uncaught, source, exception);
    }

    // ---------------------------------------------------------------- I/O

    /**
     * This loop's I/O handler, made by {@code factory} on the first call: for the I/O primitives,
     * which register their channels with it.
     *
     * @throws IllegalStateException if called from another thread, or once the loop is closed
     */
    @SuppressWarnings("unchecked")
    public <H extends IoHandler> H ioHandler(Function<LoopCore, H> factory) {
        if (!inEventLoop()) {
            throw new IllegalStateException("the I/O of " + name() + " used from thread '"
                    + Thread.currentThread().getName() + "'; I/O is registered on the loop thread");
        }
        if (state == CLOSED) {
            throw new IllegalStateException("the event loop " + name() + " is closed");
        }
        IoHandler s = io;
        if (s == null) {
            s = factory.apply(this);
            io = s;
        }
        return (H) s;
    }

    /** The I/O handler if one was made, else null. */
    public @Nullable IoHandler ioHandlerIfAny() {
        return io;
    }

    // ---------------------------------------------------------------- introspection

    /** The loop's clock, in nanoseconds. Any thread. */
    public long nanoTime() {
        return time.nanoTime();
    }

    /** Steps queued now (exact on the loop thread; else as of the last turn, plus the inbox). */
    public int queuedCount() {
        return inEventLoop() ? runQueue.size() + inbox.size() : (int) QUEUED_AT_TURN.getOpaque(this) + inbox.size();
    }

    /** Whether the loop is running a turn: 0 while parked or closed, else 1. */
    public int runningCount() {
        return inEventLoop() ? 1 : inbox.isParked() || state == CLOSED ? 0 : 1;
    }

    /** Live timers (exact on the loop thread; else as of the last turn). */
    public int timerCount() {
        return inEventLoop() ? timers.size() : (int) TIMER_COUNT.getOpaque(this);
    }

    /** Live coroutines (exact on the loop thread; else as of the last turn). */
    public int liveCount() {
        return inEventLoop() ? live.size() : (int) LIVE_COUNT.getOpaque(this);
    }

    /** Steps run (exact on the loop thread; else as of the last turn). */
    public long stepCount() {
        return inEventLoop() ? stepsRun : (long) STEPS_RUN.getOpaque(this);
    }

    /**
     * The coroutines started on this loop whose body has not ended, oldest first, one line each.
     *
     * @throws IllegalStateException if called from another thread
     */
    public String dump() {
        if (!inEventLoop()) {
            throw new IllegalStateException("dump() of " + name() + " called from thread '"
                    + Thread.currentThread().getName() + "'; call it on the loop thread");
        }
        StringBuilder sb = new StringBuilder();
        for (HostedCoroutine m : live.snapshot()) {
            sb.append("  ").append(m.describe()).append('\n');
        }
        return sb.length() == 0 ? "  (none)\n" : sb.toString();
    }

    /** Up to {@code limit} of the live coroutines of this loop, oldest first. Loop thread only. */
    public List<HostedCoroutine> liveCoroutines(int limit) {
        assert inEventLoop();
        return live.snapshot(limit);
    }

    // ---------------------------------------------------------------- Dispatcher

    /** Whether the calling thread is this loop's. */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread at a later turn. Ignored once the loop is closed. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (state == CLOSED) {
            return;
        }
        if (inEventLoop()) {
            runQueue.add(task);
        } else {
            if (inbox.add(task)) {
                unpark(); // the loop is asleep, or about to be (see LoopInbox)
            }
        }
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        TimerQueue.Timer timer = timers.newTimerAt(time.nanoTime() + delayNanos, task);
        if (inEventLoop()) {
            timers.add(timer);
        } else {
            execute(() -> timers.add(timer));
        }
        return timer;
    }

    @Override
    public boolean refusesBlocking() {
        return true;
    }

    @Override
    public String name() {
        return "event-loop[" + thread.getName() + "]";
    }

    @Override
    public String toString() {
        return name();
    }
}
