package io.yieldpoint.runtime;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.runtime.internal.CoroutineContext;
import io.yieldpoint.runtime.internal.DispatcherSwitch;
import io.yieldpoint.runtime.internal.LoopCore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Moving work between dispatchers, as tasks a coroutine awaits: switch the rest of a coroutine
 * to another dispatcher, run a child coroutine or a call there, or run a blocking call on the
 * blocking pool. Each is an ordinary {@code Task}, so {@code await(...)} is the yield point.
 *
 * <pre>{@code
 * import static io.yieldpoint.runtime.Dispatch.*;
 *
 * @Coroutine default Task<Integer> wordCount(Path file) {
 *     String text = await(blocking(() -> Files.readString(file)));   // the loop thread never blocks
 *     Dispatcher home = EventLoop.current();
 *     await(switchTo(cpu()));                                          // the rest runs on the CPU pool
 *     int words = text.split("\\s+").length;
 *     await(switchTo(home));                                           // and back
 *     return done(words);
 * }
 * }</pre>
 *
 * <h2>Which thread resumes a coroutine</h2>
 * <table>
 *   <caption>resumption threads</caption>
 *   <tr><th>situation</th><th>thread</th></tr>
 *   <tr><td>the first step</td><td>the thread that called the coroutine method</td></tr>
 *   <tr><td>after an {@code await}, started on an event loop</td><td>that loop's thread</td></tr>
 *   <tr><td>after an {@code await}, started on a pool (or a plain thread: the default pool)</td>
 *       <td>any thread of that pool</td></tr>
 *   <tr><td>after {@code await(switchTo(d))}</td><td>a thread of {@code d}, and so for every later
 *       resumption, until the next {@code switchTo}</td></tr>
 *   <tr><td>after {@code await(blocking(...))}, {@code await(call(d, ...))},
 *       {@code await(on(d, ...))}</td><td>the coroutine's own dispatcher: only the call (or the
 *       child coroutine) ran on the other one</td></tr>
 *   <tr><td>after awaiting a {@code CompletableFuture} or a task completed by another thread</td>
 *       <td>the coroutine's own dispatcher: the completing thread only hands it over</td></tr>
 *   <tr><td>a timer ({@code sleep}, {@code withTimeout}, a select timeout)</td><td>fires on the
 *       dispatcher current where it was made</td></tr>
 * </table>
 *
 * <h2>Virtual time</h2>
 * On the {@code TestEventLoop} of {@code yieldpoint-test}, work a loop sends elsewhere with these calls (and coroutines that
 * switched away from it) holds virtual time still until it comes back, so a {@code withTimeout}
 * around a blocking call does not fire just because the loop had nothing else to do.
 *
 * <h2>The blocking reading</h2>
 * Run as plain Java, {@code await(switchTo(d))} returns at once and the body stays on its
 * thread; the others run where they say and the caller blocks for the result.
 */
public final class Dispatch {

    private Dispatch() {}

    /** The shared pools, made on first use. */
    private static final class Shared {
        static final int CORES = Runtime.getRuntime().availableProcessors();
        static final Pool CPU = Pool.cpu("yieldpoint-cpu", CORES);
        static final Pool BLOCKING = Pool.blocking("yieldpoint-blocking", Math.max(64, 16 * CORES), 100_000);
    }

    /**
     * The shared CPU pool: a work-stealing {@code ForkJoinPool} with one thread per core. It is also
     * the JVM's default dispatcher, where coroutines started outside any event loop resume.
     */
    public static Pool cpu() {
        return Shared.CPU;
    }

    /**
     * The shared pool for blocking calls: up to {@code max(64, 16 x cores)} threads, then a queue
     * of up to 100,000 calls.
     */
    public static Pool blockingPool() {
        return Shared.BLOCKING;
    }

    /**
     * A task that moves the coroutine awaiting it to {@code dispatcher}: it resumes there, and stays
     * there for every later resumption until the next {@code switchTo}. Like Kotlin's
     * {@code withContext} without the automatic way back: {@code await(switchTo(home))} returns.
     * Awaited by anything but a coroutine's state machine, it is simply a completed task.
     */
    public static Task<Void> switchTo(Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        // The loop's engine is what its coroutines know as their dispatcher, not the user's handle.
        return new DispatcherSwitch(dispatcher instanceof EventLoop loop ? loop.core() : dispatcher);
    }

