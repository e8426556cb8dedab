package io.yieldpoint.runtime;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.runtime.internal.DetachedThreads;
import io.yieldpoint.runtime.internal.Uncaught;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A dispatcher backed by a pool of threads: coroutines that run on it resume on any of its
 * threads, one step at a time (the steps of one coroutine never overlap).
 *
 * <h2>Kinds</h2>
 * <table>
 *   <caption>pool kinds</caption>
 *   <tr><th>kind</th><th>made of</th><th>for</th></tr>
 *   <tr><td>{@link #cpu}</td><td>a {@link ForkJoinPool} in FIFO ("async") mode, one thread per
 *       core by default, work stealing</td><td>computation; short steps</td></tr>
 *   <tr><td>{@link #blocking}</td><td>a {@link ThreadPoolExecutor} that starts threads up to a
 *       bound as work arrives and lets idle ones die after a minute, then queues</td>
 *       <td>calls that block a thread: files, JDBC, legacy clients</td></tr>
 * </table>
 * The shared instances are {@link Dispatch#cpu()} and {@link Dispatch#blockingPool()}.
 *
 * <h2>Why ForkJoinPool</h2>
 * Measured on two cores, for the pattern coroutines make (each step submits the next step of
 * another coroutine from a pool thread), a {@code ForkJoinPool} took about 40-65 ns per hop, a
 * {@code ThreadPoolExecutor} about 80-90 ns on a {@code LinkedTransferQueue} and 550-620 ns on a
 * {@code LinkedBlockingQueue}; for submissions from outside the pool, 70-140 ns against 140-190 and
 * 550-670. Work stealing and per-thread queues are what a hand-written pool would have to redo;
 * FIFO mode keeps resumptions fair (a coroutine resumed first runs first).
 *
 * <h2>Bounds</h2>
 * A blocking pool bounds the <em>blocking calls</em> it accepts ({@link Dispatch#call},
 * {@link Dispatch#blocking}): running ones plus queued ones; beyond, a call fails at once with
 * {@link RejectedExecutionException}. Resumptions of coroutines are never refused, or a
 * coroutine would be lost half-way.
 *
 * <h2>Threads</h2>
 * Pool threads are daemon threads named {@code <name>-<n>}, registered as belonging to the pool
 * (so a coroutine started on one resumes on the pool, and timers made there fire there). Blocking
 * is allowed on them. A step that throws is reported to {@link UncaughtExceptionHandler#LOG}.
 * Timers of all pools share one daemon thread that only hands due tasks to their pool. Every
 * pool thread is made in the runtime's own thread group (see {@code DetachedThreads}), not in the
 * group of the thread that first used the pool: a tool that stops a program by its thread group
 * ({@code mvn exec:java}) does not wait for idle pool threads.
 */
public final class Pool implements Dispatcher, AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = newTimerThread();

    private final String name;
    private final ExecutorService executor;
    private final @Nullable ForkJoinPool forkJoin;
    private final @Nullable ThreadPoolExecutor threads;
    private final int callBound;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger timers = new AtomicInteger();
    private final LongAdder steps = new LongAdder();
    private final UncaughtExceptionHandler uncaught = UncaughtExceptionHandler.LOG;

    /** A pool on {@code forkJoin} or, if it is null, on {@code threads}: one of them is given. */
    private Pool(String name, @Nullable ForkJoinPool forkJoin, @Nullable ThreadPoolExecutor threads, int callBound) {
        this.name = name;
        this.forkJoin = forkJoin;
        this.threads = threads;
        this.executor = forkJoin != null ? forkJoin : Objects.requireNonNull(threads);
        this.callBound = callBound;
    }

    /** A work-stealing pool of {@code parallelism} threads, for computation. */
    public static Pool cpu(String name, int parallelism) {
        Objects.requireNonNull(name, "name");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        Pool[] self = new Pool[1];
        ForkJoinPool fjp = new ForkJoinPool(parallelism, p -> DetachedThreads.construct(() -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(p) {
                @Override
                protected void onStart() {
                    super.onStart();
                    CurrentDispatcher.enter(self[0]);
                }
            };
            t.setName(name + "-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }), null, true);
        self[0] = new Pool(name, fjp, null, Integer.MAX_VALUE);
        return self[0];
    }

    /**
     * An elastic pool for blocking calls: up to {@code maxThreads} threads, started as calls
     * arrive and stopped after a minute idle; past that, up to {@code queueCapacity} calls wait;
     * past that, a call is refused with {@link RejectedExecutionException}.
     */
    public static Pool blocking(String name, int maxThreads, int queueCapacity) {
        Objects.requireNonNull(name, "name");
        if (maxThreads < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("maxThreads must be at least 1 and queueCapacity at least 0: "
                    + maxThreads + ", " + queueCapacity);
        }
        Pool[] self = new Pool[1];
        AtomicInteger counter = new AtomicInteger();
        // core == max with core threads timing out: a thread per call up to the bound, then the
        // queue (a plain ThreadPoolExecutor would queue first and grow only once the queue is full).
        ThreadPoolExecutor tpe = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> DetachedThreads.newThread(() -> {
                    CurrentDispatcher.enter(self[0]);
                    r.run();
                }, name + "-" + counter.incrementAndGet()));
        tpe.allowCoreThreadTimeOut(true);
        self[0] = new Pool(name, null, tpe, maxThreads + queueCapacity);
        return self[0];
    }

    private static ScheduledThreadPoolExecutor newTimerThread() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                r -> DetachedThreads.newThread(r, "yieldpoint-pool-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    // ---------------------------------------------------------------- Dispatcher

    /**
     * Runs {@code task} on a pool thread. Never refused while the pool is open (resumptions must not
     * be lost); after {@link #close()}, the task is dropped and reported.
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        try {
            executor.execute(() -> {
                steps.increment();
                try {
                    task.run();
                } catch (Throwable t) {
                    if (Exceptions.isFatal(t)) {
                        throw t;
                    }
                    Uncaught.report(uncaught::uncaughtException, task, t);
                }
            });
        } catch (RejectedExecutionException closed) {
            Uncaught.report(uncaught::uncaughtException, task, closed);
        }
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        timers.incrementAndGet();
        ScheduledFuture<?> f = TIMER.schedule(() -> {
            timers.decrementAndGet();
            execute(task);
        }, delayNanos, TimeUnit.NANOSECONDS);
        return () -> {
            if (f.cancel(false)) {
                timers.decrementAndGet();
            }
        };
    }

    @Override
    public boolean refusesBlocking() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    /** Takes a slot for a blocking call; false if the bound is reached. */
    boolean tryStartCall() {
        for (;;) {
            int n = calls.get();
            if (n >= callBound) {
                return false;
            }
            if (calls.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void callEnded() {
        calls.decrementAndGet();
    }

    int callBound() {
        return callBound;
    }

    @Override
    public void reportUncaught(Object source, Throwable failure) {
        Uncaught.report(uncaught::uncaughtException, source, failure);
    }

    /** Counters of this pool, approximate while it runs. {@code liveCoroutines} is not tracked for pools (0). */
    public DispatcherMetrics metrics() {
        int queued;
        int running;
        if (forkJoin != null) {
            queued = (int) Math.min(Integer.MAX_VALUE, forkJoin.getQueuedSubmissionCount() + forkJoin.getQueuedTaskCount());
            running = forkJoin.getActiveThreadCount();
        } else {
            ThreadPoolExecutor t = Objects.requireNonNull(threads); // a pool has one or the other
            queued = t.getQueue().size();
            running = t.getActiveCount();
        }
        return new DispatcherMetrics(name, queued, running, timers.get(), 0, steps.sum());
    }

    /**
     * Stops the pool once the steps already submitted have run; later submissions are dropped and
     * reported. The shared pools of {@link Dispatch} are never closed.
     */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** Waits up to {@code timeout} for the threads to finish after {@link #close()}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "Pool[" + name + "]";
    }
}
