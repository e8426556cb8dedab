package io.yieldpoint.runtime;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.runtime.debug.CoroutineDump;
import io.yieldpoint.runtime.debug.SourceLines;
import io.yieldpoint.runtime.internal.Cancellations;
import io.yieldpoint.runtime.internal.LiveCoroutines;
import io.yieldpoint.runtime.internal.LoopCore;
import io.yieldpoint.runtime.internal.LoopGroupCore;
import io.yieldpoint.runtime.internal.RuntimeLog;
import io.yieldpoint.runtime.internal.Uncaught;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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
 *   <li>timers (loop thread only), read against a {@link Clock};</li>
 *   <li>an I/O selector, made on first use by an I/O primitive: a loop that has one waits in
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
 *       next deadline at once (virtual time, the {@code TestEventLoop} of the
 *       {@code yieldpoint-test} artifact; an I/O operation in progress holds virtual time still, as
 *       work on another thread does).</li>
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
 * that ends a timed select).
 *
 * <h2>This class and the loop's engine</h2>
 * {@code EventLoop} is the user's handle on a loop; the engine (run queue, timers, live list, the
 * seams to time and I/O) is an internal class that coroutines and I/O primitives reach directly,
 * so that none of its plumbing is public API. {@link #current()} returns the handle of the loop
 * the calling thread runs.
 *
 * <h2>Blocking</h2>
 * The loop {@linkplain #refusesBlocking() refuses blocking}: {@code join()} or the blocking
 * {@code await} of an unfinished task on its thread throws {@code IllegalStateException} instead
 * of stalling every coroutine on it.
 */
public final class EventLoop implements Dispatcher {

    /** How long {@link #run} waits at most, by default, for cancelled coroutines to unwind. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How long one step may hold a loop, by default, before the loop is reported stalled (1 s),
     * unless the system property {@code yieldpoint.stallThreshold} says otherwise (milliseconds, or
     * {@code off}); see {@link Builder#stallThreshold}. Long enough that the first steps of a cold
     * JVM on a loaded machine (class loading, the interpreter) are not reported; in development and
     * tests, 100 ms finds shorter blocking calls.
     */
    public static final Duration DEFAULT_STALL_THRESHOLD = Duration.ofSeconds(1);

    /**
     * Classes that failing, unwinding and shutting down need, loaded with the first loop: loading a
     * class from a directory takes a file descriptor, and a process that has run out of them must
     * still be able to fail a coroutine, shut down and say why.
     */
    @SuppressWarnings("unused")
    private static final Class<?>[] NEEDED_WHEN_OUT_OF_DESCRIPTORS = {
        Exceptions.class, SourceLines.class, Cancellations.class, Cancellations.Shielded.class, Uncaught.class,
        LoopGroupCore.class, LiveCoroutines.class, RuntimeLog.class,
    };

    static {
        RuntimeLog.init(); // sets the logging backend up while descriptors are there to read its configuration
    }

    private final LoopCore core;

    private EventLoop(LoopCore core) {
        this.core = core;
        core.handle(this);
        CoroutineDump.loopStarted(core);
    }

    /** The handle of {@code core}: the one it was made with, or a new one. */
    static EventLoop of(LoopCore core) {
        return core.handle() instanceof EventLoop loop ? loop : new EventLoop(core);
    }

    /** The engine behind this handle; for the runtime's own packages through {@link Dispatch}. */
    LoopCore core() {
        return core;
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
    public static <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main) {
        return builder().run(main);
    }

    /** As {@link #run(Supplier)}, with timers read against {@code clock}. */
    public static <T extends @Nullable Object> T run(Clock clock, Supplier<? extends Task<T>> main) {
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
        private final LoopSettings settings = new LoopSettings();

        private Builder() {}

        /** The clock timers are read against; the system's monotonic clock by default. */
        public Builder clock(Clock clock) {
            settings.clock(clock);
            return this;
        }

        /** Where uncaught failures go; {@link UncaughtExceptionHandler#LOG} by default. */
        public Builder uncaughtExceptionHandler(UncaughtExceptionHandler handler) {
            settings.uncaughtExceptionHandler(handler);
            return this;
        }

        /**
         * How long, in real time, the loop waits at most for cancelled coroutines to unwind when
         * it shuts down; {@link EventLoop#DEFAULT_SHUTDOWN_TIMEOUT} by default.
         */
        public Builder shutdownTimeout(Duration timeout) {
            settings.shutdownTimeout(timeout);
            return this;
        }

        /**
         * How long one step may run before the loop is reported stalled, as a {@code WARNING} of the
         * {@code System.Logger} {@code io.yieldpoint.runtime.stall} that names the coroutine, its
         * line and the loop thread's stack; {@code Duration.ZERO} turns detection off.
         * {@link EventLoop#DEFAULT_STALL_THRESHOLD} by default. A stall is reported between one and
         * one and a half thresholds after the step began; see {@code docs/integrations.md}.
         */
        public Builder stallThreshold(Duration threshold) {
            settings.stallThreshold(threshold);
            return this;
        }

        /** Runs an event loop as {@link EventLoop#run(Supplier)} does, with these settings. */
        public <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main) {
            Objects.requireNonNull(main, "main");
            LoopCore.refuseNested("EventLoop.run()");
            return settings.newLoop().runMain(main);
        }
    }

    /** The event loop the calling thread runs, or null. */
    public static @Nullable EventLoop current() {
        LoopCore core = LoopCore.current();
        return core == null ? null : of(core);
    }

    // ---------------------------------------------------------------- introspection

    /** The loop's clock, in nanoseconds: virtual time on a test loop. Any thread. */
    public long nanoTime() {
        return core.nanoTime();
    }

    /**
     * Counters of this loop. Exact on the loop thread between steps; from another thread, as of
     * the end of the loop's last turn.
     */
    public DispatcherMetrics metrics() {
        return new DispatcherMetrics(name(), core.queuedCount(), core.runningCount(), core.timerCount(),
                core.liveCount(), core.stepCount());
    }

    /**
     * The coroutines started on this loop whose body has not ended, oldest first, one line each:
     * the machine, its state, where it would resume and what it awaits.
     *
     * @throws IllegalStateException if called from another thread: the list belongs to the loop
     *     thread (from elsewhere, {@code execute} a step that takes the dump)
     */
    public String dump() {
        return core.dump();
    }

    // ---------------------------------------------------------------- Dispatcher

    /** Whether the calling thread is this loop's. */
    public boolean inEventLoop() {
        return core.inEventLoop();
    }

    /** Runs {@code task} on the loop thread at a later turn. Ignored once the loop is closed. */
    @Override
    public void execute(Runnable task) {
        core.execute(task);
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        return core.schedule(delayNanos, task);
    }

    @Override
    public boolean refusesBlocking() {
        return true;
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void reportUncaught(Object source, Throwable failure) {
        core.reportUncaught(source, failure);
    }

    @Override
    public String toString() {
        return name();
    }
}
