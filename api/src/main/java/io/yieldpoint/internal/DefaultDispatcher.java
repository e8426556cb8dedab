package io.yieldpoint.internal;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where coroutines started outside any event loop resume: the JVM's one default CPU pool.
 *
 * <h2>One pool per JVM</h2>
 * When the runtime module is there (it is wherever generated state machines run), the default is
 * its shared CPU pool, {@code io.yieldpoint.runtime.Dispatch.cpu()}, looked up by name once: a
 * program has one set of CPU threads whichever way a coroutine reached them. Only when the runtime
 * is absent (the API alone, running coroutine bodies in their blocking reading)
 * does this class make a pool of its own: a work-stealing {@link ForkJoinPool} sized to the cores,
 * daemon threads named {@code yieldpoint-default-N}, and one daemon timer thread.
 *
 * <p>Blocking is allowed on these threads (they are not event loops); a blocking
 * {@link AbstractTask#join()} there goes through {@link ForkJoinPool#managedBlock} so the pool
 * can compensate.
 */
public final class DefaultDispatcher implements Dispatcher {

    private static final String RUNTIME_POOLS = "io.yieldpoint.runtime.Dispatch";

    static final Dispatcher INSTANCE = resolve();

    private final ForkJoinPool pool;
    private final ScheduledThreadPoolExecutor timer;

    /** The runtime's CPU pool if the runtime is on the class or module path, else a pool of this class's own. */
    private static Dispatcher resolve() {
        try {
            Class<?> dispatch = Class.forName(RUNTIME_POOLS, true, DefaultDispatcher.class.getClassLoader());
            return (Dispatcher) dispatch.getMethod("cpu").invoke(null);
        } catch (ClassNotFoundException e) {
            return new DefaultDispatcher(); // the API alone: blocking readings only
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Yieldpoint runtime on the class path does not match the API: "
                    + RUNTIME_POOLS + ".cpu() " + e, e);
        }
    }

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

    /** The JVM's default dispatcher: the runtime's CPU pool, or this class's own without the runtime. */
    public static Dispatcher instance() {
        return INSTANCE;
    }

    private ForkJoinWorkerThread newWorker(ForkJoinPool p) {
        ForkJoinWorkerThread t = new ForkJoinWorkerThread(p) {
            @Override
            protected void onStart() {
                super.onStart();
                CurrentDispatcher.enter(DefaultDispatcher.this);
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
