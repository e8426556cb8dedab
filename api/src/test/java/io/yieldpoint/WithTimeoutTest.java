package io.yieldpoint;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.Co.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code withTimeout}: the value in time, else a {@link TimeoutException} and the task cancelled. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WithTimeoutTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void aTaskFinishingInTimeGivesItsValue() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        Task<String> task = Task.from(source);
        Task<String> bounded = withTimeout(LONG, task);
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> source.complete("in time"));

        assertEquals("in time", await(bounded));
        assertFalse(task.isCancelled());
        TestThreads.joinAll(completer);
    }

    @Test
    void anAlreadyCompletedTaskGivesItsValueAtOnce() {
        Task<Integer> bounded = withTimeout(Duration.ZERO, Task.completed(3));
        assertTrue(bounded.isDone(), "no timer races a task that has already completed");
        assertEquals(3, await(bounded));
    }

    @Test
    void aFailureInTimeIsRethrownAsItIs() {
        IOException boom = new IOException("in time");
        CompletableFuture<Integer> source = new CompletableFuture<>();
        Task<Integer> bounded = withTimeout(LONG, Task.from(source));
        source.completeExceptionally(boom);
        assertSame(boom, assertThrows(Throwable.class, () -> await(bounded)));
    }

    @Test
    void whenTimeRunsOutItFailsWithTimeoutExceptionAndCancelsTheTask() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        Task<Integer> task = Task.from(source);
        Task<Integer> bounded = withTimeout(Duration.ofMillis(5), task);

        Throwable thrown = assertThrows(Throwable.class, () -> await(bounded));

        assertTrue(thrown instanceof TimeoutException, "was " + thrown);
        assertFalse(bounded.isCancelled(), "a timeout is a failure, not a cancellation");
        assertTrue(task.isCancelled(), "the task is cancelled by the time the timeout is seen");
        assertTrue(source.isCancelled());
    }

    @Test
    void orNullGivesNullWhenTimeRunsOutAndTheValueOtherwise() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        Task<Integer> task = Task.from(source);
        assertNull(await(Co.withTimeoutOrNull(Duration.ofMillis(5), task)));
        assertTrue(task.isCancelled(), "the task is cancelled, as by withTimeout");
        assertTrue(source.isCancelled());
        assertEquals(3, await(Co.withTimeoutOrNull(LONG, Task.completed(3))));
        IOException boom = new IOException("in time");
        assertSame(boom, assertThrows(Throwable.class,
                () -> await(Co.withTimeoutOrNull(LONG, Task.<Integer>failed(boom)))), "a failure in time is rethrown");
    }

    @Test
    void aStageCanBeBoundedDirectly() {
        CompletableFuture<String> source = new CompletableFuture<>();
        assertThrows(TimeoutException.class, () -> await(withTimeout(Duration.ofMillis(5), source)));
        assertTrue(source.isCancelled(), "the future is cancelled when the time runs out");
    }

    @Test
    void aSleepLongerThanTheTimeoutIsCancelled() {
        Task<Void> nap = sleep(LONG);
        assertThrows(TimeoutException.class, () -> await(withTimeout(Duration.ofMillis(2), nap)));
        assertTrue(nap.isCancelled());
    }

    @Test
    void aSleepShorterThanTheTimeoutFinishes() {
        Task<Void> nap = sleep(1);
        assertNull(await(withTimeout(LONG, nap)));
        assertFalse(nap.isCancelled());
    }

    @Test
    void theTimeoutMessageSaysHowLong() {
        TimeoutException thrown = assertThrows(TimeoutException.class,
                () -> await(withTimeout(Duration.ofMillis(3), Task.from(new CompletableFuture<>()))));
        assertTrue(thrown.getMessage().contains("0.003s"), thrown.getMessage());
    }

    @Test
    void cancellingTheBoundedTaskCancelsTheTask() {
        Task<Integer> task = Task.from(new CompletableFuture<>());
        Task<Integer> bounded = withTimeout(LONG, task);

        assertTrue(bounded.cancel());
        assertTrue(bounded.isCancelled());
        assertTrue(task.isCancelled());
        assertThrows(CancellationException.class, () -> await(bounded));
    }

    @Test
    void aTaskCancelledByItsOwnerFailsTheBoundedTaskWithCancellation() {
        Task<Integer> task = Task.from(new CompletableFuture<>());
        Task<Integer> bounded = withTimeout(LONG, task);
        task.cancel();
        assertTrue(bounded.isCancelled());
        assertThrows(CancellationException.class, () -> await(bounded));
    }

    @Test
    void nestedTimeoutsTheInnerFiresFirst() {
        Task<Integer> task = Task.from(new CompletableFuture<>());
        Task<Integer> inner = withTimeout(Duration.ofMillis(2), task);
        Task<Integer> outer = withTimeout(LONG, inner);

        assertThrows(TimeoutException.class, () -> await(outer));
        assertTrue(task.isCancelled());
        assertTrue(inner.isCompletedExceptionally());
        assertFalse(outer.isCancelled());
    }
}
