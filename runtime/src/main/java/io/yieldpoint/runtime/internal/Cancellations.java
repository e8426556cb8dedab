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

    /**
     * A task that completes as another does (same value, same exception instance); cancelling it
     * cancels the other. The two kinds below differ in who reaches it and in when a cancelled one
     * completes.
     */
    private abstract static class CompletesAs<T> extends AbstractTask<T> implements Continuation {
        private final AbstractTask<T> inner;

        CompletesAs(AbstractTask<T> inner) {
            this.inner = inner;
            inner.whenComplete(this);
        }

        @Override
        public final void onComplete(AbstractTask<?> completed) {
            completeFrom(inner);
        }

        @Override
        protected final void onCancel() {
            inner.cancel();
        }
    }

    /**
     * {@code Cancellation.shield(task)}: a coroutine's cancellation does not reach it (the machine
     * recognises it); cancelled itself, it completes once the other has unwound.
     */
    public static final class Shielded<T> extends CompletesAs<T> {
        public Shielded(AbstractTask<T> inner) {
            super(inner);
        }

        @Override
        protected boolean completesAfterUnwinding() {
            return true;
        }
    }

    /**
     * {@code Cancellation.withoutWaiting(task)}: cancelling it completes it at once; the other
     * unwinds on its own.
     */
    public static final class Unwaited<T> extends CompletesAs<T> {
        public Unwaited(AbstractTask<T> inner) {
            super(inner);
        }
    }
}
