package io.yieldpoint.runtime.internal;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.internal.StreamOps;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Flow.Subscriber} read as an async stream's cursor, with bounded demand: it requests
 * {@code demand} values up front, buffers what arrives before the consumer asks (never more than
 * it requested), and requests more in batches of half the demand as the consumer takes values, so
 * that at most {@code demand} values are ever buffered or in flight. {@link #close()} cancels the
 * subscription.
 *
 * <p>Signals come from the publisher's threads and {@code next()} from the consumer's: the state
 * is guarded by this object's monitor, and promises are completed outside it. Calls on the
 * subscription (request and cancel, from either side) are serialized by a lock of their own, as
 * rule 2.7 asks, and are never made with the monitor held: the lock order is the subscription
 * lock, then the monitor (a publisher may signal from inside {@code request}).
 *
 * @param <T> the type of the values
 */
public final class SubscriberCursor<T> implements Flow.Subscriber<T>, AsyncStream.Cursor<T> {

    private static final Task<Void> CLOSED = Task.completed(null);

    private final int demand;
    private final int batch;
    private final Object subscriptionLock = new Object();

    // Guarded by this:
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private Flow.@Nullable Subscription subscription;
    private @Nullable Promise<Boolean> waiting;
    private boolean completed;
    private @Nullable Throwable error;
    private boolean closed;
    private int taken;

    // The consumer's:
    private @Nullable T current;

    /** A cursor that keeps at most {@code demand} values requested ahead of its consumer. */
    public SubscriberCursor(int demand) {
        if (demand < 1) {
            throw new IllegalArgumentException("demand " + demand + ": at least 1");
        }
        this.demand = demand;
        this.batch = Math.max(1, demand / 2);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        boolean accept;
        synchronized (this) {
            accept = subscription == null && !closed;
            if (accept) {
                subscription = s;
            }
        }
        synchronized (subscriptionLock) {
            if (accept) {
                s.request(demand);
            } else {
                s.cancel(); // rule 2.5: a second subscription, or we were closed already
            }
        }
    }

    @Override
    public void onNext(T value) {
        Objects.requireNonNull(value, "value"); // rule 2.13
        Promise<Boolean> handTo = null;
        boolean more = false;
        boolean overflow = false;
        synchronized (this) {
            if (closed || completed || error != null) {
                return;
            }
            if (waiting != null) {
                handTo = waiting;
                waiting = null;
                current = value;
                more = took();
            } else if (buffer.size() < demand) {
                buffer.add(value);
            } else {
                error = new IllegalStateException("the publisher sent more than the " + demand + " values requested (rule 1.1)");
                buffer.clear();
                overflow = true;
            }
        }
        if (handTo != null) {
            handTo.complete(true);
        }
        if (more) {
            requestBatch();
        }
        if (overflow) {
            cancelSubscription();
        }
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // rule 2.13
        Promise<Boolean> p;
        synchronized (this) {
            if (closed || completed || error != null) {
                return;
            }
            error = failure;
            p = waiting;
            waiting = null;
        }
        if (p != null) {
            p.fail(failure);
        }
    }

    @Override
    public void onComplete() {
        Promise<Boolean> p;
        synchronized (this) {
            if (closed || completed || error != null) {
                return;
            }
            completed = true;
            p = waiting;
            waiting = null;
        }
        if (p != null) {
            p.complete(false);
        }
    }

    @Override
    public Task<Boolean> next() {
        Task<Boolean> answer;
        boolean more = false;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("next() on a closed stream");
            }
            if (waiting != null) {
                throw new IllegalStateException("next() while the previous next() has not completed");
            }
            if (!buffer.isEmpty()) {
                current = buffer.poll();
                more = took();
                answer = StreamOps.completed(true);
            } else if (error != null) {
                answer = Task.failed(error);
            } else if (completed) {
                answer = StreamOps.completed(false);
            } else {
                Promise<Boolean> p = new Promise<>();
                waiting = p;
                answer = p;
            }
        }
        if (more) {
            requestBatch();
        }
        return answer;
    }

    @Override
    @SuppressWarnings("NullAway") // the value the last next() made current
    public T current() {
        return current;
    }

    @Override
    public Task<Void> close() {
        Promise<Boolean> p;
        boolean cancel;
        synchronized (this) {
            if (closed) {
                return CLOSED;
            }
            closed = true;
            buffer.clear();
            p = waiting;
            waiting = null;
            cancel = !completed && error == null;
        }
        if (cancel) {
            cancelSubscription();
        }
        if (p != null) {
            p.complete(false);
        }
        return CLOSED;
    }

    /** Counts a value the consumer took (monitor held); true when a batch should be requested again. */
    private boolean took() {
        if (++taken < batch || completed) {
            return false;
        }
        taken -= batch;
        return true;
    }

    private void requestBatch() {
        Flow.Subscription s;
        synchronized (this) {
            s = closed || completed || error != null ? null : subscription;
        }
        if (s != null) {
            synchronized (subscriptionLock) {
                s.request(batch);
            }
        }
    }

    /** Cancels the subscription, if it has arrived (else {@code onSubscribe} cancels it). */
    private void cancelSubscription() {
        Flow.Subscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s != null) {
            synchronized (subscriptionLock) {
                s.cancel();
            }
        }
    }
}
