package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A coroutine cancelled from outside while it awaits a task that never completes: the task it awaits
 * is cancelled, the coroutine resumes with a {@code CancellationException} at its await, and its
 * catch and finally blocks run, closing its resources. Each scenario runs
 * from a plain thread and on an event loop; the cleanup completes a promise, which the test waits
 * for instead of sleeping.
 */
@Timeout(10)
class CancellationTest {

    private final Recorder impl = new Recorder();
    private final CancellationCorpus generated = CancellationCorpusCoroutines.of(impl);

    static final class Recorder implements CancellationCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    @Test
    void cancelledFromAPlainThreadRunsCatchAndFinally() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        Task<Integer> task = generated.waitForever(never, cleaned);
        assertFalse(task.isDone(), "suspended at the await");
        assertEquals(List.of("waiting"), impl.log());

        assertTrue(task.cancel());
        assertTrue(task.isCancelled());
        assertEquals("cleaned", cleaned.join());
        assertEquals(List.of("waiting", "catch CancellationException", "finally"), impl.log());
        assertTrue(never.isCancelled(), "the cancellation reached the awaited task");
        assertThrows(CancellationException.class, task::join);
        assertFalse(task.cancel(), "cancelling twice does nothing");
    }

    /**
     * {@code await(yieldNow())} on a loop queues the coroutine itself (no yield task): two coroutines
     * take turns as with a task, and one cancelled while it waits for its turn unwinds from that
     * yield point at its turn; on a plain thread the yield is already complete.
     */
    @Test
    void yieldingCoroutinesTakeTurnsAndACancelledOneUnwindsAtItsYield() {
        Promise<String> aCleaned = new Promise<>();
        Promise<String> bCleaned = new Promise<>();
        boolean[] cancelled = new boolean[2];
        int r = EventLoop.run(() -> {
            Task<Integer> a = generated.yieldLoop("a", 3, aCleaned);
            Task<Integer> b = generated.yieldLoop("b", 100, bCleaned);
            // Queued behind both resumptions: runs in the first turn, after a and b took theirs.
            EventLoop.current().execute(() -> {
                cancelled[0] = b.cancel(); // b is queued for its next turn
                cancelled[1] = b.isCancelled();
            });
            return a;
        });
        assertEquals(3, r);
        assertTrue(cancelled[0], "b was waiting for its turn");
        assertTrue(cancelled[1], "cancelled at once");
        assertEquals("cleaned", bCleaned.join());
        assertEquals(List.of("a 0", "b 0", "a 1", "b 1", "a 2", "b catch CancellationException at 1", "b finally",
                "a finally"), impl.log());
    }

    @Test
    void yieldingOnAPlainThreadDoesNotWait() {
        Promise<String> cleaned = new Promise<>();
        Task<Integer> task = generated.yieldLoop("p", 2, cleaned);
        assertEquals(2, task.join());
        assertEquals(List.of("p 0", "p 1", "p finally"), impl.log());
    }

    @Test
    void cancelledOnAnEventLoopRunsCatchAndFinally() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        String r = EventLoop.run(() -> {
            Task<Integer> task = generated.waitForever(never, cleaned);
            task.cancel();
            return cleaned;
        });
        assertEquals("cleaned", r);
        assertEquals(List.of("waiting", "catch CancellationException", "finally"), impl.log());
        assertTrue(never.isCancelled());
    }

    /**
     * After the cancellation the yield points of the body throw a {@code CancellationException} at
     * once, but those of a finally block run (as in C# and asyncio; Kotlin needs
     * {@code NonCancellable} for it), so that cleanup that awaits is done when the task completes.
     */
    @Test
    void anAwaitInAFinallyAfterTheCancellationRuns() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        Task<Integer> task = generated.nestedFinallysThatAwait(never, cleaned);
        task.cancel();
        assertEquals("cleaned", cleaned.join());
        assertEquals(List.of("waiting", "inner finally", "inner finally awaited 7", "outer finally"), impl.log());
        assertTrue(task.isCancelled());
    }

    @Test
    void anAwaitInAFinallyAfterTheCancellationRunsOnAnEventLoop() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        EventLoop.run(() -> {
            generated.nestedFinallysThatAwait(never, cleaned).cancel();
            return cleaned;
        });
        assertEquals(List.of("waiting", "inner finally", "inner finally awaited 7", "outer finally"), impl.log());
    }

    @Test
    void cancellingASleepClosesTheResource() {
        Promise<String> cleaned = new Promise<>();
        Task<String> task = generated.resourceAroundASleep(cleaned);
        task.cancel();
        assertEquals("cleaned", cleaned.join());
        assertEquals(List.of("open", "sleeping true", "close", "finally"), impl.log());
    }

    @Test
    void cancellingASleepOnAnEventLoopClosesTheResource() {
        Promise<String> cleaned = new Promise<>();
        EventLoop.run(() -> {
            generated.resourceAroundASleep(cleaned).cancel();
            return cleaned;
        });
        assertEquals(List.of("open", "sleeping true", "close", "finally"), impl.log());
    }

    @Test
    void cancellingAParentCancelsTheChildItAwaits() {
        Promise<Integer> never = new Promise<>();
        Promise<String> childCleaned = new Promise<>();
        Promise<String> parentCleaned = new Promise<>();
        Task<Integer> parent = generated.parentOfAWaitingChild(never, childCleaned, parentCleaned);
        assertEquals(List.of("parent waiting", "waiting"), impl.log());
        parent.cancel();
        assertEquals("cleaned", childCleaned.join());
        assertEquals("cleaned", parentCleaned.join());
        assertTrue(never.isCancelled());
        assertTrue(impl.log().containsAll(List.of("catch CancellationException", "finally", "parent finally")),
                impl.log().toString());
        assertEquals(5, impl.log().size(), impl.log().toString());
    }

    @Test
    void cancellingAParentOnAnEventLoopCancelsTheChild() {
        Promise<Integer> never = new Promise<>();
        Promise<String> childCleaned = new Promise<>();
        Promise<String> parentCleaned = new Promise<>();
        EventLoop.run(() -> {
            generated.parentOfAWaitingChild(never, childCleaned, parentCleaned).cancel();
            return parentCleaned;
        });
        assertEquals("cleaned", childCleaned.join(), "the child's cleanup ran too");
        assertTrue(impl.log().containsAll(List.of("catch CancellationException", "finally", "parent finally")),
                impl.log().toString());
    }

    @Test
    void aLoopCancelledMidwayRunsTheFinallysItIsIn() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        Task<Integer> task = generated.loopCancelledMidway(never, cleaned);
        assertEquals(List.of("step 0", "iteration finally 0", "step 1", "iteration finally 1"), impl.log());
        task.cancel();
        assertEquals("cleaned", cleaned.join());
        assertEquals(List.of("step 0", "iteration finally 0", "step 1", "iteration finally 1", "iteration finally 2",
                "loop finally 1"), impl.log());
    }

    @Test
    void aCoroutineThatSwallowsItsCancellationStaysCancelled() {
        Promise<Integer> never = new Promise<>();
        Promise<String> cleaned = new Promise<>();
        Task<String> task = generated.swallowsTheCancellation(never, cleaned);
        task.cancel();
        assertEquals("cleaned", cleaned.join());
        assertEquals(List.of("swallowed"), impl.log());
        assertTrue(task.isCancelled(), "cancel() completed the task at once; the later return changes nothing");
        assertThrows(CancellationException.class, task::join);
    }
}
