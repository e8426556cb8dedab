package io.yieldpoint.it.flow;

import io.yieldpoint.internal.StreamOps;
import io.yieldpoint.runtime.internal.SubscriberCursor;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK's subscriber rules for the subscriber behind {@code Streams.fromPublisher}
 * ({@link SubscriberCursor}), read by a consumer that takes every value as it arrives
 * ({@code StreamOps.forEach}), as a coroutine's for-each loop would.
 */
public class SubscriberCursorTckTest extends FlowSubscriberBlackboxVerification<Integer> {

    public SubscriberCursorTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS));
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        SubscriberCursor<Integer> cursor = new SubscriberCursor<>(8);
        StreamOps.forEach(() -> cursor, value -> {});
        return cursor;
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
