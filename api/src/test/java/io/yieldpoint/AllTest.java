package io.yieldpoint;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code all}: gathers values in order; the first failure cancels the rest and is the failure. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AllTest {

    @Test
    void valuesComeInArgumentOrderNotCompletionOrder() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<String> c = new CompletableFuture<>();
        Task<List<String>> gathered = all(Task.from(a), Task.from(b), Task.from(c));

        c.complete("c");
        a.complete("a");
        assertFalse(gathered.isDone(), "waits for every task");
        b.complete("b");

        assertEquals(List.of("a", "b", "c"), await(gathered));
    }

    @Test
    void nullValuesAreKept() {
        List<Object> values = await(all(Task.completed(null), Task.completed(1), Co.done()));
        assertEquals(Arrays.asList(null, 1, null), values);
    }

    @Test
    void noTasksGiveAnEmptyListAtOnce() {
        Task<List<Object>> none = all();
        assertTrue(none.isDone());
        assertEquals(List.of(), await(none));
        assertEquals(List.of(), await(Co.<Object>all(List.of())));
    }

    @Test
    void aCollectionIsGatheredInItsIterationOrder() {
        LinkedHashSet<Task<Integer>> tasks = new LinkedHashSet<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(Task.completed(i));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), await(all(tasks)));
    }

    @Test
    void theResultListIsUnmodifiable() {
        List<Integer> values = await(all(Task.completed(1), Task.completed(2)));
        assertThrows(UnsupportedOperationException.class, () -> values.add(3));
    }

    @Test
    void tasksCompletedOnOtherThreadsAreGathered() {
        List<Task<Integer>> tasks = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            tasks.add(Task.from(CompletableFuture.supplyAsync(() -> value * value)));
            expected.add(i * i);
        }
        assertEquals(expected, await(all(tasks)));
    }

    @Test
    void sleepsAreGathered() {
        assertEquals(Arrays.asList(null, null, null), await(all(sleep(3), sleep(1), sleep(2))));
    }

    @Test
    void theFirstFailureIsTheFailureAndCancelsTheOthers() {
        IOException boom = new IOException("boom");
        CompletableFuture<Integer> a = new CompletableFuture<>();
        CompletableFuture<Integer> b = new CompletableFuture<>();
        CompletableFuture<Integer> c = new CompletableFuture<>();
        Task<Integer> ta = Task.from(a);
        Task<Integer> tb = Task.from(b);
        Task<Integer> tc = Task.from(c);
        Task<List<Integer>> gathered = all(ta, tb, tc);

        b.completeExceptionally(boom);

        assertSame(boom, assertThrows(Throwable.class, () -> await(gathered)));
        assertTrue(ta.isCancelled());
        assertTrue(tc.isCancelled());
        assertTrue(a.isCancelled(), "cancellation reaches the futures behind the tasks");
        assertTrue(c.isCancelled());
        assertFalse(tb.isCancelled(), "the failed task keeps its own failure");
    }

    @Test
    void aLaterFailureDoesNotReplaceTheFirst() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        CompletableFuture<Integer> a = new CompletableFuture<>();
        Task<Integer> failsLater = Task.from(a);
        Task<List<Integer>> gathered = all(failsLater, Task.failed(first));

        a.completeExceptionally(second); // too late: a was cancelled by the first failure

        assertSame(first, assertThrows(Throwable.class, () -> await(gathered)));
        assertEquals(0, first.getSuppressed().length);
    }

    @Test
    void anAlreadyFailedTaskFailsTheGatheringAtOnce() {
        IOException boom = new IOException();
        Task<Integer> pending = Task.from(new CompletableFuture<>());
        Task<List<Integer>> gathered = all(pending, Task.failed(boom));

        assertTrue(gathered.isDone());
        assertSame(boom, assertThrows(Throwable.class, gathered::join));
        assertTrue(pending.isCancelled());
    }

    @Test
    void theOthersAreCancelledByTheTimeTheFailureIsSeenOnAnotherThread() throws Exception {
        // The failure comes from another thread while this one waits: once await(all) has thrown,
        // the other tasks must already be cancelled, not about to be.
        for (int round = 0; round < 200; round++) {
            IOException boom = new IOException("round " + round);
            CompletableFuture<Integer> failing = new CompletableFuture<>();
            Task<Integer> other = Task.from(new CompletableFuture<>());
            Task<List<Integer>> gathered = all(other, Task.from(failing));
            Thread failer = TestThreads.start("failer", () -> failing.completeExceptionally(boom));

            assertSame(boom, assertThrows(Throwable.class, () -> await(gathered)));
            assertTrue(other.isCancelled(), "round " + round);
            TestThreads.joinAll(failer);
        }
    }

    @Test
    void aCancelledInputFailsTheGatheringWithCancellation() {
        Task<Integer> cancelled = Task.from(new CompletableFuture<>());
        Task<Integer> other = Task.from(new CompletableFuture<>());
        Task<List<Integer>> gathered = all(cancelled, other);

        cancelled.cancel();

        assertThrows(CancellationException.class, () -> await(gathered));
        assertTrue(other.isCancelled());
    }

    @Test
    void cancellingTheGatheringCancelsEveryTask() {
        Task<Integer> a = Task.from(new CompletableFuture<>());
        Task<Integer> b = Task.from(new CompletableFuture<>());
        Task<List<Integer>> gathered = all(a, b, Task.completed(3));

        assertTrue(gathered.cancel());
        assertTrue(gathered.isCancelled());
        assertTrue(a.isCancelled());
        assertTrue(b.isCancelled());
    }

    @Test
    void theSameTaskTwiceGivesItsValueTwice() {
        CompletableFuture<String> f = new CompletableFuture<>();
        Task<String> t = Task.from(f);
        Task<List<String>> gathered = all(t, t);
        f.complete("twice");
        assertEquals(List.of("twice", "twice"), await(gathered));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNullTaskIsRefusedAtOnce() {
        assertThrows(NullPointerException.class, () -> all(Task.completed(1), null));
    }
}
