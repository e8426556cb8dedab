package io.yieldpoint.internal;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The tasks behind {@code sleep}, {@code yieldNow}, {@code all}, {@code any} and
 * {@code withTimeout}. Each is one object that is both the resulting task and the continuation it
 * registers on its inputs, so combining allocates little.
 */
public final class Combinators {

    private Combinators() {}

    /** A task completed by a timer of the current dispatcher after {@code delayNanos}. */
    public static Task<Void> sleep(long delayNanos) {
        Dispatcher d = CurrentDispatcher.current();
        SleepTask t = new SleepTask(d instanceof TaskOwner loop ? loop : null);
        t.timer = d.schedule(Math.max(0, delayNanos), t);
        return t;
    }

    /** The task of {@code sleep}: a turn task whose cancellation calls its timer off. */
    private static final class SleepTask extends TurnTask {
        private volatile @Nullable Cancellable timer;

        SleepTask(@Nullable TaskOwner owner) {
            super(owner);
        }

        @Override
        protected void onCancel() {
            Cancellable c = timer;
            if (c != null) {
                c.cancel();
            }
        }
    }

    /**
     * A task completed by the current dispatcher once the work already queued there has run. On a
     * thread that belongs to no dispatcher there is nobody to give way to: it is already complete.
     */
    public static Task<Void> yieldNow() {
        Dispatcher d = CurrentDispatcher.ofCurrentThread();
        YieldTask t = new YieldTask(d instanceof TaskOwner loop ? loop : null);
        if (d == null) {
            t.run();
        } else {
            d.execute(t);
        }
        return t;
    }

    /** The task of {@code yieldNow}: completed by the dispatcher's next turn, which runs it. */
    private static final class YieldTask extends TurnTask {
        YieldTask(@Nullable TaskOwner owner) {
            super(owner);
        }
    }

    /**
     * A task completed by running it as a step of a dispatcher's turn (a timer's, or a queued
     * one's), so that its waiter may resume in that turn ({@link CompletedByTurn}); confined to
     * that dispatcher if it is an event loop.
     */
    private abstract static class TurnTask extends AbstractTask<Void> implements Runnable, CompletedByTurn {
        private final @Nullable TaskOwner owner;

        TurnTask(@Nullable TaskOwner owner) {
            this.owner = owner;
        }

        @Override
        protected @Nullable TaskOwner confinedTo() {
            return owner;
        }

        @Override
        public void run() {
            completeValue(null);
        }
    }

    /** The tasks of a varargs call as a list; null elements are refused at once. */
    public static <T extends @Nullable Object> List<Task<? extends T>> listOf(Task<? extends T>[] tasks) {
        return List.of(tasks);
    }

    /**
     * All values in order; the first failure cancels the rest and, once they have all completed
     * (cancelled coroutines unwound), is the outcome.
     */
    public static <T extends @Nullable Object> Task<List<T>> all(List<? extends Task<? extends T>> tasks) {
        return new AllTask<T>(tasks).start();
    }

    /**
     * The base of {@code all} and {@code any}: one task over several inputs, the continuation
     * registered on each. It completes only once every input has completed, so whoever awaits it
     * finds the inputs it cancelled unwound; cancelling it cancels the inputs and waits for them
     * the same way.
     */
    private abstract static class OverTasks<R extends @Nullable Object, T extends @Nullable Object>
            extends AbstractTask<R> implements Continuation {
        final List<AbstractTask<? extends T>> tasks;
        /** Registrations whose input has not completed yet (a task given twice counts twice). */
        private final AtomicInteger unfinished;

        OverTasks(List<? extends Task<? extends T>> inputs) {
            this.tasks = new ArrayList<>(inputs.size());
            for (Task<? extends T> t : inputs) {
                tasks.add(AbstractTask.of(t));
            }
            this.unfinished = new AtomicInteger(tasks.size());
        }

        final void registerOnInputs() {
            for (AbstractTask<? extends T> t : tasks) {
                t.whenComplete(this);
            }
        }

        @Override
        public final void onComplete(AbstractTask<?> completed) {
            inputCompleted(completed);
            if (unfinished.decrementAndGet() == 0) {
                finish(); // a cancelled combinator completes cancelled, whatever finish() gives
            }
        }

        /** One input completed; the others may still be running. */
        abstract void inputCompleted(AbstractTask<?> completed);

        /** Every input has completed: complete. */
        abstract void finish();

        final void cancelAll() {
            for (AbstractTask<? extends T> t : tasks) {
                t.cancel();
            }
        }

        @Override
        protected final boolean completesAfterUnwinding() {
            return true;
        }

        @Override
        protected final void onCancel() {
            cancelAll();
        }
    }

    private static final class AllTask<T extends @Nullable Object> extends OverTasks<List<T>, T> {
        /** The first failure: it cancels the others and becomes the outcome. */
        private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

        AllTask(List<? extends Task<? extends T>> inputs) {
            super(inputs);
        }

