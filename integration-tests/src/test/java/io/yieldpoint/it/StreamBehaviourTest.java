package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Coroutines;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * How async streams behave in time, on the virtual clock: laziness, the close on every way out of
 * a for-each loop (cleanup awaits included), cancellation of the consumer, exceptions both ways,
 * take and buffer.
 */
class StreamBehaviourTest {

    private final List<String> log = new ArrayList<>();
    private final StreamBehaviour plain = () -> log;
    private final StreamBehaviour streams = StreamBehaviourCoroutines.of(plain);

    @Test
    void theProducerIsColdAndRunsOnlyAsFarAsTheConsumerPulls() {
        try (TestEventLoop loop = new TestEventLoop()) {
            AsyncStream<Integer> stream = loop.runUntilDone(loop.start(() -> Task.completed(streams.producer(3))));
            assertEquals(List.of(), log, "making the stream runs nothing");
            assertEquals(3, loop.runUntilDone(loop.start(() -> streams.consumeAll(stream))));
        }
        assertEquals(List.of("producer starts", "produce 0", "consume 0", "produce 1", "consume 1", "produce 2", "consume 2",
                "cleanup starts", "cleanup ends", "producer ends", "after loop"), log);
    }

    @Test
    void breakClosesTheStreamAndWaitsForItsCleanupAwaitsIncluded() {
        try (TestEventLoop loop = new TestEventLoop()) {
            assertEquals(0 + 1, loop.runUntilDone(loop.start(() -> streams.breakAt(10, 2))));
            assertEquals(Duration.ofMillis(3 + 10), loop.currentTime(), "three values at 1 ms, then the 10 ms cleanup");
        }
        assertEquals(List.of("producer starts", "produce 0", "produce 1", "produce 2", "break at 2",
                "cleanup starts", "cleanup ends", "after loop"), log);
    }

