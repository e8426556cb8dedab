package io.yieldpoint.runtime.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where the runtime's pool threads are made: in a thread group of their own, {@code yieldpoint},
 * under the JVM's root group, never in the group of whichever thread first used the pool.
 *
 * <p>A pool's threads belong to the pool, which outlives the code that happened to start them.
 * Tools that clean up after a program by its thread group, such as {@code mvn exec:java} (it
 * interrupts every thread of the program's group when {@code main} returns, then waits up to 15 s
 * for each to die), would otherwise find idle pool threads, which by design ignore interrupts, and
 * wait for them in vain.
 *
 * <p>A thread takes the group of the thread that constructs it. Threads the runtime constructs itself
 * name the group ({@link #newThread}); threads a {@code ForkJoinPool} asks its factory for are
 * constructed on a daemon thread of the group ({@link #construct}), since on Java 17
 * {@code ForkJoinWorkerThread} cannot be given a group. Thread construction is rare (a pool grows
 * to its size once), so that hop costs nothing measurable.
 */
public final class DetachedThreads {

    private static final ThreadGroup GROUP = new ThreadGroup(rootGroup(), "yieldpoint");

    /** Constructs threads for {@link #construct}; its own thread is made in the group too. */
    private static final ExecutorService CONSTRUCTOR = newConstructor();

    private DetachedThreads() {}

    /** The group of the runtime's pool threads. */
    public static ThreadGroup group() {
        return GROUP;
    }

    /** A daemon thread in the runtime's group. */
    public static Thread newThread(Runnable body, String name) {
        Thread t = new Thread(GROUP, body, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * {@code maker.get()} run on a thread of the runtime's group, so that the thread it constructs
     * belongs to that group; run here if this thread already belongs to it.
     */
    public static <T extends Thread> T construct(Supplier<T> maker) {
        if (Thread.currentThread().getThreadGroup() == GROUP) {
            return maker.get();
        }
        Future<T> made = CONSTRUCTOR.submit(maker::get);
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return made.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a pool asked for a thread: finish, then restore the flag
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ExecutorService newConstructor() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> newThread(r, "yieldpoint-thread-constructor"));
        e.allowCoreThreadTimeOut(true); // no thread at all while no pool grows
        return e;
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
}