    /**
     * Starts the coroutine {@code coroutine} makes on {@code dispatcher} (its first step runs
     * there, and it resumes there), and completes as it does; the coroutine awaiting this task
     * stays on its own dispatcher. Cancelling the task cancels the coroutine.
     */
    public static <T extends @Nullable Object> Task<T> on(Dispatcher dispatcher, Supplier<? extends Task<T>> coroutine) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(coroutine, "coroutine");
        Hop<T> hop = new Hop<>(CoroutineLocal.capture(coroutine));
        hop.leaveHome();
        dispatcher.execute(hop);
        return hop;
    }

    /**
     * Runs {@code call} on a thread of {@code dispatcher} and completes with its value or its
     * exception (the same instance). Cancelling the task before the call starts skips it;
     * cancelling it while the call runs interrupts the thread running it. On a blocking pool, a
     * call beyond its bound fails at once with {@link RejectedExecutionException}.
     */
    public static <T extends @Nullable Object> Task<T> call(Dispatcher dispatcher, Callable<? extends T> call) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(call, "call");
        Pool pool = dispatcher instanceof Pool p && p.callBound() != Integer.MAX_VALUE ? p : null;
        if (pool != null && !pool.tryStartCall()) {
            return Task.failed(new RejectedExecutionException("the blocking pool '" + pool.name() + "' has "
                    + pool.callBound() + " calls running or queued"));
        }
        BlockingCall<T> task = new BlockingCall<>(call, pool, CoroutineContext.current());
        task.leaveHome();
        dispatcher.execute(task);
        return task;
    }

    /**
     * Runs a blocking {@code call} on the {@linkplain #blockingPool() blocking pool} and completes
     * with its result: {@code String s = await(blocking(() -> Files.readString(path)));}. The
     * coroutine awaiting it resumes on its own dispatcher. See {@link #call}.
     */
    public static <T extends @Nullable Object> Task<T> blocking(Callable<? extends T> call) {
        return call(blockingPool(), call);
    }

    // ---------------------------------------------------------------- the tasks

    /**
     * A task that runs elsewhere on behalf of the event loop that made it (if any), which must not
     * move virtual time until it has come back.
     */
    private abstract static class Away<T extends @Nullable Object> extends AbstractTask<T> implements Runnable {
        private @Nullable LoopCore home;

        void leaveHome() {
            LoopCore loop = LoopCore.current();
            if (loop != null) {
                home = loop;
                loop.workLeft();
            }
        }

        @Override
        protected void afterCompletion() {
            LoopCore loop = home;
            if (loop != null) {
                home = null;
                loop.workCameBack();
            }
        }
    }

    /** {@link #on}: the child coroutine, started on the target dispatcher. */
    private static final class Hop<T extends @Nullable Object> extends Away<T> {
        private final Supplier<? extends Task<T>> coroutine;
        private volatile @Nullable AbstractTask<T> child;

        Hop(Supplier<? extends Task<T>> coroutine) {
            this.coroutine = coroutine;
        }

        @Override
        public void run() {
            if (isDone() || isCancelled()) {
                return; // cancelled before it started
            }
            AbstractTask<T> c;
            try {
                c = AbstractTask.of(Objects.requireNonNull(coroutine.get(), "the supplier returned null instead of a task"));
            } catch (Throwable t) {
                completeExceptionally(t);
                return;
            }
            child = c;
            c.whenComplete(done -> completeFrom(done));
            if (isCancelled()) {
                c.cancel(); // a cancel() that came before `child` was set
            }
        }

        @Override
        protected boolean completesAfterUnwinding() {
            return true; // as its child does: a cancelled coroutine completes once it has unwound
        }

        @Override
        protected void onCancel() {
            AbstractTask<T> c = child;
            if (c != null) {
                c.cancel(); // its completion completes this task, cancelled
            } else {
                completeValue(null); // not started: nothing to wait for (completes cancelled)
            }
        }
    }

    /** {@link #call}: a call run on a pool thread, interrupted if cancelled while it runs. */
    private static final class BlockingCall<T extends @Nullable Object> extends Away<T> {
        private static final int NEW = 0;
        private static final int RUNNING = 1;
        private static final int INTERRUPTING = 2;
        private static final int FINISHED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(BlockingCall.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Callable<? extends T> call;
        private final @Nullable Pool bounded;
        private final CoroutineContext context;
        @SuppressWarnings("unused") // accessed through STATE
        private volatile int state;
        private volatile @Nullable Thread runner;

        BlockingCall(Callable<? extends T> call, @Nullable Pool bounded, CoroutineContext context) {
            this.call = call;
            this.bounded = bounded;
            this.context = context;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            if (!STATE.compareAndSet(this, NEW, RUNNING)) {
                runner = null;
                release();
                return; // cancelled before it started
            }
            T value = null;
            Throwable failure = null;
            try {
                value = context.isEmpty() ? call.call() : callInContext();
            } catch (Throwable t) {
                failure = t;
            } finally {
                runner = null;
                if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
                    // A cancel is interrupting this thread: let it finish, then clear the flag so
                    // that it does not leak into the pool's next task.
                    while (state == INTERRUPTING) {
                        Thread.onSpinWait();
                    }
                    Thread.interrupted();
                }
                release();
            }
            if (failure != null) {
                completeExceptionally(failure);
            } else {
                completeValue(value);
            }
        }

        /** The call with the caller's coroutine context installed, so CoroutineLocals read the same. */
        private @Nullable T callInContext() throws Exception {
            @Nullable Object[] result = new Object[1];
            Exception[] thrown = new Exception[1];
            CoroutineContext.callIn(context, () -> {
                try {
                    result[0] = call.call();
                } catch (Exception e) {
                    thrown[0] = e;
                }
                return null;
            });
            if (thrown[0] != null) {
                throw thrown[0];
            }
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }

        private void release() {
            if (bounded != null) {
                bounded.callEnded();
            }
        }

        @Override
        protected void onCancel() {
            if (STATE.compareAndSet(this, NEW, FINISHED)) {
                return; // will never run
            }
            if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
                Thread t = runner;
                if (t != null) {
                    t.interrupt();
                }
                state = FINISHED;
            }
        }
    }
}
