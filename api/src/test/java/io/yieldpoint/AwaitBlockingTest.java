package io.yieldpoint;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking reading of {@code await}: called from a plain thread, it blocks until the task or
 * stage completes and returns its value, or rethrows its exception as the very same instance.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AwaitBlockingTest {

    // ------------------------------------------------------------------ await(Task)

    @Test
    void awaitOfACompletedTaskReturnsItsValue() {
        assertEquals(42, await(Task.completed(42)));
        assertEquals("x", await(done("x")));
    }

    @Test
    void awaitOfATaskCompletedWithNullReturnsNull() {
        assertNull(await(done()));
        assertNull(await(Task.completed(null)));
    }

    @Test
    void awaitBlocksUntilAnotherThreadCompletesTheTask() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        Task<String> task = Task.from(source);
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> source.complete("late"));

        assertEquals("late", await(task));
        TestThreads.joinAll(completer);
    }

    @Test
    void awaitRethrowsTheSameRuntimeExceptionInstance() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        Task<Integer> task = Task.failed(boom);

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> await(task));
        assertSame(boom, thrown);
    }

    @Test
    void awaitRethrowsACheckedExceptionAsItIsNotWrapped() {
        IOException boom = new IOException("disk on fire");
        Throwable thrown = assertThrows(Throwable.class, () -> await(Task.<Integer>failed(boom)));
        assertSame(boom, thrown);
    }

    @Test
    void awaitRethrowsAnErrorAsItIs() {
        StackOverflowError boom = new StackOverflowError("deep");
        Throwable thrown = assertThrows(Throwable.class, () -> await(Task.<Integer>failed(boom)));
        assertSame(boom, thrown);
    }

    @Test
    void awaitRethrowsTheSameInstanceWhenTheFailureArrivesFromAnotherThread() throws Exception {
        IOException boom = new IOException("late failure");
        CompletableFuture<Integer> source = new CompletableFuture<>();
        Task<Integer> task = Task.from(source);
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(),
                () -> source.completeExceptionally(boom));

        Throwable thrown = assertThrows(Throwable.class, () -> await(task));
        assertSame(boom, thrown);
        TestThreads.joinAll(completer);
    }

    @Test
    void awaitOfACancelledTaskThrowsCancellationException() {
        Task<Integer> task = Task.from(new CompletableFuture<>());
        assertTrue(task.cancel());
        assertThrows(CancellationException.class, () -> await(task));
    }

    // ------------------------------------------------------------------ await(CompletionStage)

    @Test
    void awaitOfACompletedStageReturnsItsValue() {
        assertEquals(7, await(CompletableFuture.completedFuture(7)));
        assertEquals(8, await(CompletableFuture.completedStage(8)));
        assertNull(await(CompletableFuture.completedFuture(null)));
    }

    @Test
    void awaitOfAStageBlocksUntilAnotherThreadCompletesIt() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> future.complete("done"));

        assertEquals("done", await(future));
        TestThreads.joinAll(completer);
    }

    @Test
    void awaitOfAMinimalStageWorks() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        CompletionStage<String> minimal = future.minimalCompletionStage();
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> future.complete("min"));

        assertEquals("min", await(minimal));
        TestThreads.joinAll(completer);
    }

    @Test
    void awaitOfAFailedStageRethrowsTheCheckedCauseNotACompletionException() {
        IOException boom = new IOException("io");
        Throwable thrown = assertThrows(Throwable.class,
                () -> await(CompletableFuture.<Integer>failedFuture(boom)));
        assertSame(boom, thrown);
    }

    @Test
    void awaitUnwrapsACompletionExceptionToItsCause() {
        IllegalStateException cause = new IllegalStateException("inner");
        CompletableFuture<Integer> future = new CompletableFuture<>();
        future.completeExceptionally(new CompletionException(cause));

        Throwable thrown = assertThrows(Throwable.class, () -> await(future));
        assertSame(cause, thrown);
    }

    @Test
    void awaitOfADependentStageRethrowsTheOriginalException() {
        ArithmeticException boom = new ArithmeticException("/ by zero");
        CompletableFuture<Integer> source = new CompletableFuture<>();
        // A dependent stage stores the failure wrapped in a CompletionException.
        CompletableFuture<Integer> dependent = source.thenApply(x -> x + 1);
        source.completeExceptionally(boom);

        Throwable thrown = assertThrows(Throwable.class, () -> await(dependent));
        assertSame(boom, thrown);
    }

    @Test
    void awaitOfAStageWhoseFunctionThrewRethrowsThatException() {
        UnsupportedOperationException boom = new UnsupportedOperationException("nope");
        CompletableFuture<Integer> future = CompletableFuture.<Integer>completedFuture(1).thenApply(x -> {
            throw boom;
        });

        Throwable thrown = assertThrows(Throwable.class, () -> await(future));
        assertSame(boom, thrown);
    }

    @Test
    void awaitOfACancelledStageThrowsCancellationException() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        future.cancel(false);
        assertThrows(CancellationException.class, () -> await(future));
    }

    @Test
    void awaitLeavesTheInterruptStatusAsItWas() throws Exception {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        Task<Integer> task = Task.from(source);
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> source.complete(5));
        Thread.currentThread().interrupt();
        try {
            assertEquals(5, await(task), "an interrupt does not end the wait");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
        } finally {
            Thread.interrupted();
        }
        TestThreads.joinAll(completer);
    }

    @Test
    void awaitDoesNotWrapLikeCompletableFutureGetWould() {
        // The contrast that motivates the rule: get() wraps, await does not.
        IOException boom = new IOException("contrast");
        CompletableFuture<Integer> future = CompletableFuture.failedFuture(boom);

        ExecutionException wrapped = assertThrows(ExecutionException.class, future::get);
        assertSame(boom, wrapped.getCause());
        assertSame(boom, assertThrows(Throwable.class, () -> await(future)));
        assertSame(boom, assertThrows(Throwable.class, () -> await(Task.from(future))));
    }
}
