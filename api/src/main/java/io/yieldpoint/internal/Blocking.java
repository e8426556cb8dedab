package io.yieldpoint.internal;

import io.yieldpoint.Task;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The blocking reading of {@code await}: what it does when a {@code @Coroutine} body runs as plain
 * Java instead of through its generated state machine.
 */
public final class Blocking {

    private Blocking() {}

    /** Blocks until {@code task} completes; refused on an event-loop thread. */
    public static <T extends @Nullable Object> T await(Task<T> task) {
        if (!task.isDone()) {
            refuseOnEventLoop();
        }
        return task.join();
    }

    /** Blocks until {@code stage} completes; refused on an event-loop thread. */
    public static <T extends @Nullable Object> T await(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (!future.isDone()) {
            refuseOnEventLoop();
        }
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw Exceptions.rethrow(Exceptions.unwrap(e));
        }
    }

    private static void refuseOnEventLoop() {
        if (CurrentDispatcher.blockingRefusedHere()) {
            throw new IllegalStateException(
                    "await(...) would block the event-loop thread '" + Thread.currentThread().getName()
                            + "': this method ran as plain Java, not as a state machine. Call it through"
                            + " the generated <Interface>Coroutines class (of(...) or create()) so that"
                            + " await suspends instead of blocking, or call it off the event loop");
        }
    }
}
