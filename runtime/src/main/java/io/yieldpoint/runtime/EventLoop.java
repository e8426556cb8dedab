package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.core.AbstractTask;
import io.yieldpoint.core.Cancellable;
import io.yieldpoint.core.Dispatcher;
import io.yieldpoint.core.Dispatchers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A single-threaded event loop: runs coroutines, one step at a time, on the thread that called
 * {@link #run}, and wakes them when their timers fire or when other threads complete what they
 * await.
 *
 * <h2>What it has</h2>
 * <ul>
 *   <li>a <b>run queue</b> ({@code ArrayDeque}, loop thread only): steps ready to run, FIFO;</li>
 *   <li>an <b>inbox</b> ({@code ConcurrentLinkedQueue}): steps submitted by other threads, moved
 *       to the run queue at each turn;</li>
 *   <li>a {@link TimerQueue} (loop thread only), read against a {@link Clock};</li>
 *   <li>an {@link IoSelector}, made on first use by an I/O primitive: a loop that has one waits in
 *       {@code Selector.select} instead of parking, so sockets, timers and other threads all wake
 *       it;</li>
 *   <li>the <b>live coroutines</b>: those started on this loop whose body has not ended, which it
 *       cancels and waits for when it shuts down;</li>
 *   <li>an {@link UncaughtExceptionHandler} for failures nobody else can see.</li>
 * </ul>
 *
 * <h2>A turn of the loop</h2>
 * <ol>
 *   <li>move the inbox to the run queue;</li>
 *   <li>if the loop has an I/O selector and steps are ready, poll it without blocking (the
 *       handlers of ready channels complete their promises, which queues the coroutines awaiting
 *       them);</li>
 *   <li>move the tasks of due timers to the run queue;</li>
 *   <li>run the steps that were in the run queue at the start of this phase (steps queued while
 *       they run wait for the next turn, so timers and other threads are never starved); a step
 *       that throws is reported to the handler and the loop goes on;</li>
 *   <li>if nothing was ready, wait: park (or block in the selector) until the next deadline, until
 *       another thread submits or until a channel is ready (real time), or move the clock to the
 *       next deadline at once (virtual time, see {@link TestEventLoop}; an I/O operation in
 *       progress holds virtual time still, as work on another thread does).</li>
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
 * This is {@code asyncio.run}'s shutdown: a coroutine left pending when the main task completes is
 * cancelled and unwinds at its yield point; it is never silently abandoned half-way.
 *
 * <h2>Threads</h2>
 * {@link #execute}, {@link #schedule}, {@link #nanoTime} and {@link #metrics} may be called from
 * any thread; everything else runs on the loop thread. Another thread that submits unparks the
 * loop only if it is parked: the loop publishes {@code parked} before its last look at the inbox,
 * the submitter publishes its step before reading {@code parked}, so one of them always sees the
 * other and no wake-up is lost. A loop that has a selector is woken, under the same handshake,
 * with {@code Selector.wakeup()} as well as {@code unpark} (it may be in the sub-millisecond park
 * that ends a timed select, see {@link IoSelector}).
 *
 * <h2>Blocking</h2>
 * The loop {@linkplain #refusesBlocking() refuses blocking}: {@code join()} or the blocking
 * {@code await} of an unfinished task on its thread throws {@code IllegalStateException} instead
 * of stalling every coroutine on it.
 */
public final class EventLoop implements Dispatcher {

    /** How long {@link #run} waits at most, by default, for cancelled coroutines to unwind. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** Unobserved failures kept before the loop checks them without waiting for its end. */
    private static final int UNOBSERVED_CHECK_AT = 1024;

    private static final int OPEN = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int CLOSED = 2;

    private final Thread thread;
    private final Clock clock;
    /** Non-null on virtual time: an idle loop moves this clock instead of parking. */
    private final VirtualTime virtualTime;
    private final UncaughtExceptionHandler uncaught;
    private final long shutdownTimeoutNanos;
    /** Virtual time only: how long (real time) the loop may sit idle, with nothing to wait for. */
    private final long stallTimeoutNanos;

    private final ArrayDeque<Runnable> runQueue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final TimerQueue timers = new TimerQueue();
    private final LiveCoroutines live = new LiveCoroutines();
    /** Coroutines that failed with nobody waiting; reported at shutdown if still unobserved. */
    private final List<CoroutineMachine<?>> unobserved = new ArrayList<>();
    /** Work this loop started elsewhere and will hear back from (see {@link #awayStarted}). */
    private final AtomicInteger away = new AtomicInteger();

    /** Made on first use, by the loop thread; volatile so that submitters see it. */
    private volatile IoSelector io;
    /** The last wait was a select, whose ready channels are already handled: skip the next poll. */
    private boolean justSelected;

    private volatile boolean parked;
    private volatile int state = OPEN;
    /** Virtual time: when (real {@code System.nanoTime}) the current idle spell started, or 0. */
    private long idleSince;

    /** Adds to the run queue: one object, not one per turn. */
    private final java.util.function.Consumer<Runnable> enqueue = runQueue::add;

    // Metrics: written by the loop thread once per turn (opaquely, see runTurn), read by anyone.
    private long stepsRun;
    @SuppressWarnings("UnusedVariable") private int queuedAtTurn; // read through QUEUED_AT_TURN
    @SuppressWarnings("UnusedVariable") private int liveCount; // read through LIVE_COUNT
    @SuppressWarnings("UnusedVariable") private int timerCount; // read through TIMER_COUNT

    private static final java.lang.invoke.VarHandle STEPS_RUN;
    private static final java.lang.invoke.VarHandle QUEUED_AT_TURN;
    private static final java.lang.invoke.VarHandle LIVE_COUNT;
    private static final java.lang.invoke.VarHandle TIMER_COUNT;

    static {
        try {
            java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.lookup();
            STEPS_RUN = l.findVarHandle(EventLoop.class, "stepsRun", long.class);
            QUEUED_AT_TURN = l.findVarHandle(EventLoop.class, "queuedAtTurn", int.class);
            LIVE_COUNT = l.findVarHandle(EventLoop.class, "liveCount", int.class);
            TIMER_COUNT = l.findVarHandle(EventLoop.class, "timerCount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EventLoop(Thread thread, Clock clock, VirtualTime virtualTime, UncaughtExceptionHandler uncaught,
            Duration shutdownTimeout, Duration stallTimeout) {
        this.thread = thread;
        this.clock = clock;
        this.virtualTime = virtualTime;
        this.uncaught = Objects.requireNonNull(uncaught, "uncaughtExceptionHandler");
        this.shutdownTimeoutNanos = shutdownTimeout.toNanos();
        this.stallTimeoutNanos = stallTimeout.toNanos();
        CoroutineDump.loopStarted(this);
    }

    /** A loop on the system clock, or a given one, owned by the calling thread. */
    static EventLoop onRealTime(Clock clock, UncaughtExceptionHandler uncaught, Duration shutdownTimeout) {
        return new EventLoop(Thread.currentThread(), clock, null, uncaught, shutdownTimeout, Duration.ZERO);
    }

    /** A loop on virtual time, owned by the calling thread. */
    static EventLoop onVirtualTime(VirtualTime time, UncaughtExceptionHandler uncaught, Duration shutdownTimeout,
            Duration stallTimeout) {
        return new EventLoop(Thread.currentThread(), time, time, uncaught, shutdownTimeout, stallTimeout);
    }

    // ---------------------------------------------------------------- entry points

    /**
     * Runs an event loop on the calling thread until the task made by {@code main} completes,
     * then shuts the loop down (cancels the coroutines still live on it and lets them unwind) and
     * returns the task's value or rethrows its exception (the same instance). Like Python's
     * {@code asyncio.run}.
     *
     * @throws IllegalStateException if the calling thread is already running an event loop
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        return builder().run(main);
    }

    /** As {@link #run(Supplier)}, with timers read against {@code clock}. */
    public static <T> T run(Clock clock, Supplier<? extends Task<T>> main) {
        return builder().clock(clock).run(main);
    }

    /** Settings for {@link Builder#run}: the clock, the uncaught-exception handler, the shutdown timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings of an event loop, then {@link #run}. Not thread-safe; each {@code run} makes a new
     * loop.
     */
    public static final class Builder {
        private Clock clock = Clock.SYSTEM;
        private UncaughtExceptionHandler uncaught = UncaughtExceptionHandler.PRINT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder() {}

        /** The clock timers are read against; the system's monotonic clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where uncaught failures go; {@link UncaughtExceptionHandler#PRINT} by default. */
        public Builder uncaughtExceptionHandler(UncaughtExceptionHandler handler) {
            this.uncaught = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * How long, in real time, the loop waits at most for cancelled coroutines to unwind when
         * it shuts down; {@link EventLoop#DEFAULT_SHUTDOWN_TIMEOUT} by default.
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("negative shutdown timeout: " + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /** Runs an event loop as {@link EventLoop#run(Supplier)} does, with these settings. */
        public <T> T run(Supplier<? extends Task<T>> main) {
            Objects.requireNonNull(main, "main");
            refuseNested("EventLoop.run()");
            return onRealTime(clock, uncaught, shutdownTimeout).runMain(main);
        }
    }

    static void refuseNested(String what) {
        if (Dispatchers.ofCurrentThread() instanceof EventLoop) {
            throw new IllegalStateException(what + " called on thread '" + Thread.currentThread().getName()
                    + "', which already runs an event loop; await the task instead");
        }
    }

    /** The event loop the calling thread runs, or null. */
    public static EventLoop current() {
        return Dispatchers.ofCurrentThread() instanceof EventLoop loop ? loop : null;
    }

    /** Runs the loop with {@code main} as its main task, then shuts it down; the main task's outcome. */
    <T> T runMain(Supplier<? extends Task<T>> main) {
        Dispatcher previous = Dispatchers.enter(this);
        try {
            AbstractTask<T> root;
            try {
                Task<T> task = Objects.requireNonNull(main.get(), "main returned null instead of a task");
                root = AbstractTask.of(task);
                // The root may complete on another thread (a future, the default pool): nothing would
                // be queued on the loop then, so wake it if it is parked, or it would park forever.
                root.whenComplete(done -> wakeUp());
                runUntil(root::isDone);
            } finally {
                shutDown();
            }
            return root.resultNow();
        } finally {
            Dispatchers.restore(previous);
        }
    }

    // ---------------------------------------------------------------- turns

    /** Runs turns until {@code done}; an idle loop waits or, on virtual time, moves time. */
    void runUntil(BooleanSupplier done) {
        assert inEventLoop();
        while (!done.getAsBoolean()) {
            if (runTurn() == 0 && !done.getAsBoolean()) {
                idle(done);
            }
        }
    }

    /** One turn: inbox and due timers to the run queue, then the steps ready now. Steps run. */
    int runTurn() {
        assert inEventLoop();
        drainInbox();
        pollIo();
        if (timers.size() > 0) {
            timers.fireDue(clock.nanoTime(), enqueue); // the clock is read only when there are timers
        }
        int ready = runQueue.size();
        for (int i = 0; i < ready; i++) {
            runStep(runQueue.poll());
        }
        if (ready > 0) {
            idleSince = 0;
        }
        // Metrics: opaque stores, no fence per turn; readers see recent, untorn values.
        STEPS_RUN.setOpaque(this, stepsRun + ready);
        QUEUED_AT_TURN.setOpaque(this, runQueue.size());
        LIVE_COUNT.setOpaque(this, live.size());
        TIMER_COUNT.setOpaque(this, timers.size());
        return ready;
    }

    private void runStep(Runnable step) {
        try {
            step.run();
        } catch (Throwable t) {
            if (Uncaught.isFatal(t)) {
                throw t;
            }
            reportUncaught(step, t);
        }
    }

    /** A busy loop still looks at its sockets at every turn; an idle one does in {@link #park}. */
    private void pollIo() {
        IoSelector s = io;
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

    /** Whether a turn run now would run something. */
    boolean hasReadyWork() {
        return !runQueue.isEmpty() || !inbox.isEmpty() || timers.nanosToNext(clock.nanoTime()) == 0;
    }

    /** Nanoseconds from now to the earliest live timer, or -1 if there is none. Loop thread only. */
    long nanosToNextTimer() {
        return timers.nanosToNext(clock.nanoTime());
    }

    /** Whether work this loop started on other threads has yet to come back. */
    boolean hasWorkAway() {
        return away.get() > 0 || ioPending();
    }

    /** Whether an I/O operation waits on a channel (a real peer: virtual time must not jump). */
    private boolean ioPending() {
        IoSelector s = io;
        return s != null && s.hasPendingOps();
    }

    /** Nothing was ready: wait for something to do, until {@code done} at the latest. */
    private void idle(BooleanSupplier done) {
        long wait = timers.nanosToNext(clock.nanoTime());
        if (wait == 0) {
            return;
        }
        if (virtualTime == null) {
            park(wait, done);
            return;
        }
        if (wait > 0 && !hasWorkAway()) {
            // Nothing can happen before the next deadline: go there at once.
            virtualTime.advanceBy(wait);
            return;
        }
        // Virtual time with no timer to jump to, or with work in flight elsewhere that must come
        // back before time may move: wait for another thread, for a bounded real time.
        long now = System.nanoTime();
        if (idleSince == 0) {
            idleSince = now | 1; // never 0
        } else if (now - idleSince >= stallTimeoutNanos) {
            idleSince = 0;
            throw stalled();
        }
        park(stallTimeoutNanos - (now - idleSince), done);
    }

    private AssertionError stalled() {
        return new AssertionError("the virtual-time loop " + name() + " has been idle for "
                + Duration.ofNanos(stallTimeoutNanos).toMillis() + " ms of real time with nothing to run, no timer"
                + (hasWorkAway() ? "" : " and no work in flight on other threads or sockets")
                + ": the main task waits for something that never comes (a deadlock?). Live coroutines:\n"
                + dump());
    }

    /**
     * Parks, or blocks in the selector if the loop has one, for up to {@code nanos} (forever if
     * negative) unless work is there or {@code done}.
     */
    private void park(long nanos, BooleanSupplier done) {
        IoSelector s = io;
        parked = true;
        try {
            if (!inbox.isEmpty() || done.getAsBoolean()) {
                return;
            }
            if (s != null) {
                s.select(nanos);
                justSelected = true;
            } else if (nanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            parked = false;
        }
    }

    /** Unparks the loop thread if it is parked; called from other threads. */
    void wakeUp() {
        if (!inEventLoop() && parked) {
            unpark();
        }
    }

    /**
     * Wakes the parked loop. {@code io} is written before {@code parked} is set, so a submitter
     * that sees the loop parked in a select also sees its selector; one that sees a selector made
     * after a plain park ended only causes one early return of the next select. An unpark of a
     * thread that is not parked leaves a permit: at worst the next short park returns at once.
     */
    private void unpark() {
        IoSelector s = io;
        if (s != null) {
            s.wakeup(); // blocked in select; and below, in the sub-millisecond park that may follow one
        }
        LockSupport.unpark(thread);
    }

    // ---------------------------------------------------------------- shutdown

    /** Cancels the live coroutines, lets them unwind (bounded), reports what nobody saw, closes. */
    void shutDown() {
        assert inEventLoop();
        if (state != OPEN) {
            return;
        }
        state = SHUTTING_DOWN;
        try {
            drainCancelled();
            reportUnobserved(true);
        } finally {
            state = CLOSED;
            CoroutineDump.loopClosed(this);
            closeIo();
            timers.clear();
            runQueue.clear();
            inbox.clear();
            LIVE_COUNT.setOpaque(this, live.size());
            QUEUED_AT_TURN.setOpaque(this, 0);
            TIMER_COUNT.setOpaque(this, 0);
        }
    }

    private void closeIo() {
        IoSelector s = io;
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
            long wait = timers.nanosToNext(clock.nanoTime());
            if (wait == 0) {
                continue;
            }
            if (virtualTime != null && wait > 0 && !hasWorkAway()) {
                virtualTime.advanceBy(wait);
                continue;
            }
            park(virtualTime != null || wait < 0 ? left : Math.min(wait, left), noneLive);
        }
    }

    private void cancelLive() {
        for (CoroutineMachine<?> m : live.snapshot()) {
            m.cancel();
        }
    }

    private void reportStillLive() {
        for (CoroutineMachine<?> m : live.snapshot()) {
            reportUncaught(m, new IllegalStateException("the coroutine did not finish unwinding within the"
                    + " shutdown timeout of " + Duration.ofNanos(shutdownTimeoutNanos).toMillis() + " ms: "
                    + m.describe()));
        }
    }

    /** Reports the unobserved failures; all of them at the end, else only when too many pile up. */
    private void reportUnobserved(boolean atEnd) {
        unobserved.removeIf(m -> !m.hasUnobservedFailure());
        if (!atEnd && unobserved.size() < UNOBSERVED_CHECK_AT / 2) {
            return;
        }
        List<CoroutineMachine<?>> failed = new ArrayList<>(unobserved);
        unobserved.clear();
        for (CoroutineMachine<?> m : failed) {
            Throwable e = m.unobservedFailure();
            if (e != null && !(e instanceof CancellationException)) {
                reportUncaught(m, e);
            }
        }
    }

    // ---------------------------------------------------------------- coroutines

    /** A coroutine starts on this loop: it is live until its body ends. Loop thread only. */
    void adopt(CoroutineMachine<?> m) {
        assert inEventLoop();
        live.add(m);
    }

    /**
     * The body of {@code m} has ended, with {@code lateFailure} if it threw after its task had
     * been cancelled. Any thread.
     */
    void coroutineEnded(CoroutineMachine<?> m, Throwable lateFailure) {
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
            if (unobserved.size() >= UNOBSERVED_CHECK_AT) {
                reportUnobserved(false);
            }
        }
    }

    /**
     * Work this loop started on another dispatcher, which will come back to it (a blocking call, a
     * coroutine that moved away): on virtual time, the clock does not move until it has.
     */
    void awayStarted() {
        away.incrementAndGet();
    }

    /** The work counted by {@link #awayStarted} has come back. Any thread. */
    void awayEnded() {
        if (away.decrementAndGet() == 0) {
            wakeUp();
        }
    }

    void reportUncaught(Object source, Throwable exception) {
        Uncaught.report(uncaught, source, exception);
    }

    UncaughtExceptionHandler uncaughtExceptionHandler() {
        return uncaught;
    }

    // ---------------------------------------------------------------- I/O

    /**
     * This loop's I/O selector, made on the first call: for I/O primitives such as
     * {@code io.yieldpoint.runtime.net.TcpStream}, which register their channels with it.
     *
     * @throws IllegalStateException if called from another thread, or once the loop is closed
     */
    public IoSelector ioSelector() {
        if (!inEventLoop()) {
            throw new IllegalStateException("ioSelector() of " + name() + " called from thread '"
                    + Thread.currentThread().getName() + "'; I/O is registered on the loop thread");
        }
        if (state == CLOSED) {
            throw new IllegalStateException("the event loop " + name() + " is closed");
        }
        IoSelector s = io;
        if (s == null) {
            s = new IoSelector(this);
            io = s;
        }
        return s;
    }

    /** The selector if one was made, else null. For tests. */
    IoSelector ioSelectorIfAny() {
        return io;
    }

    // ---------------------------------------------------------------- introspection

    /** The loop's clock, in nanoseconds: virtual time on a {@link TestEventLoop}. Any thread. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /**
     * Counters of this loop. Exact on the loop thread between steps; from another thread, as of
     * the end of the loop's last turn.
     */
    public DispatcherMetrics metrics() {
        if (inEventLoop()) {
            return new DispatcherMetrics(name(), runQueue.size() + inbox.size(), 1, timers.size(), live.size(),
                    stepsRun);
        }
        int running = parked || state == CLOSED ? 0 : 1;
        return new DispatcherMetrics(name(), (int) QUEUED_AT_TURN.getOpaque(this) + inbox.size(), running,
                (int) TIMER_COUNT.getOpaque(this), (int) LIVE_COUNT.getOpaque(this), (long) STEPS_RUN.getOpaque(this));
    }

    /**
     * The coroutines started on this loop whose body has not ended, oldest first, one line each:
     * the machine, its state, where it would resume and what it awaits.
     *
     * @throws IllegalStateException if called from another thread: the list belongs to the loop
     *     thread (from elsewhere, {@code execute} a step that takes the dump)
     */
    public String dump() {
        if (!inEventLoop()) {
            throw new IllegalStateException("dump() of " + name() + " called from thread '"
                    + Thread.currentThread().getName() + "'; call it on the loop thread");
        }
        StringBuilder sb = new StringBuilder();
        for (CoroutineMachine<?> m : live.snapshot()) {
            sb.append("  ").append(m.describe()).append('\n');
        }
        return sb.length() == 0 ? "  (none)\n" : sb.toString();
    }

    /** Up to {@code limit} of the live coroutines of this loop, oldest first. Loop thread only. */
    List<CoroutineMachine<?>> liveCoroutines(int limit) {
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
            inbox.add(task);
            if (parked) {
                unpark();
            }
        }
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        TimerQueue.Timer timer = timers.newTimerAt(clock.nanoTime() + delayNanos, task);
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
