package io.yieldpoint.runtime;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Structured concurrency: a group of child tasks that ends only when all of them have ended, and
 * that fails as a whole when one of them fails. Like Python's {@code asyncio.TaskGroup} and
 * Kotlin's {@code coroutineScope}.
 *
 * <pre>{@code
 * @Coroutine default Task<Report> report(List<String> ids) {
 *     Report r = await(TaskGroup.scope(group -> collect(group, ids)));   // all children end first
 *     return done(r);
 * }
 *
 * @Coroutine default Task<Report> collect(TaskGroup group, List<String> ids) {
 *     List<Task<Row>> rows = new ArrayList<>();
 *     for (String id : ids) {
 *         rows.add(group.add(fetchRow(id)));     // children run concurrently
 *     }
 *     Header h = await(fetchHeader());
 *     return done(new Report(h, rows));        // the scope waits for every row
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Waits for everyone</b>: the group completes once its body (for {@link #scope}) and
 *       every child have <em>ended</em>: completed and, for a coroutine, its body has returned or
 *       unwound, {@code finally} blocks run ({@link Coroutines#ended}). Children may add more
 *       children meanwhile. So when the group's result is seen, no child of it still runs.</li>
 *   <li><b>First failure wins</b>: the first child (or body) to fail with anything but a
 *       cancellation cancels all the others and the body; once they have all ended, the group
 *       fails with that first exception, the same instance, with the failures of the others that
 *       failed on their own (not by the cancellation) attached as suppressed.</li>
 *   <li><b>A cancelled child is not a failure</b>: a child cancelled from elsewhere completes
 *       cancelled and the group goes on.</li>
 *   <li><b>Cancelling the group</b> ({@link #cancel()}, or cancelling the task of
 *       {@link #scope} or {@link #join()}, which is what happens when the coroutine awaiting it
 *       is cancelled) cancels the body and every child. The group's task is cancelling at once
 *       ({@code isCancelled()}) and completes with the {@code CancellationException} once the body
 *       and every child have ended, their {@code finally} blocks run, as for a cancelled
 *       coroutine; a failure one of them throws while unwinding is reported as uncaught.</li>
 *   <li>A child added once the group has failed or was cancelled is cancelled at once; adding to
 *       a group that has completed is refused.</li>
 * </ul>
 *
 * <h2>Supervision</h2>
 * A group made by {@link #supervisor()} or {@link #supervisorScope} (Kotlin's
 * {@code supervisorScope}) lets a child fail alone: its failure goes to the uncaught-exception
 * handler of the dispatcher the group was made on (an event loop's handler), at once, and the
 * other children go on. This is what a server's group of connections wants: a connection that
 * fails is reported, the others are served. The body of a {@code supervisorScope} is not a child
 * in this sense: if it fails, the children are cancelled and the group fails, as in Kotlin. Whoever
 * awaits a child still sees its failure; it is reported all the same, since the group cannot know
 * whether anyone will.
 *
 * <h2>Threads</h2>
 * Every method is thread-safe; children may run on any dispatchers and complete on any thread.
 * The group's task completes on the thread where its last child ended.
 */
public final class TaskGroup {

    private final Object lock = new Object();
    /** In the order they were added, so that cancellation (and unwinding) follows that order. */
    private final Set<AbstractTask<?>> live = new LinkedHashSet<>(); // tasks compare by identity
    private final GroupTask completion = new GroupTask();
    /** Children (and body) not yet ended, plus one until {@link #join()} closes the group. */
    private int pending = 1;
    private boolean joined;
    private boolean ended;
    /** Failing or cancelled: new children are cancelled at once. */
    private boolean stopping;
    private @Nullable Throwable firstFailure;
    private final List<Throwable> otherFailures = new ArrayList<>();
    /** For {@link #scope}: the body, whose value becomes the group's. */
    private @Nullable AbstractTask<?> body;
    /** Where a supervising group reports its children's failures; null for a group whose first failure wins. */
    private final @Nullable Dispatcher supervisor;

    /** An empty group, open to children until {@link #join()} and the end of its children. */
    public TaskGroup() {
        this.supervisor = null;
    }

    private TaskGroup(Dispatcher reportTo) {
        this.supervisor = reportTo;
    }

    /**
     * An empty supervising group (see the class comment): a failing child is reported to the
     * uncaught-exception handler of the dispatcher current now (the event loop, or the default pool
     * for a plain thread), and the other children go on.
     */
    public static TaskGroup supervisor() {
        return new TaskGroup(CurrentDispatcher.current());
    }

    /**
     * As {@link #scope}, with a {@linkplain #supervisor() supervising} group: the returned task
     * completes with the body's value once the body and every child have ended; a failing child is
     * reported and the others go on; a failing body cancels the children and fails the task.
     */
    public static <T extends @Nullable Object> Task<T> supervisorScope(
            Function<? super TaskGroup, ? extends Task<T>> body) {
        return scope(supervisor(), body);
    }

    /**
     * Runs {@code body} with a new group, like Kotlin's {@code coroutineScope}: the returned task
     * completes with the body's value once the body and every child it added (directly or through
     * other children) have ended; it fails as the group does (see the class rules); cancelling it
     * cancels the body and the children.
     *
     * @param body starts the scope's work, usually a coroutine that takes the group and adds
     *     children to it; called at once, on the calling thread
     */
    public static <T extends @Nullable Object> Task<T> scope(Function<? super TaskGroup, ? extends Task<T>> body) {
        return scope(new TaskGroup(), body);
    }

    private static <T extends @Nullable Object> Task<T> scope(TaskGroup group,
            Function<? super TaskGroup, ? extends Task<T>> body) {
        Objects.requireNonNull(body, "body");
        Task<T> b;
        try {
            b = Objects.requireNonNull(body.apply(group), "the scope's body returned null instead of a task");
        } catch (Throwable t) {
            b = Task.failed(t);
        }
        group.body = AbstractTask.of(b);
        group.add(b);
        @SuppressWarnings("unchecked")
        Task<T> result = (Task<T>) group.join();
        return result;
    }

    /**
     * Adds a started task to the group: the group will wait for it, a failure of it fails the
     * group, and cancelling the group cancels it. If the group is failing or cancelled, the task
     * is cancelled at once.
     *
     * @return {@code child}, to await or keep
     * @throws IllegalStateException if the group has completed
     */
    public <T extends @Nullable Object> Task<T> add(Task<T> child) {
        AbstractTask<T> c = AbstractTask.of(Objects.requireNonNull(child, "child"));
        boolean cancelNow;
        synchronized (lock) {
            if (ended) {
                throw new IllegalStateException("the task group has completed; it takes no more children");
            }
            cancelNow = stopping;
            live.add(c);
            pending++;
        }
        c.whenComplete(this::childCompleted);
        watchEnd(c);
        if (cancelNow) {
            c.cancel();
        }
        return child;
    }

    /**
     * Calls {@code child} and adds the task it makes, unless the group is failing or cancelled:
     * then {@code child} is not called and a cancelled task is returned.
     *
     * @throws IllegalStateException if the group has completed
     */
    public <T extends @Nullable Object> Task<T> start(Supplier<? extends Task<T>> child) {
        Objects.requireNonNull(child, "child");
        synchronized (lock) {
            if (ended) {
                throw new IllegalStateException("the task group has completed; it takes no more children");
            }
            if (stopping) {
                Task<T> cancelled = Task.failed(new CancellationException("the task group is cancelled"));
                return cancelled;
            }
        }
        Task<T> c;
        try {
            c = Objects.requireNonNull(child.get(), "the child supplier returned null instead of a task");
        } catch (Throwable t) {
            c = Task.failed(t);
        }
        return add(c);
    }

    /**
     * The group's task: closes the group to the caller (children may still add children) and
     * completes, with null, once every child has ended; or fails as the class rules say. Every
     * call returns the same task. A yield point: {@code await(group.join())}.
     */
    public Task<Void> join() {
        boolean last;
        synchronized (lock) {
            if (joined) {
                return completion.asVoid();
            }
            joined = true;
            last = --pending == 0;
            if (last) {
                ended = true;
            }
        }
        if (last) {
            completion.finish();
        }
        return completion.asVoid();
    }

    /**
     * Cancels the body and every child; the group's task completes cancelled once they have ended.
     *
     * @return true if this call cancelled the group
     */
    public boolean cancel() {
        return completion.cancel();
    }

    /** Whether the group's task has completed (every child ended). */
    public boolean isDone() {
        return completion.isDone();
    }

    /** The children not yet ended (the body of a scope included). */
    public int size() {
        synchronized (lock) {
            return live.size();
        }
    }

    /** Counts {@code c} out once it has ended; takes charge of what it throws while unwinding. */
    private void watchEnd(AbstractTask<?> c) {
        if (c instanceof CoroutineMachine<?> m) {
            m.whenEnded(lateFailure -> {
                boolean taken = lateFailure != null && !(lateFailure instanceof CancellationException)
                        && supervisor == null && failed(lateFailure);
                if (m.isDone()) {
                    childEnded(m);
                } else {
                    m.whenComplete(done -> childEnded(m)); // it returned another task
                }
                return taken;
            });
        } else {
            c.whenComplete(done -> childEnded(c));
        }
    }

    private void childCompleted(AbstractTask<?> child) {
        Throwable failure = child.exceptionNow();
        if (failure != null && !(failure instanceof CancellationException)) {
            Dispatcher reportTo = supervisor;
            if (reportTo != null && child != body) {
                reportTo.reportUncaught(child, failure); // it fails alone: the others go on
            } else {
                failed(failure);
            }
        }
    }

    /**
     * Records a failure of a child; the first cancels the others. False if the group has already
     * completed (cancelled): the failure is then nobody's.
     */
    private boolean failed(Throwable failure) {
        boolean first;
        synchronized (lock) {
            first = firstFailure == null;
            if (first) {
                firstFailure = failure;
                stopping = true;
            } else if (failure != firstFailure && !otherFailures.contains(failure)) {
                otherFailures.add(failure);
            }
        }
        if (first) {
            cancelChildren();
        }
        return !completion.isDone() && !completion.isCancelled();
    }

    private void childEnded(AbstractTask<?> child) {
        boolean last;
        synchronized (lock) {
            live.remove(child);
            last = --pending == 0;
            if (last) {
                ended = true;
            }
        }
        if (last) {
            completion.finish();
        }
    }

    private void cancelChildren() {
        List<AbstractTask<?>> all;
        synchronized (lock) {
            stopping = true;
            all = new ArrayList<>(live);
        }
        for (AbstractTask<?> c : all) {
            c.cancel();
        }
    }

    /** The group's completion: fails with the first failure, or gives the body's value. */
    private final class GroupTask extends AbstractTask<@Nullable Object> {

        void finish() {
            Throwable failure;
            List<Throwable> others;
            synchronized (lock) {
                failure = firstFailure;
                others = List.copyOf(otherFailures);
            }
            if (failure != null) {
                for (Throwable o : others) {
                    failure.addSuppressed(o);
                }
                completeExceptionally(failure);
            } else if (body != null) {
                completeFrom(body);
            } else {
                completeValue(null);
            }
        }

        @Override
        protected boolean completesAfterUnwinding() {
            return true; // completes once every child has ended: finish()
        }

        @Override
        protected void onCancel() {
            cancelChildren();
            // Nobody may join a cancelled group: stop waiting for the join, so that the group
            // completes once its children have ended.
            boolean last = false;
            synchronized (lock) {
                if (!joined) {
                    joined = true;
                    last = --pending == 0;
                    if (last) {
                        ended = true;
                    }
                }
            }
            if (last) {
                finish();
            }
        }

        @SuppressWarnings("unchecked")
        Task<Void> asVoid() {
            return (Task<Void>) (Task<?>) this;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "TaskGroup[" + (supervisor != null ? "supervising, " : "") + live.size() + " live" + (stopping ? ", stopping" : "") + (ended ? ", ended" : "") + "]";
        }
    }
}
