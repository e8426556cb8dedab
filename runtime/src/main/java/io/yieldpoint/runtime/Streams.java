package io.yieldpoint.runtime;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.runtime.internal.StreamPublisher;
import io.yieldpoint.runtime.internal.SubscriberCursor;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Operators on {@link AsyncStream}s that need the runtime, and the bridges to
 * {@link java.util.concurrent.Flow} (Reactive Streams), which Reactor, RxJava, Mutiny, the JDK's
 * {@code HttpClient} and R2DBC speak.
 */
public final class Streams {

    private Streams() {}

    /**
     * {@code stream} as a {@link Flow.Publisher}: each subscription runs the stream afresh, and the
     * producer runs only as far as the subscriber's demand ({@code request(n)}) allows: one value
     * per unit of demand. {@code cancel()} closes the stream: the producer's {@code finally} blocks
     * run. A null value fails the subscription with a {@code NullPointerException} (Reactive
     * Streams carries no nulls). Verified with the Reactive Streams TCK.
     */
    public static <T> Flow.Publisher<T> toPublisher(AsyncStream<? extends T> stream) {
        return new StreamPublisher<>(stream);
    }

    /**
     * {@code publisher} as an async stream with bounded demand: each {@code open()} subscribes,
     * requests {@code demand} values, and requests more, half the demand at a time, as the consumer
     * takes them, so no more than {@code demand} values are ever buffered or in flight. Closing the
     * stream cancels the subscription.
     *
     * @param demand how many values may be requested ahead of the consumer, at least 1
     */
    public static <T> AsyncStream<T> fromPublisher(Flow.Publisher<? extends T> publisher, int demand) {
        Objects.requireNonNull(publisher, "publisher");
        if (demand < 1) {
            throw new IllegalArgumentException("demand " + demand + ": at least 1");
        }
        return () -> {
            SubscriberCursor<T> cursor = new SubscriberCursor<>(demand);
            publisher.subscribe(cursor);
            return cursor;
        };
    }

    /**
     * {@code stream} decoupled from its consumer by a bounded {@link io.yieldpoint.runtime.sync.Channel}
     * of {@code capacity} values: once the consumer asks for the first value, the producer runs
     * ahead, up to {@code capacity} values, while the consumer works on earlier ones; then waits
     * for room. Closing the stream stops the producer as usual (its finally blocks run); values
     * still buffered are dropped.
     */
    public static <T> AsyncStream<T> buffer(AsyncStream<T> stream, int capacity) {
        return new BufferedStream<>(stream, capacity);
    }
}
