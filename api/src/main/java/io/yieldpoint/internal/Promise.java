package io.yieldpoint.internal;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A task completed from outside, by whoever holds it: timers, combinators, bridges from
 * {@code CompletionStage}s.
 *
 * @param <T> the type of the value
 */
public class Promise<T extends @Nullable Object> extends AbstractTask<T> {

    private volatile @Nullable Runnable onCancel;

    public Promise() {}

    /** Completes with {@code value}; false if already completed. Null is accepted for any T. */
    public final boolean complete(@Nullable T value) {
        return completeValue(value);
    }

    /** Completes with {@code exception}; false if already completed. */
    public final boolean fail(Throwable exception) {
        return completeExceptionally(exception);
    }

    /** Runs {@code action} if this promise is cancelled (set before handing the promise out). */
    public final Promise<T> onCancel(Runnable action) {
        this.onCancel = action;
        return this;
    }

    @Override
    protected void onCancel() {
        Runnable r = onCancel;
        if (r != null) {
            r.run();
        }
    }

    /**
     * A promise completed by {@code stage}; cancelling the promise cancels the stage's future with
     * {@code cancel(true)}: a plain {@code CompletableFuture} ignores the flag, but some futures act
     * on it only (the JDK's {@code HttpClient.sendAsync} aborts its exchange and closes the
     * connection for {@code true} alone).
     */
    public static <T extends @Nullable Object> Promise<T> of(CompletionStage<T> stage) {
        Promise<T> p = new Promise<>();
        p.onCancel(() -> stage.toCompletableFuture().cancel(true));
        Runnable cameBack = CurrentDispatcher.ofCurrentThread() instanceof TaskOwner loop
                && !stage.toCompletableFuture().isDone() ? loop.futureInFlight() : null;
        stage.whenComplete((value, error) -> {
            if (error != null) {
                p.fail(Exceptions.unwrap(error));
            } else {
                p.complete(value);
            }
            if (cameBack != null) {
                cameBack.run(); // after the waiters were queued: a loop woken by it finds them
            }
        });
        return p;
    }
}
