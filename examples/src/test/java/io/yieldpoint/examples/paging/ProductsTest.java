package io.yieldpoint.examples.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yieldpoint.runtime.Streams;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The paging example on virtual time: how many pages each consumer made the stream fetch. */
class ProductsTest {

    private static final List<String> CATALOG = List.of(
            "red chair", "blue table", "red lamp", "green sofa", "red rug", "blue lamp", "red desk", "oak shelf");

    private final SimulatedCatalog api = new SimulatedCatalog(CATALOG, 3, Duration.ofMillis(100));
    private final Products products = ProductsCoroutines.of(api);

    @Test
    void stoppingEarlyFetchesOnlyThePagesNeeded() {
        try (TestEventLoop loop = new TestEventLoop()) {
            List<String> found = loop.runUntilDone(loop.start(() -> products.firstMatching("red", 2)));
            assertEquals(List.of("red chair", "red lamp"), found);
            assertEquals(Duration.ofMillis(100), loop.currentTime(), "one page was enough");
        }
        assertEquals(1, api.pagesServed());
        assertEquals(List.of("stream closed after 1 pages"), api.logged());
    }

    @Test
    void readingEverythingFetchesEveryPageOnce() {
        try (TestEventLoop loop = new TestEventLoop()) {
            assertEquals(CATALOG, loop.runUntilDone(loop.start(() -> products.allProducts().toList())));
            assertEquals(Duration.ofMillis(300), loop.currentTime());
        }
        assertEquals(3, api.pagesServed());
        assertEquals(List.of("stream closed after 3 pages"), api.logged());
    }

    @Test
    void theBlockingReadingGivesTheSameAnswer() {
        assertEquals(List.of("red chair", "red lamp", "red rug"), api.firstMatching("red", 3).join());
    }

    @Test
    void asAFlowPublisherTheStreamFetchesAsTheSubscriberRequests() {
        List<String> received = new ArrayList<>();
        try (TestEventLoop loop = new TestEventLoop()) {
            Flow.Publisher<String> publisher = Streams.toPublisher(products.allProducts());
            Flow.Subscription[] subscription = new Flow.Subscription[1];
            loop.runUntilDone(loop.start(() -> {
                publisher.subscribe(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription[0] = s;
                        s.request(4); // the first page and one product of the second
                    }

                    @Override
                    public void onNext(String item) {
                        received.add(item);
                        if (received.size() == 4) {
                            s().cancel();
                        }
                    }

                    private Flow.Subscription s() {
                        return subscription[0];
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add("error " + t);
                    }

                    @Override
                    public void onComplete() {
                        received.add("complete");
                    }
                });
                return io.yieldpoint.Task.completed(null);
            }));
            loop.advanceUntilIdle();
        }
        assertEquals(CATALOG.subList(0, 4), received);
        assertEquals(2, api.pagesServed());
        assertEquals(List.of("stream closed after 2 pages"), api.logged());
    }
}
