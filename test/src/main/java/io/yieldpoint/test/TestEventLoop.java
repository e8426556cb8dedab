package io.yieldpoint.test;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.UncaughtExceptionHandler;
import io.yieldpoint.runtime.internal.LoopCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An event loop on <em>virtual time</em>, for tests: {@code sleep}, {@code withTimeout} and every
 * timer take no real time, and a test that waits an hour runs in microseconds, the same way at
 * every run. Like kotlinx-coroutines-test's {@code runTest}.
 *
 * <h2>How time moves</h2>
 * Virtual time starts at 0 and stands still while the loop has work to run. When the loop has
 * nothing ready, it moves the time straight to the earliest timer's deadline and fires it. So
 * timers fire in deadline order (then in scheduling order), each at exactly its deadline, and a
 * coroutine that reads the time ({@link EventLoop#nanoTime()}, {@link #currentTime()}) sees the
 * sum of the delays it slept through.
 *
 * <p>Time does not move while work the loop started on other threads is still in flight (a
 * blocking call through {@code Dispatch.blocking}, a coroutine that moved to a pool and will come
 * back): the loop waits for it in real time. Other threads the loop does not know about (a
 * {@code CompletableFuture} completed by a thread of your own, an {@code HttpClient} exchange) run in
 * real time while virtual time may jump ahead, unless {@link #futuresInFlight(boolean)} counts the
 * futures coroutines await as in flight; and a coroutine running on a pool sleeps on that pool's
 * real clock.
 *
 * <h2>Two ways to use it</h2>
 * <pre>{@code
 * // 1. All at once, like EventLoop.run: time jumps whenever the loop is idle.
 * int value = TestEventLoop.run(() -> fetcher.fetchData());
 *
 * // 2. Driven step by step by the test thread.
 * try (TestEventLoop loop = new TestEventLoop()) {
 *     Task<Integer> task = loop.start(() -> fetcher.fetchData());
 *     loop.advanceBy(Duration.ofMillis(999));
 *     assertFalse(task.isDone());
 *     loop.advanceBy(Duration.ofMillis(1));
 *     assertEquals(42, task.join());
 *     assertEquals(Duration.ofSeconds(1), loop.currentTime());
 * }
 * }</pre>
 *
 * <h2>Failures nobody sees, and deadlocks</h2>
 * Failures that would go to an {@link UncaughtExceptionHandler} (a coroutine nobody awaited that
 * failed, a {@code finally} that threw while a cancelled coroutine unwound, a step that threw) are
 * collected; {@link #run} and {@link #close()} then fail with an {@link AssertionError} that carries
 * them, so they cannot go unnoticed. A loop that waits with nothing to run, no timer and nothing in
 * flight can never make progress on its own: after the stall timeout (real time,
 * {@link #DEFAULT_STALL_TIMEOUT} by default) it fails with an {@code AssertionError} listing the
 * live coroutines and what each awaits.
 *
 * <h2>Threads</h2>
 * A test loop belongs to the thread that made it: only that thread may drive it. While it drives
 * the loop (in {@link #start}, {@link #runCurrent}, {@link #advanceBy}...), that thread is the
 * loop's thread: coroutines started or resumed then run on it, and blocking on it is refused.
 * Other threads may {@code execute} steps on {@link #eventLoop()} at any time; they run at the next
 * drive.
 */
public final class TestEventLoop implements AutoCloseable {

    /** How long, in real time, a loop may sit idle with nothing to wait for before it fails. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);

    private final VirtualTime time;
    private final List<Throwable> uncaught = new ArrayList<>();
    private final LoopCore loop;
    private final EventLoop handle;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    /** A test loop on virtual time 0, owned by the calling thread. */
    public TestEventLoop() {
        this(DEFAULT_STALL_TIMEOUT);
    }

    /**
     * A test loop that fails when it has sat idle for {@code stallTimeout} of real time with
     * nothing to run, no timer and nothing in flight on other threads.
     */
    public TestEventLoop(Duration stallTimeout) {
        LoopCore.refuseNested("new TestEventLoop()");
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive: " + stallTimeout);
        }
        this.time = new VirtualTime(0, stallTimeout);
        this.loop = new LoopCore(time, this::collect, EventLoop.DEFAULT_SHUTDOWN_TIMEOUT);
        time.attach(loop);
        this.handle = loop.enter(EventLoop::current); // the user's handle, made on the loop's thread
    }

    /**
     * Runs a test loop on the calling thread until the task made by {@code main} completes, time
     * jumping to the next deadline whenever the loop is idle; then shuts the loop down as
     * {@link EventLoop#run} does, and returns the task's value or rethrows its exception (the same
     * instance).
     *
     * @throws AssertionError if failures went uncaught meanwhile (when the main task failed, they
     *     are attached to its exception as suppressed instead), or if the loop stalled
     * @throws IllegalStateException if the calling thread already runs an event loop
     */
    public static <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main) {
        return run(main, false);
    }

    /**
     * As {@link #run(Supplier)}, with futures in flight counted (see {@link #futuresInFlight}):
     * for code under test that awaits futures completed by other threads, such as
     * {@code HttpClient.sendAsync}.
     */
    public static <T extends @Nullable Object> T runWithFuturesInFlight(Supplier<? extends Task<T>> main) {
        return run(main, true);
    }

    private static <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main, boolean futuresInFlight) {
        Objects.requireNonNull(main, "main");
        TestEventLoop test = new TestEventLoop().futuresInFlight(futuresInFlight);
        T value;
        try {
            value = test.loop.runMain(main);
        } catch (Throwable failure) {
            test.closed = true;
            test.attachUncaughtTo(failure);
            throw failure;
        }
        test.closed = true;
        test.throwUncaught();
        return value;
    }

    // ---------------------------------------------------------------- driving

    /**
     * Whether a future ({@code CompletionStage}) that a coroutine on this loop awaits counts as work
     * in flight until it completes: virtual time then does not move while it is pending, so that a
     * {@code withTimeout} or {@code sleep} racing it does not fire just because the loop had nothing
     * else to do. Turn it on for code that awaits futures completed by other threads, such as
     * {@code HttpClient.sendAsync}. Off by default: a future that the loop's own coroutines complete
     * after a virtual delay would then keep time from reaching that delay (the loop would stall).
     * Tasks ({@code Task}) are never counted; set this before the coroutines it concerns await.
     *
     * @return this loop
     */
    public TestEventLoop futuresInFlight(boolean on) {
        time.futuresInFlight(on);
        return this;
    }

    /**
     * Calls {@code coroutine} on the loop: its first step runs now, on this thread, and it will
     * resume on the loop when this thread next drives it.
     */
    public <T extends @Nullable Object> Task<T> start(Supplier<? extends Task<T>> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        return drive(() -> Objects.requireNonNull(coroutine.get(), "the supplier returned null instead of a task"));
    }

    /**
     * Runs what is ready at the current virtual time, and what that makes ready, until nothing
     * is; time does not move.
     *
     * @return the number of steps run
     */
    public int runCurrent() {
        return drive(this::runReady);
    }

    /**
     * Moves virtual time forward by {@code delay}, firing every timer due meanwhile at its own
     * deadline, in order, and running what each makes ready before time moves on.
     */
    public void advanceBy(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("time cannot move backwards: " + delay);
        }
        long target = time.nanoTime() + delay.toNanos();
        drive(() -> {
            runReady();
            for (long wait = loop.nanosToNextTimer(); wait >= 0 && target - (time.nanoTime() + wait) >= 0;
                    wait = loop.nanosToNextTimer()) {
                time.advanceBy(wait);
                runReady();
            }
            time.advanceTo(target);
            return runReady();
        });
    }

    /**
     * Runs the loop, moving time to each next deadline, until nothing is ready, no timer is left
     * and nothing is in flight on other threads. A coroutine that sleeps in a loop forever keeps
     * this running forever.
     */
    public void advanceUntilIdle() {
        drive(() -> {
            loop.runUntil(() -> !loop.hasReadyWork() && loop.nanosToNextTimer() < 0 && !time.hasWorkAway());
            return 0;
        });
    }

    /**
     * Runs the loop, moving time when it is idle, until {@code task} completes; then returns its
     * value or rethrows its exception (the same instance).
     *
     * @throws AssertionError if the loop stalls before: idle, with no timer and nothing in flight
     */
    public <T extends @Nullable Object> T runUntilDone(Task<T> task) {
        AbstractTask<T> core = AbstractTask.of(task);
        core.whenComplete(done -> loop.wakeUp()); // completed by another thread: wake the loop
        drive(() -> {
            loop.runUntil(core::isDone);
            return 0;
        });
        return core.resultNow();
    }

    private int runReady() {
        int total = 0;
        for (int ran = loop.runTurn(); ran > 0; ran = loop.runTurn()) {
            total += ran;
        }
        return total;
    }

    /** Runs {@code action} on this thread as the loop's thread. */
    private <R extends @Nullable Object> R drive(Supplier<R> action) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the test loop belongs to thread '" + owner.getName()
                    + "'; it cannot be driven from '" + Thread.currentThread().getName() + "'");
        }
        if (closed) {
            throw new IllegalStateException("the test loop is closed");
        }
        return loop.enter(action);
    }

    // ---------------------------------------------------------------- reading

    /** Virtual time since the loop started. */
    public Duration currentTime() {
        return Duration.ofNanos(time.elapsed());
    }

    /** The event loop itself: to {@code execute} or {@code schedule} on it, or for its metrics. */
    public EventLoop eventLoop() {
        return handle;
    }

    /** The failures collected so far that an {@link UncaughtExceptionHandler} would have had. */
    public List<Throwable> uncaughtExceptions() {
        synchronized (uncaught) {
            return List.copyOf(uncaught);
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Shuts the loop down as {@link EventLoop#run} does at its end: cancels the coroutines still
     * live and runs them until they have unwound. Harmless if already closed.
     *
     * @throws AssertionError if failures went uncaught on this loop
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        drive(() -> {
            loop.shutDown();
            return 0;
        });
        closed = true;
        throwUncaught();
    }

    private void collect(Object source, Throwable exception) {
        synchronized (uncaught) {
            uncaught.add(exception);
        }
    }

    private void throwUncaught() {
        List<Throwable> all = uncaughtExceptions();
        if (all.isEmpty()) {
            return;
        }
        AssertionError error = new AssertionError(all.size() + " uncaught exception(s) on the test loop; the first: "
                + all.get(0), all.get(0));
        for (Throwable t : all.subList(1, all.size())) {
            error.addSuppressed(t);
        }
        throw error;
    }

    private void attachUncaughtTo(Throwable failure) {
        for (Throwable t : uncaughtExceptions()) {
            if (t != failure) {
                failure.addSuppressed(t);
            }
        }
    }
}
