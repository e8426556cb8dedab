package io.yieldpoint.internal;

import org.jspecify.annotations.Nullable;

/**
 * A task that is also a {@link Continuation} registered on at most one task at a time (a
 * coroutine's state machine, registered on what it awaits): it carries the link of the waiter list
 * it is in, so that a task awaited by many of them needs no node per waiter (see
 * {@link AbstractTask}, "Why it is cheap").
 *
 * <p>Implementations must never register the same object on two tasks at once, nor twice on one:
 * the link is the list's. The task it waits on writes the link under its own protocol (by its owner's
 * thread, or before the compare-and-set that publishes the registration), and clears it before it
 * runs the continuation.
 *
 * @param <T> the type of the value
 */
public abstract class LinkedTask<T extends @Nullable Object> extends AbstractTask<T> implements Continuation {

    /** The waiter registered before this one on the task this one waits on, or null. */
    @Nullable Object nextWaiter;

    protected LinkedTask() {}
}
