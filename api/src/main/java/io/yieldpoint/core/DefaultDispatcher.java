package io.yieldpoint.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where coroutines started outside any event loop resume: a work-stealing {@link ForkJoinPool}
 * sized to the cores, with daemon threads, and one daemon timer thread.
 *
 * <p>Blocking is allowed on these threads (they are not event loops); a blocking
 * {@link AbstractTask#join()} there goes through {@link ForkJoinPool#managedBlock} so the pool
 * can compensate.
 */
public final class DefaultDispatcher implements Dispatcher {

    static final DefaultDispatcher INSTANCE = new DefaultDispatcher();

    private final ForkJoinPool pool;
    private final ScheduledThreadPoolExecutor timer;

    private DefaultDispatcher() {
        this.pool = new ForkJoinPool(
                Runtime.getRuntime().availableProcessors(), this::newWorker, null, true);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "yieldpoint-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The shared default dispatcher. */
    public static Dispatcher instance() {
        return INSTANCE;
    }

    private ForkJoinWorkerThread newWorker(ForkJoinPool p) {
        ForkJoinWorkerThread t = new ForkJoinWorkerThread(p) {
            @Override
            protected void onStart() {
                super.onStart();
                Dispatchers.enter(DefaultDispatcher.this);
            }
        };
        t.setName("yieldpoint-default-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(() -> pool.execute(task), delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public boolean refusesBlocking() {
        return false;
    }

    @Override
    public String name() {
        return "default";
    }

    @Override
    public String toString() {
        return "DefaultDispatcher";
    }
}
