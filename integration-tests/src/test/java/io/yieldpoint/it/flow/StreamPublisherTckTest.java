package io.yieldpoint.it.flow;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.it.FlowSourcesCoroutines;
import io.yieldpoint.runtime.Streams;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK's publisher rules for {@code Streams.toPublisher} over a generated async
 * stream (TestNG, run by the JUnit Platform's TestNG engine). The producer starts on the TCK's
 * thread and resumes on the default pool.
 */
public class StreamPublisherTckTest extends FlowPublisherVerification<Long> {

    public StreamPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Streams.toPublisher(FlowSourcesCoroutines.create().range(elements));
    }

    /** A stream that cannot be opened: the subscriber learns it without asking for a value. */
    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Streams.toPublisher((AsyncStream<Long>) () -> {
            throw new IllegalStateException("the stream cannot be opened");
        });
    }
}
