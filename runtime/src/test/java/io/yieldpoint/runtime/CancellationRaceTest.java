package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stress: {@code cancel()} from another thread racing with the machine suspending. Whatever the
 * interleaving, a machine that registered on a task and was cancelled must have cancelled that
 * task: otherwise the cancellation is lost and the task (a timer, a socket read) lives on.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CancellationRaceTest {

    private static final int ROUNDS = 1_000;

    /**
     * <pre>{@code
     * @Coroutine default Task<Integer> awaitOnce(Task<Integer> task) { return done(await(task)); }
     * }</pre>
     * The flags tell the test how far the machine got.
     */
    static final class AwaitOnce extends CoroutineMachine<Integer> {
        private final Task<Integer> task;
        private final CompletionStage<Integer> stage;
        volatile boolean aboutToSuspend;
        volatile boolean registered;

        AwaitOnce(Task<Integer> task, CompletionStage<Integer> stage) {
            this.task = task;
            this.stage = stage;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            switch (label) {
                case 0:
                    aboutToSuspend = true;
                    if (task != null ? suspendOn(task, 1) : suspendOn(stage, 1)) {
                        registered = true;
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    returnValue(awaitResult());
                    return RETURNED;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void aCancelRacingWithSuspensionOnATaskIsNeverLost() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Promise<Integer> awaited = new Promise<>();
            AwaitOnce m = new AwaitOnce(awaited, null);
            Thread canceller = TestThreads.start("canceller", () -> {
                while (!m.aboutToSuspend) {
                    Thread.onSpinWait();
                }
                m.cancel();
            });
            m.start();
            TestThreads.joinAll(canceller);

            assertTrue(m.isCancelled(), "round " + round);
            if (m.registered) {
                assertTrue(awaited.isCancelled(), "round " + round + ": the cancel was lost");
            }
        }
    }

    @Test
    void aCancelRacingWithSuspensionOnAStageIsNeverLost() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            CompletableFuture<Integer> awaited = new CompletableFuture<>();
            AwaitOnce m = new AwaitOnce(null, awaited);
            Thread canceller = TestThreads.start("canceller", () -> {
                while (!m.aboutToSuspend) {
                    Thread.onSpinWait();
                }
                m.cancel();
            });
            m.start();
            TestThreads.joinAll(canceller);

            assertTrue(m.isCancelled(), "round " + round);
            if (m.registered) {
                assertTrue(awaited.isCancelled(), "round " + round + ": the cancel was lost");
            }
        }
    }

    // ------------------------------------------------------------------ the race, made deterministic

    /**
     * A {@link Task} not made by Yieldpoint: {@code suspendOn} bridges it through
     * {@link #toCompletableFuture()}, after its cancellation check and before it records what it
     * awaits. The hook runs right there, so a cancel can land exactly in that window.
     */
    static final class ForeignTask<T> implements Task<T> {
        final CompletableFuture<T> future = new CompletableFuture<>();
        Runnable onBridge = () -> { };

        @Override
        public boolean isDone() {
            return future.isDone();
        }

        @Override
        public boolean isCancelled() {
            return future.isCancelled();
        }

        @Override
        public boolean isCompletedExceptionally() {
            return future.isCompletedExceptionally();
        }

        @Override
        public T join() {
            return future.join();
        }

        @Override
        public boolean cancel() {
            return future.cancel(false);
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            onBridge.run();
            return future;
        }
    }

    /** A future whose {@code toCompletableFuture()} runs a hook first, like the task above. */
    static final class HookedFuture<T> extends CompletableFuture<T> {
        Runnable onBridge = () -> { };

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            onBridge.run();
            return this;
        }
    }

    @Test
    void aCancelBetweenTheCancellationCheckAndTheRegistrationStillReachesTheTask() {
        ForeignTask<Integer> awaited = new ForeignTask<>();
        AwaitOnce m = new AwaitOnce(awaited, null);
        awaited.onBridge = m::cancel;

        m.start();

        assertTrue(m.isCancelled());
        assertTrue(m.registered, "the machine got past its check and registered");
        assertTrue(awaited.future.isCancelled(), "the cancel reached the awaited task");
    }

    @Test
    void aCancelBetweenTheCancellationCheckAndTheRegistrationStillReachesTheStage() {
        HookedFuture<Integer> awaited = new HookedFuture<>();
        AwaitOnce m = new AwaitOnce(null, awaited);
        awaited.onBridge = m::cancel;

        m.start();

        assertTrue(m.isCancelled());
        assertTrue(m.registered);
        assertTrue(awaited.isCancelled(), "the cancel reached the awaited future");
    }
}
