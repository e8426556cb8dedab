package io.yieldpoint.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.it.FlowConsumersCoroutines;
import io.yieldpoint.it.FlowSources;
import io.yieldpoint.it.FlowSourcesCoroutines;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.Streams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** The Flow bridge through Reactor, both ways. */
class ReactorInteropTest {

    private final FlowSources sources = FlowSourcesCoroutines.create();

    @Test
    void aStreamAsAFluxRunsOnlyAsFarAsReactorAsksAndRunsItsCleanupWhenReactorCancels() throws InterruptedException {
        CountDownLatch cleaned = new CountDownLatch(1);
        List<String> log = Collections.synchronizedList(new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(String entry) {
                boolean added = super.add(entry);
                if (entry.equals("cleanup")) {
                    cleaned.countDown();
                }
                return added;
            }
        });
        List<String> observed = Collections.synchronizedList(new ArrayList<>());
        AsyncStream<Integer> stream = sources.withCleanup(1_000, log);
        Flux<Integer> flux = JdkFlowAdapter.flowPublisherToFlux(Streams.toPublisher(stream));
        List<String> values = flux
                .doOnCancel(() -> observed.add("cancelled"))
                .map(i -> "v" + i)
                .take(3)
                .collectList()
                .block();
        assertEquals(List.of("v0", "v1", "v2"), values);
        assertEquals(List.of("cancelled"), observed);
        // take(3) cancelled the subscription: the producer's finally (it awaits a sleep) runs after.
        assertTrue(cleaned.await(10, TimeUnit.SECONDS), "the producer's cleanup ran");
    }

    @Test
    void aFluxAsAStreamIsReadByACoroutineWithBoundedDemand() {
        List<Long> requests = Collections.synchronizedList(new ArrayList<>());
        AtomicLong cancelled = new AtomicLong();
        Flux<Integer> flux = Flux.range(1, 10_000)
                .doOnRequest(requests::add)
                .doOnCancel(cancelled::incrementAndGet);
        AsyncStream<Integer> stream = Streams.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(flux), 16);
        long sum = EventLoop.run(() -> FlowConsumersCoroutines.create().sumFirst(stream, 10_000));
        assertEquals(10_000L * 10_001 / 2, sum);
        assertEquals(16L, requests.get(0), "the first request is the demand");
        assertTrue(requests.stream().allMatch(n -> n <= 16), "never more than the demand at once: " + requests);
        assertEquals(0, cancelled.get(), "read to its end: nothing to cancel");
    }

    @Test
    void leavingTheLoopEarlyCancelsTheFlux() {
        AtomicLong cancelled = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        Flux<Integer> flux = Flux.range(1, 1_000_000).doOnNext(x -> emitted.incrementAndGet()).doOnCancel(cancelled::incrementAndGet);
        AsyncStream<Integer> stream = Streams.fromPublisher(JdkFlowAdapter.publisherToFlowPublisher(flux), 8);
        long sum = EventLoop.run(() -> FlowConsumersCoroutines.create().sumFirst(stream, 5));
        assertEquals(1 + 2 + 3 + 4 + 5, sum);
        assertEquals(1, cancelled.get());
        assertTrue(emitted.get() <= 5 + 8, "bounded by what was taken plus the demand: " + emitted.get());
    }
}
