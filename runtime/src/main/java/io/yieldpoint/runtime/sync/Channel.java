package io.yieldpoint.runtime.sync;

import io.yieldpoint.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A queue between coroutines (and threads) whose {@code send} and {@code receive} are tasks to
 * await: a sender waits while the channel is full, a receiver while it is empty, and neither
 * blocks a thread.
 *
 * <pre>{@code
 * Channel<String> lines = Channel.bounded(16);
 *
 * @Coroutine default Task<Void> produce(Channel<String> out) {
 *     for (int i = 0; i < 3; i++) {
 *         await(out.send("line " + i));      // waits while 16 lines are buffered
 *     }
 *     out.close();
 *     return done();
 * }
 *
 * @Coroutine default Task<Integer> consume(Channel<String> in) {
 *     int n = 0;
 *     while (true) {
 *         String line = await(in.receiveOrNull());   // null: closed and drained
 *         if (line == null) break;
 *         n++;
 *     }
 *     return done(n);
 * }
 * }</pre>
 *
 * <h2>Kinds</h2>
 * <ul>
 *   <li>{@link #rendezvous()}: no buffer; a send completes when a receiver takes the element;</li>
 *   <li>{@link #bounded(int)}: up to {@code capacity} elements wait in a buffer;</li>
 *   <li>{@link #unbounded()}: a send never waits.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>FIFO and fair</b>: elements are received in the order they were accepted; waiting
 *       receivers are served in the order they came, and so are waiting senders.</li>
 *   <li><b>Exactly once</b>: every accepted element is received exactly once.</li>
 *   <li><b>Closing</b>: {@link #close()} refuses later sends with {@link ChannelClosedException};
 *       elements sent before (buffered, or offered by a sender already waiting) are still
 *       received; then {@link #receive()} fails with {@code ChannelClosedException} and
 *       {@link #receiveOrNull()} gives null.</li>
 *   <li><b>Cancellation</b>: cancelling a waiting {@code send} or {@code receive} removes it from
 *       the channel, and no element is lost: a send cancelled in time has not sent its element; a
 *       receive that an element was already handed to is not cancelled ({@code cancel()} returns
 *       false) and completes with the element. A coroutine cancelled before it could await a
 *       receive that had already taken an element gives the element back to the head of the
 *       channel.</li>
 *   <li>{@code null} elements are refused: null is what {@link #receiveOrNull()} and
 *       {@link #tryReceive()} return for "nothing".</li>
 * </ul>
 *
 * <h2>Threads and cost</h2>
 * Every method is thread-safe. A channel is a buffer ({@code ArrayDeque}) and two FIFO queues of
 * waiters under one {@code ReentrantLock}, held for O(1) work per operation; a waiter is completed
 * after the lock is released, so continuations never run under it. An operation that need not wait
 * allocates only its completed task; one that waits allocates its task and a queue node.
 *
 * @param <T> the type of the elements
 */
public final class Channel<T> {

    private static final AtomicLong IDS = new AtomicLong();
    private static final Task<Void> SENT = Task.completed(null);

    /** The order in which a {@link Select} takes the locks of several channels. */
    final long id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    final WaitQueue senders = new WaitQueue(lock);
    final WaitQueue receivers = new WaitQueue(lock);

    private final int capacity;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private boolean closed;

    private Channel(int capacity) {
        this.capacity = capacity;
    }

    /** A channel without a buffer: each send waits for a receiver to take its element. */
    public static <T> Channel<T> rendezvous() {
        return new Channel<>(0);
    }

    /** A channel that buffers up to {@code capacity} elements; 0 means {@link #rendezvous()}. */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity: " + capacity);
        }
        return new Channel<>(capacity);
    }

    /** A channel whose buffer grows as needed: a send never waits. */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- sending

    /**
     * A task that completes once {@code value} is accepted: handed to a receiver, or buffered. It
     * fails with {@link ChannelClosedException} if the channel is closed. A yield point:
     * {@code await(channel.send(value))}.
     */
    public Task<Void> send(T value) {
        Objects.requireNonNull(value, "value");
        Exchange x = new Exchange();
        lock.lock();
        try {
            if (!putLocked(value, x)) {
                SendTask task = new SendTask(senders, value);
                senders.add(task.waiter);
                return task;
            }
        } finally {
            lock.unlock();
        }
        if (x.closed) {
            return Task.failed(closedForSend());
        }
        x.serveCounterpart(value);
        return SENT;
    }

    /**
     * Sends {@code value} if that needs no waiting: a receiver is waiting or the buffer has room.
     *
     * @return true if the value was accepted; false if the channel is full or closed
     */
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        Exchange x = new Exchange();
        lock.lock();
        try {
            if (!putLocked(value, x)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        x.serveCounterpart(value);
        return !x.closed;
    }

    /**
     * Under the lock: accepts {@code value} now if it can. True if decided: handed to the claimed
     * receiver left in {@code x.counterpart}, buffered, or refused ({@code x.closed}).
     */
    boolean putLocked(Object value, Exchange x) {
        if (closed) {
            x.closed = true;
            return true;
        }
        Waiter receiver = receivers.claimFirst();
        if (receiver != null) {
            x.counterpart = receiver;
            return true;
        }
        if (buffer.size() < capacity) {
            buffer.add(element(value));
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * A task that completes with the next element. It fails with {@link ChannelClosedException}
     * once the channel is closed and every element sent before has been received. A yield point:
     * {@code T v = await(channel.receive())}.
     */
    @SuppressWarnings("NullAway") // a ReceiveTask completes with null only if made orNull: a closed channel fails this one
    public Task<T> receive() {
        return receive(false);
    }

    /**
     * As {@link #receive()}, but completes with null instead of failing once the channel is closed
     * and drained: the way to iterate until the end,
     * {@code while (true) { T v = await(ch.receiveOrNull()); if (v == null) break; ... }}.
     */
    public Task<@Nullable T> receiveOrNull() {
        return receive(true);
    }

    private ReceiveTask receive(boolean orNull) {
        Exchange x = new Exchange();
        lock.lock();
        try {
            if (!takeLocked(x)) {
                ReceiveTask task = new ReceiveTask(orNull);
                task.waiter = new Waiter(task, 0, receivers, null);
                receivers.add(task.waiter);
                return task;
            }
        } finally {
            lock.unlock();
        }
        x.serveCounterpart(null);
        ReceiveTask task = new ReceiveTask(orNull);
        task.claimNow();
        task.serve(null, x.value, x.closed);
        return task;
    }

    /**
     * Takes the next element if there is one, without waiting.
     *
     * @return the element, or null if the channel is empty (or closed and drained)
     */
    public @Nullable T tryReceive() {
        Exchange x = new Exchange();
        lock.lock();
        try {
            if (!takeLocked(x)) {
                return null;
            }
        } finally {
            lock.unlock();
        }
        x.serveCounterpart(null);
        return cast(x.value);
    }

    /**
     * Under the lock: takes an element now if it can. True if decided: the element is in
     * {@code x.value} (a waiting sender whose element moved, claimed, is in {@code x.counterpart}),
     * or the channel is closed and drained ({@code x.closed}).
     */
    boolean takeLocked(Exchange x) {
        T value = buffer.poll();
        if (value != null) {
            if (buffer.size() < capacity) {
                // The buffer may have been full: the first waiting sender's element moves in.
                Waiter sender = senders.claimFirst();
                if (sender != null) {
                    buffer.add(element(Objects.requireNonNull(sender.element))); // a sender offers one
                    x.counterpart = sender;
                }
            }
            x.value = value;
            return true;
        }
        Waiter sender = senders.claimFirst();
        if (sender != null) {
            x.value = sender.element;
            x.counterpart = sender;
            return true;
        }
        if (closed) {
            x.closed = true;
            return true;
        }
        return false;
    }

    /** {@link #giveBack} of an element known to come from this channel. */
    void giveBackElement(Object value) {
        giveBack(element(value));
    }

    /** Puts back an element taken for a receiver that was cancelled before it could use it. */
    void giveBack(T value) {
        Waiter receiver;
        lock.lock();
        try {
            receiver = receivers.claimFirst();
            if (receiver == null) {
                buffer.addFirst(value);
                return;
            }
        } finally {
            lock.unlock();
        }
        receiver.owner.serve(receiver, value, false);
    }

    // ---------------------------------------------------------------- closing

    /**
     * Closes the channel for sending: later sends fail with {@link ChannelClosedException}; the
     * elements sent before remain to be received, after which receivers learn that the channel is
     * closed. Waiting receivers learn it at once (none waits while elements remain).
     *
     * @return true if this call closed the channel, false if it was closed already
     */
    public boolean close() {
        List<Waiter> toTell = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            for (Waiter w = receivers.claimFirst(); w != null; w = receivers.claimFirst()) {
                toTell.add(w);
            }
        } finally {
            lock.unlock();
        }
        for (Waiter w : toTell) {
            w.owner.serve(w, null, true);
        }
        return true;
    }

    /** Whether {@link #close()} has been called: sends are refused. */
    public boolean isClosedForSend() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the channel is closed and every element sent before has been received. */
    public boolean isClosedForReceive() {
        lock.lock();
        try {
            return closed && buffer.isEmpty() && senders.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The number of buffered elements (waiting senders not included). */
    public int size() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String kind = capacity == 0 ? "rendezvous" : capacity == Integer.MAX_VALUE ? "unbounded" : "bounded(" + capacity + ")";
            return "Channel[" + kind + ", " + buffer.size() + " buffered, " + senders.size() + " senders waiting, "
                    + receivers.size() + " receivers waiting" + (closed ? ", closed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }

    ChannelClosedException closedForSend() {
        return new ChannelClosedException("send on a closed channel");
    }

    ChannelClosedException closedForReceive() {
        return new ChannelClosedException("receive on a closed channel: every element sent before was received");
    }

    /** An element of this channel, which the queues and exchanges hold as an Object. */
    @SuppressWarnings("unchecked")
    private T element(Object value) {
        return (T) value;
    }

    /** {@link #element}, or null for no element (a closed channel). */
    @SuppressWarnings("unchecked")
    private @Nullable T cast(@Nullable Object value) {
        return (T) value;
    }

    // ---------------------------------------------------------------- tasks

    /**
     * The outcome of an operation decided under the lock, acted on after it: a claimed
     * counterpart to serve, the element taken, or "closed".
     */
    static final class Exchange {
        @Nullable Waiter counterpart;
        @Nullable Object value;
        boolean closed;

        /** Serves the claimed counterpart, if any, handing it {@code value} (for a receiver). */
        void serveCounterpart(@Nullable Object value) {
            if (counterpart != null) {
                counterpart.owner.serve(counterpart, value, false);
            }
        }
    }

    /** A send waiting for room or for a receiver. */
    private static final class SendTask extends Claimable<Void> {
        final Waiter waiter;

        SendTask(WaitQueue senders, Object element) {
            this.waiter = new Waiter(this, 0, senders, element);
        }

        @Override
        void withdraw() {
            waiter.withdraw();
        }

        @Override
        void serve(@Nullable Waiter w, @Nullable Object value, boolean channelClosed) {
            completeValue(null); // a receiver (or the buffer) took the element
        }
    }

    /** A receive waiting for an element, or one that got it at once. */
    private final class ReceiveTask extends Claimable<@Nullable T> {
        final boolean orNull;
        /** Null for a receive served at once, which nobody can cancel. */
        @Nullable Waiter waiter;

        ReceiveTask(boolean orNull) {
            this.orNull = orNull;
        }

        @Override
        void withdraw() {
            Objects.requireNonNull(waiter).withdraw(); // cancel() wins only over a receive that waits
        }

        @Override
        void serve(@Nullable Waiter w, @Nullable Object value, boolean channelClosed) {
            if (!channelClosed) {
                completeValue(cast(value));
            } else if (orNull) {
                completeValue(null);
            } else {
                completeExceptionally(closedForReceive());
            }
        }

        /** Cancels a waiting receive; an element already handed over goes back to the channel. */
        @Override
        public void abandon() {
            if (cancel()) {
                return;
            }
            whenComplete(done -> {
                T value = done.exceptionNow() == null ? cast(done.resultNow()) : null;
                if (value != null) {
                    giveBack(value);
                }
            });
        }
    }
}