        AllTask<T> start() {
            if (tasks.isEmpty()) {
                completeValue(List.of());
            }
            registerOnInputs();
            return this;
        }

        @Override
        void inputCompleted(AbstractTask<?> completed) {
            Throwable f = completed.exceptionNow();
            if (f != null && failure.compareAndSet(null, f)) {
                cancelAll(); // their cancellations come back here and lose the claim
            }
        }

        @Override
        void finish() {
            Throwable f = failure.get();
            if (f != null) {
                completeExceptionally(f);
                return;
            }
            Object[] values = new Object[tasks.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = tasks.get(i).resultNow();
            }
            @SuppressWarnings("unchecked")
            List<T> list = (List<T>) Collections.unmodifiableList(Arrays.asList(values));
            completeValue(list);
        }
    }

    /**
     * The first value; the others are cancelled, and the outcome waits for them to complete. All
     * failed: the first failure, the others suppressed.
     */
    public static <T extends @Nullable Object> Task<T> any(List<? extends Task<? extends T>> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("any() needs at least one task");
        }
        return new AnyTask<T>(tasks).start();
    }

    private static final class AnyTask<T extends @Nullable Object> extends OverTasks<T, T> {
        /** The first input to succeed: it cancels the others, and its value is the outcome. */
        private final AtomicReference<@Nullable AbstractTask<?>> winner = new AtomicReference<>();
        private final @Nullable Throwable[] failures;

        AnyTask(List<? extends Task<? extends T>> inputs) {
            super(inputs);
            this.failures = new Throwable[tasks.size()];
        }

        AnyTask<T> start() {
            registerOnInputs();
            return this;
        }

        @Override
        void inputCompleted(AbstractTask<?> completed) {
            Throwable failure = completed.exceptionNow();
            if (failure == null) {
                if (winner.compareAndSet(null, completed)) {
                    cancelAll();
                }
                return;
            }
            synchronized (failures) {
                int i = tasks.indexOf(completed);
                if (failures[i] == null) {
                    failures[i] = failure; // a task given twice fills only its first slot
                }
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        void finish() {
            AbstractTask<?> w = winner.get();
            if (w != null) {
                completeValue((T) w.resultNow());
                return;
            }
            Throwable first = null;
            synchronized (failures) {
                for (Throwable f : failures) {
                    if (f == null) {
                        continue;
                    }
                    if (first == null) {
                        first = f;
                    } else if (f != first) {
                        first.addSuppressed(f);
                    }
                }
            }
            // Every input failed (there is at least one), so at least one slot is filled.
            completeExceptionally(Objects.requireNonNull(first));
        }
    }

    /** Completes as {@code task}, or fails with a {@link TimeoutException} and cancels it. */
    public static <T extends @Nullable Object> Task<T> withTimeout(long timeoutNanos, Task<T> task) {
        return new TimeoutTask<>(AbstractTask.of(task), timeoutNanos, false).start();
    }

    /** Completes as {@code task}, or with null (and {@code task} cancelled) once the time is up. */
    @SuppressWarnings("NullAway") // a Task<T> read as a Task<@Nullable T>: widening what may be null is safe
    public static <T extends @Nullable Object> Task<@Nullable T> withTimeoutOrNull(long timeoutNanos, Task<T> task) {
        return new TimeoutTask<@Nullable T>(AbstractTask.of(task), timeoutNanos, true).start();
    }

    private static final class TimeoutTask<T extends @Nullable Object> extends AbstractTask<T> implements Continuation, Runnable {
        private final AbstractTask<T> task;
        private final long timeoutNanos;
        private volatile @Nullable Cancellable timer;
        private volatile boolean timedOut;
        /** Once the time is up, complete with null instead of failing with a TimeoutException. */
        private final boolean orNull;

        TimeoutTask(AbstractTask<T> task, long timeoutNanos, boolean orNull) {
            this.task = task;
            this.timeoutNanos = timeoutNanos;
            this.orNull = orNull;
        }

        TimeoutTask<T> start() {
            if (!task.isDone()) {
                timer = CurrentDispatcher.current().schedule(Math.max(0, timeoutNanos), this);
            }
            task.whenComplete(this);
            return this;
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            if (timedOut && task.isCancelled() && orNull) {
                completeValue(null);
            } else if (timedOut && task.isCancelled()) {
                completeExceptionally(new TimeoutException(
                        "timed out after " + Duration.ofNanos(timeoutNanos).toString().substring(2).toLowerCase(java.util.Locale.ROOT)));
            } else {
                completeFrom(task);
            }
        }

        @Override
        public void run() {
            // Cancel the task first, so that whoever sees the TimeoutException finds the task
            // cancelled; its cancellation reaches onComplete, which turns it into the timeout.
            timedOut = true;
            task.cancel();
        }

        @Override
        protected boolean completesAfterUnwinding() {
            return true; // completes once the task has: onComplete
        }

        @Override
        protected void onCancel() {
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            task.cancel();
        }
    }
}
