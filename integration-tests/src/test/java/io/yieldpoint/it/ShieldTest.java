package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.it.shield.Cleanup;
import io.yieldpoint.it.shield.CleanupCoroutines;
import io.yieldpoint.runtime.Coroutines;
import io.yieldpoint.runtime.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code Cancellation.shield} and {@code Cancellation.isCancelled} in generated coroutines. */
class ShieldTest {

    private final List<String> log = new ArrayList<>();
    private final Promise<Void> never = new Promise<>();
    private final List<Task<?>> cancelAtThree = new ArrayList<>();
    private final Cleanup plain = new Cleanup() {
        @Override
        public List<String> log() {
            return log;
        }

        @Override
        public Task<Void> forever() {
            return never;
        }

        @Override
        public void tick(int i) {
            if (i == 3) {
                cancelAtThree.forEach(Task::cancel);
            }
        }
    };
    private final Cleanup coroutines = CleanupCoroutines.of(plain);

    @Test
    void aShieldedAwaitRunsInTheFinallyOfACancelledCoroutine() {
        EventLoop.run(() -> {
            Task<Void> work = coroutines.work();
            work.cancel();
            return Coroutines.ended(work);
        });
        assertTrue(never.isCancelled(), "the await the coroutine was suspended on was cancelled");
        assertEquals(List.of("working", "await in catch refused", "cleanup starts", "flushed", "cleanup awaited flushed",
                "unshielded await in finally ran"), log);
    }

    @Test
    void aRunningCoroutineSeesItsCancellationAtItsNextCheck() {
        AtomicReference<Task<Integer>> counting = new AtomicReference<>();
        EventLoop.run(() -> {
            counting.set(coroutines.countUntilCancelled(1_000));
            cancelAtThree.add(counting.get()); // tick(3), a plain call of the running body, cancels it
            return Coroutines.ended(counting.get());
        });
        assertTrue(counting.get().isCancelled());
        assertEquals(List.of("stopped at 4 cancelled true"), log);
    }

    @Test
    void theBlockingReadingIsNeverCancelled() {
        assertEquals(3, plain.countUntilCancelled(3).join());
        assertEquals(List.of("stopped at 3 cancelled false"), log);
    }
}
