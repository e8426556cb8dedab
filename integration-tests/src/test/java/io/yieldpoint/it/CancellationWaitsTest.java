package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.it.unwind.UnwindCorpus;
import io.yieldpoint.it.unwind.UnwindCorpusCoroutines;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancellation waits for the cancelled coroutine to unwind: whoever awaits or joins it, and
 * {@code any}, {@code all}, {@code withTimeout} and task groups, resume only once its
 * {@code finally} blocks have run, awaits in them included (Kotlin's {@code join}, C#'s task
 * completion, asyncio's {@code await task} after {@code cancel()}). A cancelled timer or future
 * completes at once, and {@code Cancellation.withoutWaiting} opts out.
 */
@Timeout(20)
class CancellationWaitsTest {

    private final Recorder impl = new Recorder();
    private final UnwindCorpus corpus = UnwindCorpusCoroutines.of(impl);

    static final class Recorder implements UnwindCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    @Test
    void awaitOfACancelledCoroutineResumesAfterItsFinallyAwaited() {
        assertEquals("cancelled", TestEventLoop.run(() -> corpus.cancelThenAwait(10)));
        assertEquals(List.of("w working", "cancelled: done false, cancelled true", "w cleaned", "await threw, done true"),
                impl.log());
    }

    @Test
    void aChainOfAwaitsUnwindsInnermostFirst() {
        assertEquals("cancelled", TestEventLoop.run(corpus::cancelChain));
        assertEquals(List.of("m/inner working", "m/inner cleaned", "m cleaned", "chain cancelled"), impl.log());
    }

    @Test
    void anyResumesAfterItsLosersUnwound() {
        assertEquals("fast", TestEventLoop.run(corpus::anyWithSlowLoser));
        assertEquals(List.of("fast working", "slow working", "fast finished", "fast cleaned", "slow cleaned", "any gave fast"),
                impl.log());
    }

    @Test
    void allFailsAfterTheSiblingsItCancelledUnwound() {
        assertEquals("failed", TestEventLoop.run(corpus::allWithFailingSibling));
        assertEquals(List.of("a working", "b fails", "a cleaned", "all failed: b"), impl.log());
    }

    @Test
    void withTimeoutFailsAfterTheBodyUnwound() {
        assertEquals("timed out", TestEventLoop.run(corpus::timeoutOfWorker));
        assertEquals(List.of("t working", "t cleaned", "timed out: TimeoutException"), impl.log());
    }

    @Test
    void aFailingScopeCompletesAfterTheChildrenItCancelledUnwound() {
        assertEquals("failed", TestEventLoop.run(corpus::scopeWithFailingChild));
        List<String> log = impl.log();
        assertEquals("scope failed: g2", log.get(log.size() - 1), log.toString());
        assertTrue(log.containsAll(List.of("g1 cleaned", "body cleaned", "g2 fails")), log.toString());
    }

    @Test
    void aCancelledScopeCompletesAfterItsChildrenUnwound() {
        assertEquals("cancelled", TestEventLoop.run(corpus::cancelledScope));
        List<String> log = impl.log();
        assertEquals("scope cancelled", log.get(log.size() - 1), log.toString());
        assertTrue(log.containsAll(List.of("c1 cleaned", "cbody cleaned")), log.toString());
    }

    @Test
    void withoutWaitingCompletesAtOnceAndLeavesTheCleanupRunning() {
        assertEquals("cancelled", TestEventLoop.run(corpus::cancelWithoutWaiting));
        // The loop waits for the worker before it returns; the caller did not.
        assertEquals(List.of("u working", "cancelled: done true", "await threw", "u cleaned"), impl.log());
    }

    @Test
    void aCoroutineCancelledDuringItsCleanupFinishesIt() {
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<String> t = loop.start(corpus::cancelledDuringCleanup);
            assertEquals(List.of("body"), impl.log());
            assertTrue(t.cancel());
            assertTrue(t.isCancelled());
            assertFalse(t.isDone(), "cancelling until the cleanup has run");
            loop.advanceBy(Duration.ofMillis(150));
            assertEquals(List.of("body", "cleanup slept"), impl.log());
            assertFalse(t.isDone());
            loop.advanceBy(Duration.ofMillis(50));
            assertEquals(List.of("body", "cleanup slept", "cleanup slept again"), impl.log());
            assertTrue(t.isDone());
            assertThrows(CancellationException.class, t::join, "cancelled, though the body returned");
        }
    }

    @Test
    void joinFromAPlainThreadReturnsAfterTheCleanup() {
        Task<String> t = corpus.worker("p", 60_000); // on the default pool, real time
        assertTrue(t.cancel());
        assertTrue(t.isCancelled());
        assertThrows(CancellationException.class, t::join);
        assertTrue(impl.log().contains("p cleaned"), "join returned before the finally block ended: " + impl.log());
    }

    @Test
    void aCancelledTimerOrFutureCompletesAtOnce() {
        try (TestEventLoop loop = new TestEventLoop()) {
            Task<Void> sleep = loop.start(() -> Co.sleep(1000));
            assertTrue(sleep.cancel());
            assertTrue(sleep.isDone());
            assertTrue(sleep.isCancelled());
        }
        Promise<String> promise = new Promise<>();
        assertTrue(promise.cancel());
        assertTrue(promise.isDone());
        Task<String> future = Task.from(new CompletableFuture<String>());
        assertTrue(future.cancel());
        assertTrue(future.isDone());
    }
}
