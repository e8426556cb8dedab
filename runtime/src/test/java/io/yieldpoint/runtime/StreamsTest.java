package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.internal.SubscriberCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Flow bridges and buffer of {@link Streams}, without generated code. */
class StreamsTest {

    /** A publisher driven by hand: it records requests and cancels, and sends what the test says. */
    static final class ManualPublisher implements Flow.Publisher<Integer>, Flow.Subscription {
        final List<Long> requests = new ArrayList<>();
        int cancels;
        Flow.Subscriber<? super Integer> subscriber;

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            subscriber = s;
            s.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            requests.add(n);
        }

        @Override
        public void cancel() {
            cancels++;
        }
    }

    @Test
    void aSubscriberCursorRequestsItsDemandThenHalfOfItAsTheConsumerTakesValues() {
        ManualPublisher p = new ManualPublisher();
        AsyncStream.Cursor<Integer> c = Streams.fromPublisher(p, 4).open();
        assertEquals(List.of(4L), p.requests);
        for (int i = 0; i < 4; i++) {
            p.subscriber.onNext(i);
        }
        assertTrue(c.next().join());
        assertEquals(0, c.current());
        assertEquals(List.of(4L), p.requests, "one taken: not yet a batch");
        assertTrue(c.next().join());
        assertEquals(List.of(4L, 2L), p.requests, "two taken: half the demand again");
        Task<Boolean> third = c.next();
        assertTrue(third.join());
        assertTrue(c.next().join());
        Task<Boolean> waiting = c.next();
        assertTrue(!waiting.isDone(), "nothing buffered: the consumer waits");
        p.subscriber.onNext(4);
        assertTrue(waiting.join());
        assertEquals(4, c.current());
        p.subscriber.onComplete();
        assertTrue(!c.next().join());
        c.close().join();
        assertEquals(0, p.cancels, "a completed subscription is not cancelled");
    }

    @Test
    void aPublisherSendingMoreThanRequestedFailsTheStream() {
        ManualPublisher p = new ManualPublisher();
        AsyncStream.Cursor<Integer> c = Streams.fromPublisher(p, 2).open();
        p.subscriber.onNext(1);
        p.subscriber.onNext(2);
        p.subscriber.onNext(3);
        assertEquals(1, p.cancels);
        assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class, () -> c.next().join()));
    }

    @Test
    void closingTheStreamCancelsTheSubscription() {
        ManualPublisher p = new ManualPublisher();
        AsyncStream.Cursor<Integer> c = Streams.fromPublisher(p, 8).open();
        Task<Boolean> waiting = c.next();
        c.close().join();
        assertEquals(1, p.cancels);
        assertTrue(!waiting.join(), "a pending next() sees the end");
    }

    @Test
    void aSubmissionPublisherReadAsAStream() {
        try (SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>()) {
            AsyncStream<Integer> stream = Streams.fromPublisher(publisher, 3);
            Task<List<Integer>> all = stream.toList();
            for (int i = 0; i < 20; i++) {
                publisher.submit(i); // blocks while the subscriber's demand is used up
            }
            publisher.close();
            assertEquals(20, all.join().size());
        }
    }

    /** A round trip: a stream as a publisher, read back as a stream. */
    @Test
    void toPublisherThenFromPublisherGivesTheValuesBack() {
        AsyncStream<Integer> source = AsyncStream.of(Arrays.asList(1, 2, 3, 4, 5));
        AsyncStream<Integer> back = Streams.fromPublisher(Streams.toPublisher(source), 2);
        assertEquals(List.of(1, 2, 3, 4, 5), back.toList().join());
    }

    @Test
    void aNonPositiveRequestFailsTheSubscription() throws InterruptedException {
        List<Object> signals = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Streams.toPublisher(AsyncStream.of(List.of(1, 2))).subscribe(new Flow.Subscriber<Integer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(0);
            }

            @Override
            public void onNext(Integer item) {
                signals.add(item);
            }

            @Override
            public void onError(Throwable t) {
                signals.add(t.getClass().getSimpleName());
                done.countDown();
            }

            @Override
            public void onComplete() {
                signals.add("complete");
                done.countDown();
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("IllegalArgumentException"), signals);
    }

    @Test
    void aNullValueFailsTheSubscriptionWithANullPointerException() {
        AsyncStream<Integer> withNull = AsyncStream.of(Arrays.asList(1, null, 3));
        AsyncStream<Integer> back = Streams.fromPublisher(Streams.toPublisher(withNull), 4);
        assertInstanceOf(NullPointerException.class, assertThrows(RuntimeException.class, () -> back.toList().join()));
    }

    @Test
    void aBufferKeepsOrderAndNulls() {
        AsyncStream<Integer> source = AsyncStream.of(Arrays.asList(1, null, 3, 4));
        assertEquals(Arrays.asList(1, null, 3, 4), Streams.buffer(source, 2).toList().join());
        assertEquals(List.of(), Streams.buffer(AsyncStream.<Integer>of(List.of()), 1).toList().join());
    }

    @Test
    void mapRunsItsMapperOncePerValueHoweverOftenTheValueIsRead() {
        List<Integer> mapped = new ArrayList<>();
        AsyncStream.Cursor<Integer> c = AsyncStream.of(List.of(1, 2)).map(v -> {
            mapped.add(v);
            return v * 10;
        }).open();
        assertTrue(c.next().join());
        assertEquals(10, c.current());
        assertEquals(10, c.current());
        assertTrue(c.next().join());
        assertEquals(20, c.current());
        assertEquals(List.of(1, 2), mapped, "one call per value");
    }

    /**
     * The consumer closes a buffered stream while the pump waits in the source's {@code next()}:
     * the source is closed once, after that call has returned, never during it, and the pump
     * pulls no more.
     */
    @Test
    void closingABufferedStreamNeverClosesTheSourceDuringAPull() {
        List<String> calls = new ArrayList<>();
        io.yieldpoint.internal.Promise<Boolean> pending = new io.yieldpoint.internal.Promise<>();
        AsyncStream<Integer> source = () -> new AsyncStream.Cursor<>() {
            @Override
            public Task<Boolean> next() {
                calls.add("next");
                return pending;
            }

            @Override
            public Integer current() {
                calls.add("current");
                return 7;
            }

            @Override
            public Task<Void> close() {
                calls.add("close");
                return Task.completed(null);
            }
        };
        AsyncStream.Cursor<Integer> c = Streams.buffer(source, 2).open();
        Task<Boolean> first = c.next();
        assertEquals(List.of("next"), calls, "the pump waits in the source's next()");
        Task<Void> closed = c.close();
        assertTrue(closed.isDone(), "no call under way: the source closes at once");
        assertEquals(List.of("next", "close"), calls);
        pending.complete(true);
        assertEquals(List.of("next", "close"), calls, "a value that arrives after the close is not read");
        assertTrue(first.isDone());
        assertEquals(closed, c.close(), "close is idempotent");
    }
}