    @Test
    void aConsumerCancelledInTheLoopBodyClosesTheStreamWhoseCleanupStillAwaits() {
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<Void> consumer = loop.start(() -> streams.slowConsumer(5));
            loop.advanceBy(Duration.ofMillis(50)); // inside the consumer's 100 ms await of value 0
            consumer.cancel();
            loop.runUntilDone(Coroutines.ended(consumer));
            assertTrue(consumer.isCancelled());
        }
        // The producer, suspended at its emit, is closed (not cancelled): its finally's await waits.
        assertEquals(List.of("producer starts", "produce 0", "consume 0", "cleanup starts", "cleanup ends",
                "consumer finally"), log);
    }

    @Test
    void aConsumerCancelledWhileWaitingForAValueCancelsTheProducerAndWaitsForIt() {
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<Void> consumer = loop.start(streams::waitsForSlowProducer);
            loop.advanceBy(Duration.ofMillis(5));
            consumer.cancel();
            loop.runUntilDone(Coroutines.ended(consumer));
            assertThrows(CancellationException.class, consumer::join);
        }
        assertEquals(List.of("slow producer cleanup", "slow producer cleaned", "consumer finally"), log);
    }

    @Test
    void theProducersFailureReachesTheConsumerAsTheSameInstance() {
        RuntimeException failure = new IllegalStateException("producer failed");
        try (TestEventLoop loop = new TestEventLoop()) {
            assertEquals("caught", loop.runUntilDone(loop.start(() -> streams.catchesProducerFailure(2, failure))));
        }
        assertEquals(List.of("consume 0", "consume 1", "caught the same instance"), log);
    }

    @Test
    void theConsumersFailureClosesTheStreamAndCarriesTheCleanupFailureAsSuppressed() {
        RuntimeException failure = new IllegalArgumentException("consumer failed");
        RuntimeException cleanupFailure = new IllegalStateException("cleanup failed");
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<Void> consumer = loop.start(() -> streams.throwsInLoop(failure, cleanupFailure));
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> loop.runUntilDone(consumer));
            assertSame(failure, thrown);
            assertEquals(List.of(cleanupFailure), List.of(thrown.getSuppressed()));
        }
        assertEquals(List.of("throws at 1"), log);
    }

    @Test
    void aFailingCleanupFailsTheLoopThatLeftNormally() {
        RuntimeException cleanupFailure = new IllegalStateException("cleanup failed");
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<Void> consumer = loop.start(() -> streams.breaksFromFailingCleanup(cleanupFailure));
            assertSame(cleanupFailure, assertThrows(RuntimeException.class, () -> loop.runUntilDone(consumer)));
        }
        assertEquals(List.of("breaks at 1"), log);
    }

    @Test
    void takeStopsTheProducerAtItsLastWantedEmit() {
        try (TestEventLoop loop = new TestEventLoop()) {
            assertEquals(List.of(0, 1), loop.runUntilDone(loop.start(() -> streams.eager(100).take(2).toList())));
        }
        assertEquals(List.of("produce 0", "produce 1", "eager cleanup"), log);
    }

    @Test
    void aBufferLetsTheProducerRunAheadOfASlowConsumerByItsCapacity() {
        try (TestEventLoop loop = new TestEventLoop()) {
            assertEquals(0 + 1 + 2 + 3 + 4 + 5 + 6 + 7, loop.runUntilDone(loop.start(() -> streams.buffered(8, 3))));
        }
        // How far the producer is ahead of the consumer, after each event: never more than the
        // channel (3), the value the pump waits to send (1) and the one the consumer works on (1);
        // and it does run ahead that far while the consumer sleeps.
        int produced = 0;
        int consumed = 0;
        int mostAhead = 0;
        for (String event : log) {
            produced += event.startsWith("produce") ? 1 : 0;
            consumed += event.startsWith("consume") ? 1 : 0;
            mostAhead = Math.max(mostAhead, produced - consumed);
        }
        assertEquals(3 + 1 + 1, mostAhead, log.toString());
        assertEquals(8, produced);
        assertEquals(8, consumed);
        assertTrue(log.indexOf("eager cleanup") < log.indexOf("consume 7"), "the producer ended before the consumer: " + log);
    }

    @Test
    void theBlockingReadingRunsTheProducerEagerlyAndIteratesItsValues() {
        List<Integer> values = new ArrayList<>();
        for (int x : Co.each(plain.producer(3))) {
            values.add(x);
        }
        assertEquals(List.of(0, 1, 2), values);
        assertEquals(List.of(0, 1, 2), plain.producer(3).toList().join());
    }

    @Test
    void aGeneratedStreamCanBeReadFromPlainCodeByBlocking() {
        List<Integer> values = new ArrayList<>();
        for (int x : Co.each(streams.producer(3))) { // on this test thread, the producer on the pool
            values.add(x);
        }
        assertEquals(List.of(0, 1, 2), values);
        assertEquals(List.of("producer starts", "produce 0", "produce 1", "produce 2", "cleanup starts", "cleanup ends",
                "producer ends"), log);
    }

    @Test
    void aStreamNobodyClosesIsCancelledWhenItsLoopShutsDown() {
        try (TestEventLoop loop = new TestEventLoop()) {
            AsyncStream.Cursor<Integer> cursor = loop.runUntilDone(loop.start(() -> {
                AsyncStream.Cursor<Integer> c = streams.producer(5).open();
                return Task.completed(c);
            }));
            assertTrue(loop.runUntilDone(loop.start(cursor::next)));
            assertEquals(List.of("producer starts", "produce 0"), log, "suspended at its first emit, never closed");
        }
        // The loop's shutdown cancels the producer at its emit: its finally runs to its end, its
        // await included, as in any cancelled coroutine.
        assertEquals(List.of("producer starts", "produce 0", "cleanup starts", "cleanup ends"), log);
    }

    @Test
    void everyOpenRunsTheProducerAfresh() {
        AsyncStream<Integer> once = streams.eager(2);
        assertEquals(List.of(0, 1), once.toList().join());
        assertEquals(List.of(0, 1), once.toList().join());
    }
}
