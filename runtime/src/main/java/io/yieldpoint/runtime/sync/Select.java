package io.yieldpoint.runtime.sync;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CurrentDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Waits for the first of several channel operations to happen, or for a timeout, and performs
 * exactly that one: the others do not happen. Like Go's {@code select} and Kotlin's
 * {@code select}.
 *
 * <pre>{@code
 * String event = await(new Select<String>()
 *         .onReceive(orders, order -> "order " + order)
 *         .onReceiveOrNull(cancels, id -> id == null ? "cancels closed" : "cancel " + id)
 *         .onSend(audit, "heartbeat", () -> "sent a heartbeat")
 *         .onTimeout(Duration.ofSeconds(1), () -> "idle")
 *         .start());
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Biased to the first clause</b>: when {@link #start()} is called, the clauses are tried
 *       in the order they were added, and the first that can happen at once wins. If none can,
 *       the select waits on every channel at once, and the first counterpart to come wins.</li>
 *   <li><b>Exactly one</b>: one compare-and-set decides the winner, so a select never both
 *       receives from two channels, nor receives and sends: each losing clause leaves its queue
 *       untouched (no element taken, none sent).</li>
 *   <li><b>Closed channels</b>: {@link #onReceive} of a closed, drained channel makes the select
 *       fail with {@link ChannelClosedException}; {@link #onReceiveOrNull} calls its function with
 *       null instead; {@link #onSend} to a closed channel fails the select.</li>
 *   <li><b>Timeout</b>: {@link #onTimeout} wins if nothing else happened within the delay, on the
 *       clock of the dispatcher that started the select (virtual on a {@code TestEventLoop}); a
 *       zero delay wins at once if no other clause can, like Go's {@code default}.</li>
 *   <li><b>Cancellation</b>: cancelling a waiting select withdraws all its clauses; if a clause
 *       had already won, {@code cancel()} returns false and the select completes with it. A
 *       coroutine cancelled before it could await a select that had received an element gives the
 *       element back to its channel.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * The functions of the clauses run once, on the thread that completes the select: the one that
 * called {@code start()} if a clause could happen at once, else the counterpart's (or the timer's).
 * Keep them short; the coroutine awaiting the select resumes on its own dispatcher. To decide
 * atomically, {@code start()} takes the locks of all the channels involved, in a global order (so
 * two selects never deadlock), for O(clauses) work.
 *
 * @param <R> the type of the result
 */
public final class Select<R extends @Nullable Object> {

    private static final int RECEIVE = 0;
    private static final int RECEIVE_OR_NULL = 1;
    private static final int SEND = 2;
    private static final int TIMEOUT = 3;

    private final List<Clause<R>> clauses = new ArrayList<>();
    private @Nullable Clause<R> timeout;
    private boolean started;

    /** A select with no clause yet. */
    public Select() {}

    /** A clause that receives from {@code channel} and maps the element with {@code then}. */
    public <T> Select<R> onReceive(Channel<T> channel, Function<? super T, ? extends R> then) {
        return add(new Clause<>(RECEIVE, channel, null, cast(then), null, 0));
    }

    /**
     * A clause that receives from {@code channel}, or learns that it is closed and drained: then
     * {@code then} is called with null.
     */
    public <T> Select<R> onReceiveOrNull(Channel<T> channel, Function<? super @Nullable T, ? extends R> then) {
        return add(new Clause<>(RECEIVE_OR_NULL, channel, null, cast(then), null, 0));
    }

    /** A clause that sends {@code value} to {@code channel}, then gives {@code then}'s result. */
    public <T> Select<R> onSend(Channel<T> channel, T value, Supplier<? extends R> then) {
        Objects.requireNonNull(value, "value");
        return add(new Clause<>(SEND, channel, value, null, then, 0));
    }

    /** A clause that wins if no other has within {@code delay}; at most one per select. */
    public Select<R> onTimeout(Duration delay, Supplier<? extends R> then) {
        Objects.requireNonNull(then, "then");
        if (timeout != null) {
            throw new IllegalStateException("a select has at most one timeout");
        }
        timeout = new Clause<>(TIMEOUT, null, null, null, then, Math.max(0, delay.toNanos()));
        return this;
    }

    private Select<R> add(Clause<R> clause) {
        Objects.requireNonNull(clause.channel, "channel");
        if (clause.kind != SEND) {
            Objects.requireNonNull(clause.onValue, "then");
        } else {
            Objects.requireNonNull(clause.onDone, "then");
        }
        if (started) {
            throw new IllegalStateException("the select has started");
        }
        clauses.add(clause);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static <R extends @Nullable Object> Function<@Nullable Object, ? extends R> cast(Function<?, ? extends R> f) {
        return (Function<@Nullable Object, ? extends R>) f;
    }

    /**
     * Starts the select: performs the first clause that can happen now, or waits for one. A
     * yield point: {@code R r = await(select.start())}. A select starts once.
     */
    public Task<R> start() {
        if (started) {
            throw new IllegalStateException("a select starts once");
        }
        started = true;
        if (clauses.isEmpty() && timeout == null) {
            throw new IllegalStateException("a select needs at least one clause");
        }
        SelectTask<R> task = new SelectTask<>(List.copyOf(clauses), timeout);
        List<Channel<?>> channels = clauses.stream().<Channel<?>>map(Clause::requireChannel).distinct()
                .sorted(Comparator.comparingLong(c -> c.id)).toList();
        Channel.Exchange x = new Channel.Exchange();
        int chosen = -1;
        for (Channel<?> c : channels) {
            c.lock.lock();
        }
        try {
            for (int i = 0; i < task.clauses.size() && chosen < 0; i++) {
                Clause<R> c = task.clauses.get(i);
                if (c.kind == SEND ? c.requireChannel().putLocked(c.requireElement(), x) : c.requireChannel().takeLocked(x)) {
                    chosen = i;
                }
            }
            if (chosen >= 0 || (timeout != null && timeout.nanos == 0)) {
                task.claimNow();
            } else {
                task.enqueue();
            }
        } finally {
            for (int i = channels.size() - 1; i >= 0; i--) {
                channels.get(i).lock.unlock();
            }
        }
        if (chosen >= 0) {
            Clause<R> c = task.clauses.get(chosen);
            x.serveCounterpart(c.kind == SEND ? c.value : null);
            task.complete(c, x.value, x.closed);
        } else if (timeout != null && timeout.nanos == 0) {
            task.complete(timeout, null, false);
        } else if (timeout != null) {
            task.armTimer(CurrentDispatcher.current().schedule(timeout.nanos, task::timedOut));
        }
        return task;
    }

    /**
     * One clause: what it does and what it turns into. {@code add} and {@code onTimeout} check that
     * each kind has its parts: a channel for all but the timeout, {@code onValue} for receives,
     * {@code onDone} for a send and the timeout, {@code value} for a send.
     */
    private record Clause<R extends @Nullable Object>(int kind, @Nullable Channel<?> channel, @Nullable Object value,
            @Nullable Function<@Nullable Object, ? extends R> onValue, @Nullable Supplier<? extends R> onDone, long nanos) {

        /** The channel of a send or receive clause. */
        Channel<?> requireChannel() {
            return Objects.requireNonNull(channel, "a timeout has no channel");
        }

        /** The element of a send clause. */
        Object requireElement() {
            return Objects.requireNonNull(value, "only a send has an element");
        }

        R apply(@Nullable Object received, boolean closed) {
            return switch (kind) {
                case RECEIVE -> {
                    if (closed) {
                        throw requireChannel().closedForReceive();
                    }
                    yield Objects.requireNonNull(onValue).apply(received);
                }
                case RECEIVE_OR_NULL -> Objects.requireNonNull(onValue).apply(closed ? null : received);
                case SEND -> {
                    if (closed) {
                        throw requireChannel().closedForSend();
                    }
                    yield Objects.requireNonNull(onDone).get();
                }
                default -> Objects.requireNonNull(onDone).get();
            };
        }
    }

    /** The select's task: one waiter per channel clause, all claimed through this one task. */
    private static final class SelectTask<R extends @Nullable Object> extends Claimable<R> {
        final List<Clause<R>> clauses;
        final @Nullable Clause<R> timeout;
        /** Written under every channel lock before any counterpart can see a waiter; none if served at once. */
        final @Nullable Waiter[] waiters;
        private volatile @Nullable Cancellable timer;
        /** The clause that won and the element it received, for {@link #abandon()}. */
        private volatile @Nullable Clause<R> won;
        private volatile @Nullable Object received;

        SelectTask(List<Clause<R>> clauses, @Nullable Clause<R> timeout) {
            this.clauses = clauses;
            this.timeout = timeout;
            this.waiters = new Waiter[clauses.size()];
        }

        /** Holding every channel lock: queues a waiter per clause. */
        void enqueue() {
            for (int i = 0; i < clauses.size(); i++) {
                Clause<R> c = clauses.get(i);
                WaitQueue queue = c.kind == SEND ? c.requireChannel().senders : c.requireChannel().receivers;
                Waiter w = new Waiter(this, i, queue, c.kind == SEND ? c.value : null);
                waiters[i] = w;
                queue.add(w);
            }
        }

        void armTimer(Cancellable t) {
            timer = t;
            if (!isWaiting()) {
                t.cancel(); // won meanwhile: withdrawAll may have missed the timer
            }
        }

        void timedOut() {
            if (tryClaim()) {
                withdrawAll(null);
                complete(Objects.requireNonNull(timeout), null, false); // the timer is armed for a timeout only
            }
        }

        @Override
        void withdraw() {
            withdrawAll(null);
        }

        private void withdrawAll(@Nullable Waiter except) {
            for (Waiter w : waiters) {
                if (w != null && w != except) {
                    w.withdraw();
                }
            }
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }

        @Override
        void serve(@Nullable Waiter w, @Nullable Object value, boolean closed) {
            Waiter served = Objects.requireNonNull(w); // a counterpart serves the waiter it claimed
            withdrawAll(served);
            complete(clauses.get(served.clause), value, closed);
        }

        void complete(Clause<R> c, @Nullable Object value, boolean closed) {
            won = c;
            received = value;
            R result;
            try {
                result = c.apply(value, closed);
            } catch (Throwable t) {
                completeExceptionally(t);
                return;
            }
            completeValue(result);
        }

        /** Cancels a waiting select; an element a receive clause already took goes back. */
        @Override
        public void abandon() {
            if (cancel()) {
                return;
            }
            whenComplete(done -> {
                Clause<R> c = won;
                Object value = received;
                if (c != null && c.kind != SEND && value != null) {
                    c.requireChannel().giveBackElement(value);
                }
            });
        }
    }
}
