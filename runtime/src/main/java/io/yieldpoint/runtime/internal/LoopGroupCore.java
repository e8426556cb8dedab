package io.yieldpoint.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The engine of an event-loop group: N {@link LoopCore}s, each on a thread of its own with its own
 * run queue, timers and I/O handler, started together and shut down together. The user's handle is
 * {@code io.yieldpoint.runtime.EventLoopGroup}.
 *
 * <h2>Who owns what</h2>
 * Nothing is shared between the loops but this object: each loop owns its queues, timers, sockets
 * and live coroutines exactly as a lone loop does, and a coroutine stays on the loop it started on
 * unless it switches. Work crosses loops only as messages: a coroutine on loop A that awaits a task
 * completed on loop B is handed back to A through A's inbox. The group adds two things: where a
 * coroutine started from outside goes ({@link #next()}, round-robin), and one shutdown for all.
 *
 * <h2>Loop 0 and the others</h2>
 * Loop 0 runs the group's main task ({@code run}: on the calling thread) or waits for the
 * group to be closed ({@code start}: on a thread of its own); it coordinates the shutdown. Loops 1
 * to N-1 are <em>members</em>: each runs turns until the shutdown begins, then follows it.
 *
 * <h2>Shutdown</h2>
 * Shutting a lone loop down means cancelling its live coroutines and turning until every one has
 * unwound. A group cannot let each loop do that alone: a coroutine on A unwinding through a
 * {@code finally} may await something on B, so B must keep turning while A has anything live, and
 * the other way round. So every loop keeps cancelling and turning until the group is <em>quiet</em>,
 * and only then do they all close:
 * <ol>
 *   <li>loop 0 sets {@code stopping} and wakes every member; each member (and loop 0) cancels its
 *       live coroutines at every turn from then on, and parks when it has nothing to run;</li>
 *   <li>loop 0 looks at the members every {@link #QUIET_POLL_NANOS} while it is quiet itself
 *       (nothing live, nothing queued): the group is quiet when two looks in a row find every
 *       member parked, with an empty inbox, nothing live and the same count of steps run. A message
 *       in flight between loops cannot slip between the looks: whoever sent it was running, or
 *       had just run a step, at the first look (so it was not quiet, or its step count moved by the
 *       second), and the receiver holds it in its inbox, or has run it, by the second;</li>
 *   <li>loop 0 sets {@code closing} and wakes every member; each closes as a lone loop does
 *       (reports the failures nobody saw, closes its sockets, drops what is left) and its thread
 *       ends; loop 0 waits for their threads.</li>
 * </ol>
 * The shutdown timeout bounds it all: past it, loop 0 closes the group anyway, and every loop
 * reports the coroutines still live on it to the uncaught-exception handler.
 */
public final class LoopGroupCore {

    /** How often loop 0 looks at the members while the group shuts down. */
    static final long QUIET_POLL_NANOS = Duration.ofMillis(1).toNanos();

    private final LoopCore[] loops;
    private final List<Thread> memberThreads = new ArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final long shutdownTimeoutNanos;

    /** Loop 0 should leave its turns and shut the group down ({@code close()} of a started group). */
    private volatile boolean stopRequested;
    /** The shutdown has begun: every loop cancels what is live at each turn. */
    private volatile boolean stopping;
    /** The group is quiet (or the timeout has passed): every loop closes. */
    private volatile boolean closing;

    private volatile @Nullable Thread coordinatorThread;
    /** The members' step counts at loop 0's last look, and whether the group looked quiet then. */
    private final long[] stepsAtLastLook;
    private boolean quietAtLastLook;
    /** Made by {@link #startDetached}: loop 0 runs on a thread of its own until {@link #close()}. */
    private final boolean detached;
    private @Nullable Object handle;

    private LoopGroupCore(int size, Duration shutdownTimeout, boolean detached) {
        this.detached = detached;
        if (size < 1) {
            throw new IllegalArgumentException("an event-loop group needs at least one loop, not " + size);
        }
        this.loops = new LoopCore[size];
        this.stepsAtLastLook = new long[size];
        this.shutdownTimeoutNanos = shutdownTimeout.toNanos();
    }

    /**
     * Makes loop 0 on the calling thread and loops 1 to {@code size - 1} on new threads named
     * {@code threadName + "-" + i}, each made by {@code newLoop} on its own thread; returns when
     * every member runs. The caller then runs loop 0 ({@link #loop(int)}{@code .runMain}), whose
     * shutdown shuts the group down.
     */
    public static LoopGroupCore startWithCaller(int size, Duration shutdownTimeout, String threadName,
            Supplier<LoopCore> newLoop) {
        LoopGroupCore g = new LoopGroupCore(size, shutdownTimeout, false);
        g.join(0, newLoop.get());
        g.coordinatorThread = Thread.currentThread();
        g.startMembers(threadName, newLoop);
        return g;
    }

    /**
     * Makes every loop on a new thread ({@code threadName + "-" + i}); loop 0 runs until
     * {@link #close()} and then shuts the group down. Returns when every loop runs.
     */
    public static LoopGroupCore startDetached(int size, Duration shutdownTimeout, String threadName,
            Supplier<LoopCore> newLoop) {
        LoopGroupCore g = new LoopGroupCore(size, shutdownTimeout, true);
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            LoopCore core;
            try {
                core = newLoop.get();
                g.join(0, core);
            } finally {
                ready.countDown();
            }
            try {
                core.enter(() -> {
                    core.runUntil(() -> g.stopRequested);
                    g.shutDown(core);
                    return null;
                });
            } finally {
                g.releaseMembers(); // loop 0 died of an error before the shutdown: do not leave the others running
            }
        }, threadName + "-0");
        g.coordinatorThread = t;
        t.start();
        awaitUninterruptibly(ready);
        if (g.loops[0] == null) {
            throw new IllegalStateException("the first loop of the group could not be made");
        }
        g.startMembers(threadName, newLoop);
        return g;
    }

    private void join(int index, LoopCore core) {
        core.group(this);
        loops[index] = core;
    }

    private void startMembers(String threadName, Supplier<LoopCore> newLoop) {
        CountDownLatch ready = new CountDownLatch(loops.length - 1);
        for (int i = 1; i < loops.length; i++) {
            int index = i;
            Thread t = new Thread(() -> runMember(index, newLoop, ready), threadName + "-" + i);
            memberThreads.add(t);
            t.start();
        }
        awaitUninterruptibly(ready);
        for (LoopCore l : loops) {
            if (l == null) {
                // Let the members that did start leave at once: nothing ran on them yet.
                stopRequested = true;
                stopping = true;
                closing = true;
                for (LoopCore m : loops) {
                    if (m != null) {
                        m.wakeUp();
                    }
                }
                throw new IllegalStateException("a loop of the group could not be made; see its thread's failure");
            }
        }
    }

    private void runMember(int index, Supplier<LoopCore> newLoop, CountDownLatch ready) {
        LoopCore core;
        try {
            core = newLoop.get();
            join(index, core);
        } finally {
            ready.countDown();
        }
        core.enter(() -> {
            core.runUntil(() -> stopping);
            core.beginGroupShutdown();
            while (!closing) {
                if (core.shutdownTurn() == 0 && !closing) {
                    core.idleAtMost(-1, () -> closing);
                }
            }
            core.finishGroupShutdown();
            return null;
        });
    }

    /** The user's handle on this group. */
    public Object handle() {
        return Objects.requireNonNull(handle, "handle");
    }

    /** Sets the user's handle. Once, before the group is used. */
    public void handle(Object h) {
        this.handle = Objects.requireNonNull(h, "handle");
    }

    /** How many loops. */
    public int size() {
        return loops.length;
    }

    /** Loop {@code i}. */
    public LoopCore loop(int i) {
        return loops[i];
    }

    /** The loop the next coroutine or connection goes to: round-robin. Any thread. */
    public LoopCore next() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    /** Whether the group has begun shutting down. */
    public boolean isShuttingDown() {
        return stopping || stopRequested;
    }

    // ---------------------------------------------------------------- shutdown

    /** Shuts the whole group down from loop 0, its coordinator; see the class comment. */
    void shutDown(LoopCore coordinator) {
        if (coordinator != loops[0]) {
            throw new IllegalStateException("only the group's first loop shuts the group down");
        }
        long deadline = System.nanoTime() + shutdownTimeoutNanos;
        stopping = true;
        wakeMembers();
        coordinator.beginGroupShutdown();
        try {
            for (;;) {
                int ran = coordinator.shutdownTurn();
                if (quietTwice(coordinator)) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break; // every loop reports what is still live on it when it closes
                }
                if (ran == 0) {
                    coordinator.idleAtMost(Math.min(left, QUIET_POLL_NANOS), () -> false);
                }
            }
        } finally {
            closing = true;
            wakeMembers();
            coordinator.finishGroupShutdown();
            for (Thread t : memberThreads) {
                joinUninterruptibly(t);
            }
        }
    }

    /** Lets the members close at once, if the coordinator's shutdown did not (it failed or never ran). */
    private void releaseMembers() {
        if (!closing) {
            stopping = true;
            closing = true;
            wakeMembers();
        }
    }

    private void wakeMembers() {
        for (int i = 1; i < loops.length; i++) {
            loops[i].wakeUp();
        }
    }

    /**
     * Whether two looks in a row, this one and the last, found the group quiet; see the class
     * comment. Loop 0's thread only (it alone touches the two fields below).
     */
    private boolean quietTwice(LoopCore coordinator) {
        boolean quiet = coordinator.isQuiet();
        for (int i = 1; i < loops.length; i++) {
            LoopCore member = loops[i];
            long steps = member.stepCount();
            quiet &= member.looksQuiet() && steps == stepsAtLastLook[i];
            stepsAtLastLook[i] = steps;
        }
        boolean twice = quiet && quietAtLastLook;
        quietAtLastLook = quiet;
        return twice;
    }

    /**
     * Asks a started group to shut down and waits until every loop thread has ended.
     *
     * @throws IllegalStateException if called on one of the group's loops (it would wait for itself),
     *     or on a group that runs a main task
     */
    public void close() {
        if (!detached) {
            throw new IllegalStateException("a group made by run() shuts down when its main task completes:"
                    + " complete or cancel the main task instead of closing the group");
        }
        LoopCore here = LoopCore.current();
        if (here != null && here.group() == this) {
            throw new IllegalStateException("close() called on " + here.name() + ", a loop of the group it"
                    + " would wait for; call it from another thread, or let the main task complete");
        }
        stopRequested = true;
        LoopCore first = loops[0];
        first.wakeUp();
        Thread coordinator = coordinatorThread;
        if (coordinator != null && coordinator != Thread.currentThread()) {
            joinUninterruptibly(coordinator);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
