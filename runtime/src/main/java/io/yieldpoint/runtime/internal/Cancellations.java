package io.yieldpoint.runtime.internal;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Continuation;

/**
 * The tasks behind {@code Cancellation.isCancelled()}, {@code Cancellation.shield(task)} (which a
 * state machine recognises at its {@code await}) and {@code Cancellation.withoutWaiting(task)}.
 */
public final class Cancellations {

    private Cancellations() {}

    /**
     * {@code Cancellation.isCancelled()}: completed with false, which is what the blocking reading
     * sees; a state machine answers for itself instead.
     */
    public static final AbstractTask<Boolean> PROBE = (AbstractTask<Boolean>) Task.completed(false);

    /** A task that completes as another does, which a coroutine's cancellation does not reach. */
    public static final class Shielded<T> extends AbstractTask<T> implements Continuation {
        private final AbstractTask<T> inner;

        public Shielded(AbstractTask<T> inner) {
            this.inner = inner;
            inner.whenComplete(this);
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            completeFrom(inner);
        }

        @Override
        protected boolean completesAfterUnwinding() {
            return true; // completes as the inner task does, once that has unwound
        }

        @Override
        protected void onCancel() {
            inner.cancel();
        }
    }

    /**
     * A task that completes as another does, except that cancelling it completes it at once: it
     * does not wait for the other to unwind ({@code Cancellation.withoutWaiting}).
     */
    public static final class Unwaited<T> extends AbstractTask<T> implements Continuation {
        private final AbstractTask<T> inner;

        public Unwaited(AbstractTask<T> inner) {
            this.inner = inner;
            inner.whenComplete(this);
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            completeFrom(inner);
        }

        @Override
        protected void onCancel() {
            inner.cancel();
        }
    }
}
