package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.internal.LoopCore;
import io.yieldpoint.runtime.internal.LoopGroupCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Several event loops, one thread each, run and shut down together: how a server uses every core.
 *
 * <pre>{@code
 * EventLoopGroup.run(4, () -> {      // loop 0 is this thread; three more threads
 *     try {
 *         return server.serve(TcpListener.bind(address, EventLoopGroup.current()));
 *     } catch (IOException e) {
 *         throw new UncheckedIOException("cannot listen on " + address, e);
 *     }
 * });
 * }</pre>
 *
 * <h2>What each loop has</h2>
 * Each loop of the group is an {@link EventLoop} in every respect: its own thread, run queue,
 * timers, selector and live coroutines. A coroutine runs on the loop it started on, and stays there
 * unless it {@linkplain Dispatch#switchTo switches}; a socket belongs to the loop that made it. The
 * loops share nothing but the group: a coroutine on one loop that awaits a task completed on another
 * is handed back to its own loop, as it would be from any other thread.
 *
 * <h2>Where work goes</h2>
 * A coroutine started on a loop's thread runs on that loop, as always. Work from outside goes
 * round-robin: {@link #next()} answers the loops in turn, {@link #spawn} starts a coroutine on the
 * next one, and a {@linkplain io.yieldpoint.runtime.net.TcpListener#bind(java.net.SocketAddress,
 * EventLoopGroup) listener bound for the group} hands its connections out the same way. Idle loops
 * do not take coroutines from busy ones: a coroutine's sockets, timers and locals belong to its loop,
 * and moving them would cost every coroutine the thread safety that confinement to one loop saves.
 *
 * <h2>Life cycle</h2>
 * {@link #run} runs the first loop on the calling thread with the main task, the others on threads
 * of their own, and returns the main task's outcome once the whole group has shut down;
 * {@link #start} runs every loop on a thread of its own until {@link #close()}. Either way, shutting
 * down gives the guarantees of {@link EventLoop#run}, for the whole group at once: the live
 * coroutines of every loop are cancelled and every loop keeps turning until all of them have unwound
 * (so a {@code finally} block on one loop may still await a task on another), failures nobody
 * observed are reported, the sockets are closed, and every loop thread has ended before
 * {@code run} returns or {@code close} does. The shutdown timeout bounds the wait, for the group as
 * a whole.
 */
public final class EventLoopGroup implements AutoCloseable {

    private final LoopGroupCore core;
    private final List<EventLoop> loops;
    private final String name;

    private EventLoopGroup(LoopGroupCore core, String name) {
        this.core = core;
        this.name = name;
        List<EventLoop> l = new ArrayList<>(core.size());
        for (int i = 0; i < core.size(); i++) {
            l.add(EventLoop.of(core.loop(i)));
        }
        this.loops = Collections.unmodifiableList(l);
        core.handle(this);
    }

    /** The number of loops {@link #run(Supplier)} and the builder use by default: one per processor. */
    public static int defaultSize() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs a group of {@link #defaultSize()} loops until the task made by {@code main} (on the
     * calling thread, the group's first loop) completes, then shuts the group down and returns the
     * task's value or rethrows its exception (the same instance).
     *
     * @throws IllegalStateException if the calling thread already runs an event loop
     */
    public static <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main) {
        return builder().run(main);
    }

    /** As {@link #run(Supplier)}, with {@code loops} loops. */
    public static <T extends @Nullable Object> T run(int loops, Supplier<? extends Task<T>> main) {
        return builder().loops(loops).run(main);
    }

    /** A group of {@code loops} loops, each on a thread of its own, running until {@link #close()}. */
    public static EventLoopGroup start(int loops) {
        return builder().loops(loops).start();
    }

    /** Settings for {@link Builder#run} and {@link Builder#start}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The group whose loop the calling thread runs, or null. */
    public static @Nullable EventLoopGroup current() {
        LoopCore loop = LoopCore.current();
        LoopGroupCore g = loop == null ? null : loop.group();
        return g == null ? null : (EventLoopGroup) g.handle();
    }

    /**
     * Settings of a group: how many loops, the names of their threads, the clock, the
     * uncaught-exception handler, the shutdown timeout. Not thread-safe.
     */
    public static final class Builder {
        private final LoopSettings settings = new LoopSettings();
        private int loops = defaultSize();
        private String threadName = "yieldpoint-loop";

        private Builder() {}

        /** How many loops; {@link #defaultSize()} by default. */
        public Builder loops(int loops) {
            if (loops < 1) {
                throw new IllegalArgumentException("an event-loop group needs at least one loop, not " + loops);
            }
            this.loops = loops;
            return this;
        }

        /** The prefix of the loop threads' names ({@code prefix-1}, ...); {@code yieldpoint-loop} by default. */
        public Builder threadName(String prefix) {
            this.threadName = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The clock every loop reads its timers against; the system's monotonic clock by default. */
        public Builder clock(Clock clock) {
            settings.clock(clock);
            return this;
        }

        /** Where uncaught failures of every loop go; {@link UncaughtExceptionHandler#LOG} by default. */
        public Builder uncaughtExceptionHandler(UncaughtExceptionHandler handler) {
            settings.uncaughtExceptionHandler(handler);
            return this;
        }

        /**
         * How long, in real time, the group waits at most for cancelled coroutines to unwind when it
         * shuts down; {@link EventLoop#DEFAULT_SHUTDOWN_TIMEOUT} by default.
         */
        public Builder shutdownTimeout(Duration timeout) {
            settings.shutdownTimeout(timeout);
            return this;
        }

        /**
         * How long one step may hold a loop of the group before it is reported stalled;
         * {@code Duration.ZERO} turns detection off. As {@link EventLoop.Builder#stallThreshold}.
         */
        public Builder stallThreshold(Duration threshold) {
            settings.stallThreshold(threshold);
            return this;
        }

        /**
         * Runs the group as {@link EventLoopGroup#run(Supplier)} does, with these settings: the main
         * task on the calling thread (loop 0), the other loops on threads of their own.
         */
        public <T extends @Nullable Object> T run(Supplier<? extends Task<T>> main) {
            Objects.requireNonNull(main, "main");
            LoopCore.refuseNested("EventLoopGroup.run()");
            LoopGroupCore g = LoopGroupCore.startWithCaller(loops, settings.shutdownTimeout(), threadName,
                    settings::newLoop);
            new EventLoopGroup(g, threadName);
            return g.loop(0).runMain(main);
        }

        /** A group with these settings, every loop on a thread of its own, running until {@link #close()}. */
        public EventLoopGroup start() {
            return new EventLoopGroup(LoopGroupCore.startDetached(loops, settings.shutdownTimeout(), threadName,
                    settings::newLoop), threadName);
        }
    }

    // ---------------------------------------------------------------- the loops

    /** How many loops. */
    public int size() {
        return loops.size();
    }

    /** The loops, the first (the one that runs the main task, or coordinates the shutdown) first. */
    public List<EventLoop> loops() {
        return loops;
    }

    /** The loop the next piece of work goes to: the loops in turn. Any thread. */
    public EventLoop next() {
        return EventLoop.of(core.next());
    }

    /**
     * Starts the coroutine {@code coroutine} makes on the {@linkplain #next() next loop}, where it
     * runs and stays, and completes as it does; cancelling the task cancels the coroutine. A failure
     * goes to whoever awaits or joins the task, so await it (or join it from a plain thread).
     */
    public <T extends @Nullable Object> Task<T> spawn(Supplier<? extends Task<T>> coroutine) {
        return Dispatch.on(next(), coroutine);
    }

    /** Whether the group has begun shutting down (its main task completed, or {@link #close()}). */
    public boolean isShuttingDown() {
        return core.isShuttingDown();
    }

    /**
     * Shuts a {@linkplain #start started} group down as {@link #run} does when its main task
     * completes, and waits until every loop thread has ended. Idempotent.
     *
     * @throws IllegalStateException if called on one of the group's own loops, or on a group made
     *     by {@code run} (it ends when its main task completes: cancel that task instead)
     */
    @Override
    public void close() {
        core.close();
    }

    /** The group's name: the prefix of its threads' names. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "EventLoopGroup[" + name + ", " + loops.size() + " loops]";
    }
}
