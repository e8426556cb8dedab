package io.yieldpoint;

import static io.yieldpoint.Co.any;
import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code any}: the first success wins and the losers are cancelled; if all fail, the first failure
 * with the others suppressed.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AnyTest {

    @Test
    void theFirstSuccessWinsAndTheLosersAreCancelled() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        Task<String> ta = Task.from(a);
        Task<String> tb = Task.from(b);
        Task<String> tc = Task.from(c);
        Task<String> first = any(ta, tb, tc);

        b.complete("b");

        assertEquals("b", await(first));
        assertTrue(ta.isCancelled());
        assertTrue(tc.isCancelled());
        assertFalse(tb.isCancelled());
        assertTrue(a.isCancelled(), "cancellation reaches the futures behind the losers");
        assertTrue(c.isCancelled());
    }

    @Test
    void anAlreadyCompletedTaskWinsAtOnce() {
        Task<Integer> pending = Task.from(new CompletableFuture<>());
        Task<Integer> first = any(pending, Task.completed(1));
        assertTrue(first.isDone());
        assertEquals(1, await(first));
        assertTrue(pending.isCancelled());
    }

    @Test
    void aNullValueCanWin() {
        Task<Object> pending = Task.from(new CompletableFuture<>());
        Task<Object> first = any(pending, Task.completed(null));
        assertEquals(null, await(first));
        assertFalse(first.isCompletedExceptionally());
    }

    @Test
    void aFailureBeforeASuccessDoesNotWin() {
        IOException boom = new IOException("early failure");
        CompletableFuture<String> slow = new CompletableFuture<>();
        Task<String> first = any(Task.failed(boom), Task.from(slow));
        assertFalse(first.isDone(), "one failure is not the end while another task may succeed");

        slow.complete("ok");

        assertEquals("ok", await(first));
        assertEquals(0, boom.getSuppressed().length);
    }

    @Test
    void theFastestSleepWins() {
        Task<Void> slow = sleep(Duration.ofHours(1));
        Task<Void> fast = sleep(1);
        await(any(slow, fast));
        assertTrue(fast.isDone());
        assertFalse(fast.isCancelled());
        assertTrue(slow.isCancelled());
    }

    @Test
    void theLosersAreCancelledByTheTimeTheWinnerIsSeenOnAnotherThread() throws Exception {
        for (int round = 0; round < 200; round++) {
            CompletableFuture<Integer> winner = new CompletableFuture<>();
            Task<Integer> loser = Task.from(new CompletableFuture<>());
            Task<Integer> first = any(loser, Task.from(winner));
            int value = round;
            Thread completer = TestThreads.start("winner", () -> winner.complete(value));

            assertEquals(round, await(first));
            assertTrue(loser.isCancelled(), "round " + round);
            TestThreads.joinAll(completer);
        }
    }

    @Test
    void allFailGivesTheFirstFailureWithTheOthersSuppressed() {
        IOException e1 = new IOException("1");
        IllegalStateException e2 = new IllegalStateException("2");
        ArithmeticException e3 = new ArithmeticException("3");
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<Integer> c = new CompletableFuture<>();
        Task<Integer> first = any(Task.from(a), Task.from(b), Task.from(c));

        a.completeExceptionally(e1);
        b.completeExceptionally(e2);
        assertFalse(first.isDone(), "c may still succeed");
        c.completeExceptionally(e3);

        assertSame(e1, assertThrows(Throwable.class, () -> await(first)));
        assertArrayEquals(new Throwable[] {e2, e3}, e1.getSuppressed());
    }

    @Test
    void allFailedAlreadyGivesTheFirstFailureAtOnce() {
        IOException e1 = new IOException("1");
        IOException e2 = new IOException("2");
        Task<Integer> first = any(Task.failed(e1), Task.failed(e2));
        assertTrue(first.isDone());
        assertSame(e1, assertThrows(Throwable.class, first::join));
        assertArrayEquals(new Throwable[] {e2}, e1.getSuppressed());
    }

    @Test
    void oneExceptionFailingTwoTasksIsNotSuppressedInItself() {
        IOException shared = new IOException("shared");
        Task<Integer> first = any(Task.failed(shared), Task.failed(shared));
        assertSame(shared, assertThrows(Throwable.class, first::join));
        assertEquals(0, shared.getSuppressed().length);
    }

    @Test
    void theSameFailingTaskTwiceFailsWithItsException() {
        IOException boom = new IOException("boom");
        CompletableFuture<Integer> f = new CompletableFuture<>();
        Task<Integer> t = Task.from(f);
        Task<Integer> first = any(t, t);

        f.completeExceptionally(boom);

        assertTrue(first.isDone());
        assertSame(boom, assertThrows(Throwable.class, first::join));
        assertEquals(0, boom.getSuppressed().length);
    }

    @Test
    void aSingleTaskIsItsOwnWinner() {
        assertEquals("only", await(any(Task.completed("only"))));
        IOException boom = new IOException();
        assertSame(boom, assertThrows(Throwable.class, () -> await(any(Task.failed(boom)))));
    }

    @Test
    void aCollectionWorksLikeVarargs() {
        CompletableFuture<String> a = new CompletableFuture<>();
        Task<String> loser = Task.from(new CompletableFuture<>());
        Task<String> first = any(List.of(loser, Task.from(a)));
        a.complete("from list");
        assertEquals("from list", await(first));
        assertTrue(loser.isCancelled());
    }

    @Test
    void noTasksIsAnIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> any());
        assertThrows(IllegalArgumentException.class, () -> any(List.<Task<Integer>>of()));
    }

    @Test
    void cancellingTheRaceCancelsEveryTask() {
        Task<Integer> a = Task.from(new CompletableFuture<>());
        Task<Integer> b = Task.from(new CompletableFuture<>());
        Task<Integer> first = any(a, b);

        assertTrue(first.cancel());
        assertTrue(first.isCancelled());
        assertTrue(a.isCancelled());
        assertTrue(b.isCancelled());
        assertThrows(CancellationException.class, first::join);
    }
}
