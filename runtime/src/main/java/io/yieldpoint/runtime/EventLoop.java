package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.core.AbstractTask;
import io.yieldpoint.core.Cancellable;
import io.yieldpoint.core.Dispatcher;
import io.yieldpoint.core.Dispatchers;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
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
 *   <li>a {@link TimerQueue} (loop thread only), read against an injectable {@link Clock}.</li>
 * </ul>
 *
 * <h2>A turn of the loop</h2>
 * <ol>
 *   <li>move the inbox to the run queue;</li>
 *   <li>move the tasks of due timers to the run queue;</li>
 *   <li>run the steps that were in the run queue at the start of this phase (steps queued while
 *       they run wait for the next turn, so timers and other threads are never starved);</li>
 *   <li>if nothing is ready, park until the next deadline or until another thread submits.</li>
 * </ol>
 *
 * <h2>Threads</h2>
 * {@link #execute} and {@link #schedule} may be called from any thread; everything else runs on the
 * loop thread. Another thread that submits unparks the loop only if it is parked: the loop
 * publishes {@code parked} before its last look at the inbox, the submitter publishes its step
 * before reading {@code parked}, so one of them always sees the other and no wake-up is lost.
 *
 * <h2>Blocking</h2>
 * The loop {@linkplain #refusesBlocking() refuses blocking}: {@code join()} or the blocking
 * {@code await} of an unfinished task on its thread throws {@code IllegalStateException} instead
 * of stalling every coroutine on it.
 */
public final class EventLoop implements Dispatcher {

    private final Thread thread;
    private final Clock clock;
    private final ArrayDeque<Runnable> runQueue = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final TimerQueue timers = new TimerQueue();
    private volatile boolean parked;

    private EventLoop(Thread thread, Clock clock) {
        this.thread = thread;
        this.clock = clock;
    }

    /**
     * Runs an event loop on the calling thread until the task made by {@code main} completes,
     * then returns its value or rethrows its exception (the same instance). Like Python's
     * {@code asyncio.run}.
     *
     * @throws IllegalStateException if the calling thread is already running an event loop
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        return run(Clock.SYSTEM, main);
    }

    /** As {@link #run(Supplier)}, with timers read against {@code clock}. */
    public static <T> T run(Clock clock, Supplier<? extends Task<T>> main) {
        Objects.requireNonNull(main, "main");
        if (Dispatchers.ofCurrentThread() instanceof EventLoop) {
            throw new IllegalStateException("EventLoop.run() called on thread '"
                    + Thread.currentThread().getName() + "', which already runs an event loop;"
                    + " await the task instead");
        }
        EventLoop loop = new EventLoop(Thread.currentThread(), clock);
        Dispatcher previous = Dispatchers.enter(loop);
        try {
            Task<T> task = Objects.requireNonNull(main.get(), "main returned null instead of a task");
            AbstractTask<T> root = AbstractTask.of(task);
            // The root may complete on another thread (a future, the default pool): nothing would
            // be queued on the loop then, so wake it if it is parked, or it would park forever.
            root.whenComplete(done -> loop.wakeUp());
            loop.runUntil(root);
            return root.resultNow();
        } finally {
            loop.timers.clear();
            loop.runQueue.clear();
            loop.inbox.clear();
            Dispatchers.restore(previous);
        }
    }

    /** The event loop the calling thread runs, or null. */
    public static EventLoop current() {
        return Dispatchers.ofCurrentThread() instanceof EventLoop loop ? loop : null;
    }

    private void runUntil(AbstractTask<?> root) {
        while (!root.isDone()) {
            drainInbox();
            timers.fireDue(clock.nanoTime(), runQueue::add);
            int ready = runQueue.size();
            if (ready == 0) {
                waitForWork(root);
                continue;
            }
            for (int i = 0; i < ready; i++) {
                runQueue.poll().run();
            }
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            runQueue.add(r);
        }
    }

    private void waitForWork(AbstractTask<?> root) {
        long wait = timers.nanosToNext(clock.nanoTime());
        if (wait == 0) {
            return;
        }
        parked = true;
        try {
            if (!inbox.isEmpty() || root.isDone()) {
                return;
            }
            if (wait < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, wait);
            }
        } finally {
            parked = false;
        }
    }

    /** Unparks the loop thread if it is parked; called from other threads. */
    private void wakeUp() {
        if (!inEventLoop() && parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the calling thread is this loop's. */
    public boolean inEventLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (inEventLoop()) {
            runQueue.add(task);
        } else {
            inbox.add(task);
            if (parked) {
                LockSupport.unpark(thread);
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
