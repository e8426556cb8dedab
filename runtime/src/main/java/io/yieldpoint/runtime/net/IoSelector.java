package io.yieldpoint.runtime.net;

import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.runtime.internal.IoHandler;
import io.yieldpoint.runtime.internal.LoopCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The I/O half of an event loop: a {@code java.nio} {@link Selector} that the loop waits on
 * instead of parking, so that one wait covers its run queue, its timers and the readiness of its
 * channels. The loop reaches it only as its {@link IoHandler}, the one seam between the loop and
 * I/O; the first I/O primitive used on a loop makes it ({@link #ofCurrentLoop()}), and a loop that
 * never does I/O never pays for one and parks instead.
 *
 * <h2>How a channel waits</h2>
 * An I/O primitive ({@code TcpStream}, {@code TcpListener}) {@linkplain #register registers} its
 * channel once and gets a {@link Registration}. To wait, it first tries the operation (a
 * non-blocking read that returns 0 bytes, say), and only then adds the interest op and parks a
 * promise; when the selector reports the channel ready, the loop calls its {@link Handler} on the
 * loop thread, which retries the operation and completes the promise. The coroutine awaiting the
 * promise is resumed at the loop's next turn: readiness is just another yield point.
 *
 * <h2>Waiting and waking</h2>
 * <table>
 *   <caption>how the loop waits</caption>
 *   <tr><th>loop state</th><th>what it does</th></tr>
 *   <tr><td>steps ready</td><td>runs them; before, if the selector has keys, a
 *       {@code selectNow()} so that a busy loop still sees its sockets</td></tr>
 *   <tr><td>idle, a timer pending</td><td>{@code select(ms)} for the whole milliseconds up to the
 *       deadline, then {@code selectNow} and {@code parkNanos} for the rest (see {@link #select})</td></tr>
 *   <tr><td>idle, nothing pending</td><td>{@code select()} without a timeout</td></tr>
 * </table>
 * Other threads that submit a step call {@link #wakeup()} only when the loop has published that it
 * is blocked (the {@code parked} flag of the loop, with the same publish-then-check
 * handshake as for parking), so a busy loop costs its submitters no system call. A wake-up that
 * arrives just after the loop stopped waiting makes the next select return at once: one empty
 * turn, never a lost wake-up.
 *
 * <h2>The empty-select spin</h2>
 * Some JDK and kernel combinations (an epoll bug long known on Linux) make {@code select(timeout)}
 * return at once with nothing selected, over and over, so the loop burns a core. This class
 * counts consecutive early returns that selected nothing and that no wake-up explains; after
 * {@value #SPIN_REBUILD_THRESHOLD} in a row it opens a new selector, moves every live
 * registration (channel, interest ops, handler) to it and closes the old one. The
 * {@link Registration} objects primitives hold stay the same.
 *
 * <h2>Threads</h2>
 * Everything but {@link #wakeup()} runs on the loop thread, and asserts it.
 */
public final class IoSelector implements IoHandler {

    private static final long MILLI = 1_000_000;

    /** Consecutive unexplained empty early returns of {@code select} before the selector is rebuilt. */
    static final int SPIN_REBUILD_THRESHOLD = 256;

    /** What a registered channel does when the selector reports it ready. Runs on the loop thread. */
    public interface Handler {
        /** The channel is ready for {@code readyOps} (a set of {@code SelectionKey.OP_*} bits). */
        void ready(int readyOps);

        /** The loop is closing: fail what waits; the channel is closed right after. */
        default void loopClosed() {}
    }

    private final LoopCore loop;
    /** Volatile: {@link #wakeup()} reads it from other threads, {@link #rebuild()} replaces it. */
    private volatile Selector selector;
    /** Operations parked on a promise (see {@link Registration#opStarted()}): work away, for the loop's time. */
    private int pendingOps;
    private int earlyEmptyReturns;
    private int rebuilds;
    /** Set by {@link #wakeup()}; cleared before each blocking select. */
    private volatile boolean wokenUp;
    /** A select is dispatching ready keys: a rebuild asked for meanwhile waits until it returns. */
    private boolean selecting;
    private boolean rebuildAsked;
    private boolean closed;

    /**
     * The selector of the event loop the calling thread runs, made on first use.
     *
     * @throws IllegalStateException if the thread runs no event loop, or the loop is closed
     */
    public static IoSelector ofCurrentLoop() {
        LoopCore loop = LoopCore.current();
        if (loop == null) {
            throw new IllegalStateException("I/O on thread '" + Thread.currentThread().getName()
                    + "', which runs no event loop: sockets belong to an event loop");
        }
        return loop.ioHandler(IoSelector::new);
    }

    /** The selector of the loop the calling thread runs if it has made one, else null. */
    static @Nullable IoSelector ofCurrentLoopIfAny() {
        LoopCore loop = LoopCore.current();
        return loop != null && loop.ioHandlerIfAny() instanceof IoSelector s ? s : null;
    }

    static {
        initializeTheJdksChannelClosing();
    }

    /**
     * Closes one channel, so that the JDK initializes what closing needs before any loop can run
     * out of descriptors. The first close of a channel in a process initializes the JDK's native
     * dispatcher ({@code sun.nio.ch.FileDispatcherImpl} on JDK 17, {@code UnixDispatcher} on later
     * JDKs), which opens a socket pair of its own; done while the process has no descriptor to
     * spare (a server holding as many connections as {@code ulimit -n} allows, whose first client
     * leaves), that initialization fails for good: every later close in the process throws
     * {@code NoClassDefFoundError}, and the loop that closes dies. Here, when the first loop starts
     * doing I/O, descriptors are all but certainly free.
     */
    private static void initializeTheJdksChannelClosing() {
        try {
            SocketChannel.open().close();
        } catch (IOException | RuntimeException | LinkageError noDescriptorNow) {
            // The process is out of descriptors already: too late to help, and no reason to fail
            // this class (an open that failed leaves the JDK to try again at the next close).
        }
    }

    private IoSelector(LoopCore loop) {
        this.loop = loop;
        this.selector = open();
    }

    private static Selector open() {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
    }

    // ---------------------------------------------------------------- registrations

    /**
     * Registers {@code channel} (which must be non-blocking) with no interest yet; the handler
     * will be called on the loop thread when it is ready for the ops later added with
     * {@link Registration#addInterest}. Loop thread only.
     *
     * @throws ClosedChannelException if the channel is closed
     * @throws IllegalStateException if the loop is closed
     */
    public Registration register(SelectableChannel channel, Handler handler) throws ClosedChannelException {
        assert loop.inEventLoop();
        if (closed) {
            throw new IllegalStateException("the event loop " + loop.name() + " is closed");
        }
        return new Registration(channel, handler);
    }

    /** A channel registered with this selector: its interest ops and its pending operations. */
    public final class Registration {
        private final Handler handler;
        private SelectionKey key;

        /** Registers {@code channel}, with this registration as its key's attachment. */
        private Registration(SelectableChannel channel, Handler handler) throws ClosedChannelException {
            this.handler = handler;
            this.key = channel.register(selector, 0, this);
        }

        /** Adds {@code ops} to the interest set. Loop thread only; no-op once cancelled. */
        public void addInterest(int ops) {
            assert loop.inEventLoop();
            SelectionKey k = key;
            if (k.isValid() && (k.interestOps() & ops) != ops) {
                k.interestOpsOr(ops);
            }
        }

        /** Removes {@code ops} from the interest set. Loop thread only; no-op once cancelled. */
        public void removeInterest(int ops) {
            assert loop.inEventLoop();
            SelectionKey k = key;
            if (k.isValid() && (k.interestOps() & ops) != 0) {
                k.interestOpsAnd(~ops);
            }
        }

        /**
         * An operation now waits on this channel: work away for the loop's time (on virtual time,
         * the clock does not move while one does: the peer is real). Pair with {@link #opEnded()}.
         */
        public void opStarted() {
            assert loop.inEventLoop();
            pendingOps++;
            loop.workLeft();
        }

        /** The operation counted by {@link #opStarted()} is over (completed, failed or cancelled). */
        public void opEnded() {
            assert loop.inEventLoop();
            if (pendingOps > 0) { // after close(), every operation has been counted back already
                pendingOps--;
                loop.workCameBack();
            }
        }

        /** Cancels the key; closing the channel does this too. Loop thread only. */
        public void cancel() {
            assert loop.inEventLoop();
            key.cancel();
        }
    }

    // ---------------------------------------------------------------- waiting (package-private)

    /** Whether some operation waits on a channel. For tests. */
    boolean hasPendingOps() {
        return pendingOps > 0;
    }

    /**
     * Handles what is ready now without blocking, if anything is registered (or a cancelled key
     * waits to be flushed: only a select releases a closed channel's file descriptor).
     */
    @Override
    public void pollNow() {
        assert loop.inEventLoop();
        if (selector.keys().isEmpty()) {
            return;
        }
        selectNowCounted();
    }

    private void afterSelect() {
        selecting = false;
        if (rebuildAsked) {
            rebuildAsked = false;
            rebuild();
        }
    }

    /**
     * Blocks until a channel is ready, {@link #wakeup()} is called, or {@code nanos} pass (forever
     * if negative). {@code select} counts in milliseconds: the wait is rounded down to whole
     * milliseconds, and a remainder under one millisecond is a {@code selectNow} followed by a
     * {@code parkNanos}, so that timers fire within tens of microseconds of their deadline rather
     * than up to a millisecond late (a 10 ms back-end wait measured as 11 ms costs a tenth of the
     * throughput of a server that spends its life waiting). The loop unparks as well as
     * wakes up a loop that waits, to end that short park too.
     */
    @Override
    public void select(long nanos) {
        assert loop.inEventLoop();
        wokenUp = false;
        if (nanos >= 0 && nanos < MILLI) {
            int selected = selectNowCounted();
            if (selected == 0 && !wokenUp) {
                LockSupport.parkNanos(this, nanos);
            }
            return;
        }
        long millis = nanos < 0 ? 0 : nanos / MILLI;
        long start = System.nanoTime();
        int selected;
        selecting = true;
        try {
            selected = selector.select(this::dispatch, millis);
        } catch (IOException e) {
            loop.reportUncaught(this, e);
            return;
        } finally {
            afterSelect();
        }
        noteReturn(selected, millis == 0 ? -1 : millis * MILLI, System.nanoTime() - start);
    }

    private int selectNowCounted() {
        selecting = true;
        try {
            return selector.selectNow(this::dispatch);
        } catch (IOException e) {
            loop.reportUncaught(this, e);
            return 0;
        } finally {
            afterSelect();
        }
    }

    /**
     * Counts unexplained empty early returns of a select that was to wait {@code nanos} (forever if
     * negative); rebuilds the selector when they pile up. Package-private for tests.
     */
    void noteReturn(int selected, long nanos, long elapsed) {
        boolean early = nanos < 0 || elapsed < nanos / 2;
        if (selected > 0 || !early || wokenUp || Thread.currentThread().isInterrupted()) {
            earlyEmptyReturns = 0;
            return;
        }
        if (++earlyEmptyReturns >= SPIN_REBUILD_THRESHOLD) {
            earlyEmptyReturns = 0;
            rebuild();
        }
    }

    private void dispatch(SelectionKey key) {
        Registration r = (Registration) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            r.handler.ready(key.readyOps());
        } catch (RuntimeException | Error e) {
            if (Exceptions.isFatal(e)) {
                throw e;
            }
            loop.reportUncaught(r.handler, e);
        }
    }

    /** Wakes the loop from a blocking select. Any thread. */
    @Override
    public void wakeup() {
        wokenUp = true;
        selector.wakeup();
    }

    /**
     * Moves every live registration to a new selector and closes the old one: the cure for the
     * empty-select spin. Package-private for tests.
     */
    void rebuild() {
        assert loop.inEventLoop();
        if (selecting) {
            rebuildAsked = true; // a handler asked: the selector is still iterating its keys
            return;
        }
        Selector old = selector;
        Selector fresh = open();
        List<SelectionKey> keys = new ArrayList<>(old.keys());
        for (SelectionKey k : keys) {
            Registration r = (Registration) k.attachment();
            if (!k.isValid()) {
                continue;
            }
            int ops = k.interestOps();
            k.cancel();
            try {
                r.key = k.channel().register(fresh, ops, r);
            } catch (ClosedChannelException e) {
                // closed meanwhile: its owner has failed or will fail what waited on it
            }
        }
        selector = fresh;
        rebuilds++;
        close(old);
        if (wokenUp) {
            fresh.wakeup(); // a wake-up aimed at the old selector must not be lost
        }
    }

    /** How many times the selector was rebuilt. */
    int rebuilds() {
        return rebuilds;
    }

    /** Number of keys registered, cancelled ones not yet flushed included. For tests. */
    int keyCount() {
        return selector.keys().size();
    }

    /**
     * The loop is closing: every handler hears of it, every channel still registered is closed
     * (so that a loop never leaks a socket), and the selector is closed.
     */
    @Override
    public void close() {
        assert loop.inEventLoop();
        if (closed) {
            return;
        }
        closed = true;
        for (SelectionKey k : new ArrayList<>(selector.keys())) {
            Registration r = (Registration) k.attachment();
            try {
                r.handler.loopClosed();
            } catch (RuntimeException e) {
                loop.reportUncaught(r.handler, e);
            }
            close(k.channel());
        }
        close(selector);
        for (; pendingOps > 0; pendingOps--) {
            loop.workCameBack();
        }
    }

    private void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            loop.reportUncaught(this, e);
        }
    }
}
