package io.yieldpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Task}: its factories, its states, {@code join()}, {@code cancel()} and the bridge to futures. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskTest {

    @Nested
    class Factories {

        @Test
        void completedIsDoneWithItsValue() {
            Task<String> task = Task.completed("v");
            assertTrue(task.isDone());
            assertFalse(task.isCancelled());
            assertFalse(task.isCompletedExceptionally());
            assertEquals("v", task.join());
        }

        @Test
        void completedWithNullJoinsToNull() {
            Task<Object> task = Task.completed(null);
            assertTrue(task.isDone());
            assertNull(task.join());
        }

        @Test
        void failedIsDoneExceptionallyAndJoinRethrowsTheSameInstance() {
            IOException boom = new IOException("boom");
            Task<Integer> task = Task.failed(boom);
            assertTrue(task.isDone());
            assertTrue(task.isCompletedExceptionally());
            assertFalse(task.isCancelled());
            assertSame(boom, assertThrows(Throwable.class, task::join));
            // Joining again gives the same instance again: the outcome is stored, not rebuilt.
            assertSame(boom, assertThrows(Throwable.class, task::join));
        }

        @Test
        void failedWithACancellationExceptionCountsAsCancelled() {
            Task<Integer> task = Task.failed(new CancellationException("gone"));
            assertTrue(task.isCancelled());
            assertTrue(task.isCompletedExceptionally());
        }

        @Test
        void failedRefusesNull() {
            assertThrows(NullPointerException.class, () -> Task.failed(null));
        }

        @Test
        void doneIsACompletedTask() {
            assertEquals(3, Co.done(3).join());
            Task<Void> unit = Co.done();
            assertTrue(unit.isDone());
            assertNull(unit.join());
        }

        @Test
        void fromACompletedFutureIsAlreadyDone() {
            Task<Integer> task = Task.from(CompletableFuture.completedFuture(9));
            assertTrue(task.isDone());
            assertEquals(9, task.join());
        }

        @Test
        void fromFollowsTheFutureLater() {
            CompletableFuture<String> future = new CompletableFuture<>();
            Task<String> task = Task.from(future);
            assertFalse(task.isDone());
            future.complete("later");
            assertTrue(task.isDone());
            assertEquals("later", task.join());
        }

        @Test
        void fromUnwrapsACompletionExceptionToTheSameCause() {
            IOException cause = new IOException("cause");
            CompletableFuture<Integer> future = new CompletableFuture<>();
            future.completeExceptionally(new CompletionException(cause));

            Task<Integer> task = Task.from(future);
            assertTrue(task.isCompletedExceptionally());
            assertSame(cause, assertThrows(Throwable.class, task::join));
        }

        @Test
        void fromADependentStageKeepsTheOriginalException() {
            IllegalStateException boom = new IllegalStateException("in thenApply");
            CompletableFuture<Integer> source = new CompletableFuture<>();
            Task<Integer> task = Task.from(source.thenApply(x -> {
                throw boom;
            }));
            source.complete(1);
            assertSame(boom, assertThrows(Throwable.class, task::join));
        }

        @Test
        void fromACancelledFutureIsCancelled() {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = Task.from(future);
            future.cancel(true);
            assertTrue(task.isCancelled());
            assertThrows(CancellationException.class, task::join);
        }
    }

    @Nested
    class Join {

        @Test
        void joinBlocksUntilAnotherThreadCompletes() throws Exception {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = Task.from(future);
            Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> future.complete(11));

            assertEquals(11, task.join());
            TestThreads.joinAll(completer);
        }

        @Test
        void joinRethrowsAFailureFromAnotherThreadAsTheSameInstance() throws Exception {
            IOException boom = new IOException("remote");
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = Task.from(future);
            Thread completer = TestThreads.whenBlocked(Thread.currentThread(),
                    () -> future.completeExceptionally(boom));

            assertSame(boom, assertThrows(Throwable.class, task::join));
            TestThreads.joinAll(completer);
        }

        @Test
        void manyThreadsJoinTheSameTask() throws Exception {
            CompletableFuture<String> future = new CompletableFuture<>();
            Task<String> task = Task.from(future);
            int n = 8;
            String[] seen = new String[n];
            Thread[] joiners = new Thread[n];
            for (int i = 0; i < n; i++) {
                int slot = i;
                joiners[i] = TestThreads.start("joiner-" + i, () -> seen[slot] = task.join());
            }
            for (Thread j : joiners) {
                TestThreads.awaitBlocked(j);
            }
            future.complete("all of you");
            TestThreads.joinAll(joiners);
            for (String s : seen) {
                assertEquals("all of you", s);
            }
        }

        @Test
        void joinOfACancelledTaskThrowsCancellationException() throws Exception {
            Task<Integer> task = Task.from(new CompletableFuture<>());
            Thread canceller = TestThreads.whenBlocked(Thread.currentThread(), task::cancel);

            assertThrows(CancellationException.class, task::join);
            TestThreads.joinAll(canceller);
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelCompletesAtOnceWithCancellationException() {
            Task<Integer> task = Task.from(new CompletableFuture<>());
            assertTrue(task.cancel());
            assertTrue(task.isDone());
            assertTrue(task.isCancelled());
            assertTrue(task.isCompletedExceptionally());
            assertThrows(CancellationException.class, task::join);
        }

        @Test
        void cancelTwiceCancelsOnce() {
            Task<Integer> task = Task.from(new CompletableFuture<>());
            assertTrue(task.cancel());
            assertFalse(task.cancel());
            assertTrue(task.isCancelled());
        }

        @Test
        void cancelAfterCompletionChangesNothing() {
            Task<Integer> task = Task.completed(1);
            assertFalse(task.cancel());
            assertFalse(task.isCancelled());
            assertEquals(1, task.join());

            IOException boom = new IOException();
            Task<Integer> failed = Task.failed(boom);
            assertFalse(failed.cancel());
            assertFalse(failed.isCancelled());
            assertSame(boom, assertThrows(Throwable.class, failed::join));
        }

        @Test
        void cancellingATaskFromAFutureCancelsTheFuture() {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = Task.from(future);
            assertTrue(task.cancel());
            assertTrue(future.isCancelled(), "cancel crosses the bridge to the future");
        }

        @Test
        void aLateCompletionOfTheFutureDoesNotUndoTheCancel() {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = Task.from(future);
            task.cancel();
            future.complete(1); // refused: the future was cancelled with the task
            assertTrue(task.isCancelled());
            assertThrows(CancellationException.class, task::join);
        }
    }

    @Nested
    class ToCompletableFuture {

        @Test
        void completesWithTheValue() {
            assertEquals("v", Task.completed("v").toCompletableFuture().join());
            assertNull(Task.completed(null).toCompletableFuture().join());
        }

        @Test
        void followsAPendingTask() {
            CompletableFuture<Integer> source = new CompletableFuture<>();
            CompletableFuture<Integer> bridged = Task.from(source).toCompletableFuture();
            assertFalse(bridged.isDone());
            source.complete(4);
            assertEquals(4, bridged.join());
        }

        @Test
        void failsWithTheSameExceptionAsCause() {
            IOException boom = new IOException("boom");
            CompletableFuture<Integer> future = Task.<Integer>failed(boom).toCompletableFuture();

            assertTrue(future.isCompletedExceptionally());
            CompletionException joined = assertThrows(CompletionException.class, future::join);
            assertSame(boom, joined.getCause());
            ExecutionException got = assertThrows(ExecutionException.class, future::get);
            assertSame(boom, got.getCause());
        }

        @Test
        void cancellingTheFutureCancelsTheTask() {
            CompletableFuture<Integer> source = new CompletableFuture<>();
            Task<Integer> task = Task.from(source);
            CompletableFuture<Integer> future = task.toCompletableFuture();

            assertTrue(future.cancel(false));
            assertTrue(future.isCancelled());
            assertTrue(task.isCancelled(), "cancel crosses the bridge to the task");
            assertTrue(source.isCancelled(), "and on to the future the task came from");
        }

        @Test
        void cancellingTheTaskCancelsTheFuture() {
            Task<Integer> task = Task.from(new CompletableFuture<>());
            CompletableFuture<Integer> future = task.toCompletableFuture();

            assertTrue(task.cancel());
            assertTrue(future.isCancelled());
            assertThrows(CancellationException.class, future::join);
        }

        @Test
        void cancellingTheFutureOfACompletedTaskChangesNothing() {
            Task<Integer> task = Task.completed(2);
            CompletableFuture<Integer> future = task.toCompletableFuture();
            assertFalse(future.cancel(true));
            assertFalse(task.isCancelled());
            assertEquals(2, future.join());
        }

        @Test
        void roundTripKeepsValueAndException() {
            IOException boom = new IOException("round trip");
            Task<Integer> ok = Task.from(Task.completed(5).toCompletableFuture());
            Task<Integer> bad = Task.from(Task.<Integer>failed(boom).toCompletableFuture());
            assertEquals(5, ok.join());
            assertSame(boom, assertThrows(Throwable.class, bad::join));
        }

        @Test
        void eachCallGivesAFutureThatFollowsTheTask() {
            CompletableFuture<String> source = new CompletableFuture<>();
            Task<String> task = Task.from(source);
            CompletableFuture<String> a = task.toCompletableFuture();
            CompletableFuture<String> b = task.toCompletableFuture();
            source.complete("both");
            assertEquals("both", a.join());
            assertEquals("both", b.join());
        }
    }
}
