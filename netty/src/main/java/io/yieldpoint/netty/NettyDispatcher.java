package io.yieldpoint.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.internal.CurrentDispatcher;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * A Netty event loop (any single-threaded {@link EventExecutor}) as a Yieldpoint {@link Dispatcher}:
 * coroutines started on the loop's thread, in a channel handler say, resume on that thread, and
 * their timers ({@code sleep}, {@code withTimeout}, a select's timeout) are the loop's own
 * ({@link EventExecutor#schedule}).
 *
 * <h2>Design</h2>
 * A coroutine learns where it runs from {@code CurrentDispatcher}, the runtime's per-thread answer
 * (a thread-local set by whoever owns the thread), when it is made; after each suspension it hands
 * itself to that dispatcher's {@link #execute}. So the bridge needs two things only:
 * <ul>
 *   <li><b>one dispatcher per loop</b>, kept in a map until the loop terminates, so that every
 *       coroutine on a loop names the same dispatcher (the machine compares dispatchers by
 *       identity);</li>
 *   <li><b>the loop's thread bound to it</b>: {@link #of} binds the thread at once when called on
 *       it, else queues the binding as the loop's next task, ahead of anything later submitted
 *       through this dispatcher. The binding is for the thread's life, which is the loop's (a Netty
 *       loop keeps its thread; see "Limits").</li>
 * </ul>
 * {@link #execute} is {@code loop.execute}: a coroutine that suspended on the loop and is woken on
 * it is queued behind the loop's other tasks, on the same thread, with no hop; one woken from
 * another thread crosses through the loop's task queue, as any Netty task does.
 *
 * <p>This dispatcher is not one of the runtime's own event loops: its coroutines are not confined
 * to the loop (they complete with compare-and-set, as on a pool), they are not in an
 * {@code EventLoop}'s live list or dumps, and nothing cancels them when the loop shuts down. Close
 * channels first (the {@link CoroutineHandler} cancels its coroutine when its channel closes and
 * waits for it to unwind), then shut the group down.
 *
 * <h2>Limits</h2>
 * A loop whose thread may change (Netty 4.2's auto-scaling groups, which suspend idle loops and
 * resume them on another thread) is bound again by {@link #of} and by {@link CoroutineHandler} on
 * every message, but a coroutine made by other code on the new thread before that would not see
 * this dispatcher. Blocking is refused on the loop's thread ({@link #refusesBlocking()}): the
 * blocking reading of {@code await} and {@code Task.join()} throw there instead of stalling the loop.
 */
public final class NettyDispatcher implements Dispatcher {

    private static final ConcurrentMap<EventExecutor, NettyDispatcher> BY_LOOP = new ConcurrentHashMap<>();

    private final EventExecutor loop;
    private final String name;

    private NettyDispatcher(EventExecutor loop) {
        this.loop = loop;
        this.name = "netty[" + loop + "]";
    }

    /**
     * The dispatcher of {@code loop}, made on first use (one per loop, until it terminates). Binds
     * the loop's thread to it: at once if called on that thread, else as the loop's next task.
     * From then on, on the loop's thread, coroutines start on this dispatcher and resume there.
     *
     * @param loop a single-threaded executor: a channel's {@code eventLoop()}, a handler's
     *     {@code ctx.executor()}
     * @throws java.util.concurrent.RejectedExecutionException if called off the loop's thread once
     *     the loop has shut down (the binding cannot be queued)
     */
    @SuppressWarnings("FutureReturnValueIgnored") // addListener returns its own future, for chaining
    public static NettyDispatcher of(EventExecutor loop) {
        Objects.requireNonNull(loop, "loop");
        NettyDispatcher d = BY_LOOP.get(loop);
        if (d == null) {
            NettyDispatcher made = new NettyDispatcher(loop);
            d = BY_LOOP.putIfAbsent(loop, made);
            if (d == null) { // this call made it: it alone arranges the forgetting and the binding
                d = made;
                // Forget it with its loop (the listener runs at once if the loop has already terminated).
                loop.terminationFuture().addListener(f -> BY_LOOP.remove(loop, made));
                if (!loop.inEventLoop()) {
                    loop.execute(made::bindCurrentThread);
                }
            }
        }
        if (loop.inEventLoop()) {
            d.bindCurrentThread();
        }
        return d;
    }

    /**
     * Binds every loop of {@code group} (a Netty {@code EventLoopGroup}, say) to its dispatcher, so
     * that coroutines called from any code on those threads run there: call it once after making the
     * group. {@link CoroutineHandler} needs no such call; it binds the loop it runs on.
     */
    public static void bindAll(EventExecutorGroup group) {
        for (EventExecutor loop : group) {
            of(loop);
        }
    }

    /**
     * Makes this the calling thread's dispatcher if it is not already. Loop thread only; a cheap
     * thread-local read when already bound.
     */
    void bindCurrentThread() {
        if (CurrentDispatcher.ofCurrentThread() != this && loop.inEventLoop()) {
            CurrentDispatcher.enter(this); // for the thread's life: never restored
        }
    }

    /** The Netty loop behind this dispatcher. */
    public EventExecutor eventLoop() {
        return loop;
    }

    /** Whether the calling thread is the loop's. */
    public boolean inEventLoop() {
        return loop.inEventLoop();
    }

    /**
     * Runs {@code task} on the loop: {@code eventLoop().execute(task)}, queued behind the loop's
     * other tasks even when called on the loop's thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the loop has shut down
     */
    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** A timer of the loop: {@code eventLoop().schedule(task, delayNanos, NANOSECONDS)}. */
    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        ScheduledFuture<?> timer = loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> timer.cancel(false);
    }

    /** True: blocking a Netty loop stalls every channel on it. */
    @Override
    public boolean refusesBlocking() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
