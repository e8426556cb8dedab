package io.yieldpoint.runtime.internal;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Continuation;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An async stream as a {@link Flow.Publisher}: each subscription opens the stream afresh (it is
 * cold: opening runs nothing) and pulls one value per unit of demand, so the producer runs only
 * as far as the subscriber has asked. A stream that cannot even be opened fails the subscription
 * at once, after {@code onSubscribe}.
 *
 * <p>The subscription is a drain loop guarded by a work counter (the usual Reactive Streams
 * serialization): {@code request}, {@code cancel} and the completion of a pending
 * {@code next()}, from whatever thread, each bump the counter, and only the thread that bumped it
 * from zero runs the loop, until no more work was added. So the subscriber's signals never
 * overlap (rule 1.3), a {@code request} from inside {@code onNext} does not recurse (rule 3.3),
 * and the cursor is driven by one thread at a time, as it requires. {@code cancel()} closes the
 * cursor: the producer's finally blocks run.
 *
 * @param <T> the type of the values
 */
public final class StreamPublisher<T> implements Flow.Publisher<T> {

    private final AsyncStream<? extends T> stream;

    public StreamPublisher(AsyncStream<? extends T> stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        AsyncStream.Cursor<? extends T> cursor;
        try {
            cursor = stream.open(); // runs nothing yet: the stream is cold
        } catch (Throwable t) {
            subscriber.onSubscribe(new Refused());
            subscriber.onError(t); // rule 1.9: after onSubscribe
            return;
        }
        subscriber.onSubscribe(new Subscription<>(cursor, subscriber));
    }

    /** The subscription of a subscriber refused at once. */
    private static final class Refused implements Flow.Subscription {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }

    /** One subscription: the drain loop over one run of the stream. */
    private static final class Subscription<T> implements Flow.Subscription, Continuation {
        private final Flow.Subscriber<? super T> subscriber;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile @Nullable Throwable badRequest;

        // The drain loop's own, one thread at a time (the work counter orders them); the cursor is
        // null once closed.
        private AsyncStream.@Nullable Cursor<? extends T> cursor;
        private @Nullable AbstractTask<Boolean> pending;
        private boolean finished;

        Subscription(AsyncStream.Cursor<? extends T> cursor, Flow.Subscriber<? super T> subscriber) {
            this.cursor = cursor;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request(" + n + "): rule 3.9 wants a positive demand");
            } else {
                requested.getAndAccumulate(n, (have, more) -> have + more < 0 ? Long.MAX_VALUE : have + more);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            drain();
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            drain(); // the pending next() has its answer
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!finished) {
                    run();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Signals what it can: values while there is demand and the producer has them ready. */
        private void run() {
            for (;;) {
                if (cancelled) {
                    finish(null, false);
                    return;
                }
                Throwable bad = badRequest;
                if (bad != null) {
                    finish(bad, true);
                    return;
                }
                AbstractTask<Boolean> next = pending;
                if (next != null) {
                    if (!next.isDone()) {
                        return; // its completion drains again
                    }
                    pending = null;
                    if (!deliver(next)) {
                        return;
                    }
                    continue;
                }
                if (requested.get() == 0) {
                    return;
                }
                try {
                    next = AbstractTask.of(Objects.requireNonNull(cursor).next());
                } catch (Throwable t) {
                    finish(t, true);
                    return;
                }
                pending = next;
                if (!next.isDone()) {
                    next.whenComplete(this);
                    return;
                }
            }
        }

        /** Hands a completed {@code next()} to the subscriber; false once the stream is over. */
        private boolean deliver(AbstractTask<Boolean> next) {
            Throwable failure = next.exceptionNow();
            if (failure != null) {
                finish(failure, true);
                return false;
            }
            if (!next.resultNow()) {
                finish(null, true);
                return false;
            }
            T value = Objects.requireNonNull(cursor).current();
            if (value == null) {
                finish(new NullPointerException("the stream emitted null, which rule 2.13 forbids"), true);
                return false;
            }
            if (requested.get() != Long.MAX_VALUE) {
                requested.decrementAndGet();
            }
            try {
                subscriber.onNext(value);
            } catch (Throwable t) {
                finish(null, false); // rule 2.13: the subscriber broke; treat as cancelled
                return false;
            }
            return true;
        }

        /** The end: closes the cursor (the producer's finally blocks run), then signals, if asked to. */
        private void finish(@Nullable Throwable failure, boolean signal) {
            finished = true;
            AsyncStream.Cursor<? extends T> c = cursor;
            cursor = null;
            if (c == null) {
                terminate(failure, signal);
                return;
            }
            AbstractTask.of(c.close()).whenComplete(closed -> {
                Throwable cleanup = closed.exceptionNow();
                terminate(failure != null ? failure : cleanup, signal && !cancelled);
            });
        }

        private void terminate(@Nullable Throwable failure, boolean signal) {
            if (!signal) {
                return;
            }
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onComplete();
            }
        }
    }
}
