package io.yieldpoint.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads (JDK 21+) reached through method handles, so that the module compiles with
 * {@code --release 17}. On an older JDK every method throws {@link UnsupportedOperationException}
 * with a clear message, and the virtual-thread benchmarks fail alone while the others run.
 */
public final class VirtualThreads {

    private static final MethodHandle START;
    private static final MethodHandle PER_TASK_EXECUTOR;

    static {
        MethodHandle start = null;
        MethodHandle executor = null;
        try {
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            start = l.findStatic(Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
            executor = l.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        } catch (ReflectiveOperationException e) {
            // JDK 17-20: no virtual threads; see available()
        }
        START = start;
        PER_TASK_EXECUTOR = executor;
    }

    private VirtualThreads() {}

    /** Whether this JDK has virtual threads (21+). */
    public static boolean available() {
        return START != null;
    }

    /** Starts {@code task} on a new virtual thread. */
    public static Thread start(Runnable task) {
        check();
        try {
            return (Thread) START.invokeExact(task);
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}. */
    public static ExecutorService perTaskExecutor() {
        check();
        try {
            return (ExecutorService) PER_TASK_EXECUTOR.invokeExact();
        } catch (Throwable t) {
            throw sneaky(t);
        }
    }

    private static void check() {
        if (START == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is JDK "
                    + Runtime.version() + ": run the suite with JAVA_HOME set to a JDK 21+ (the docs use Temurin 25)");
        }
    }

    private static RuntimeException sneaky(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** Joins {@code t}, keeping the interrupt. */
    public static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
