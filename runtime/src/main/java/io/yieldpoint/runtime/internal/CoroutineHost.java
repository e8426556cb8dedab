package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.TaskOwner;
import org.jspecify.annotations.Nullable;

/**
 * The narrow interface through which a coroutine reaches the event loop it started on: the whole
 * of what the generated-code ABI ({@code io.yieldpoint.runtime.machine}) knows of its scheduler.
 * {@link LoopCore} is the implementation.
 *
 * <p>A coroutine started on a host is <em>live</em> there from {@link #adopt} until
 * {@link #coroutineEnded}: the host cancels and waits for it when it shuts down, and lists it in
 * dumps. While the coroutine runs elsewhere ({@code switchTo} another dispatcher), the host counts
 * it as work away ({@link #workLeft}, {@link #workCameBack}): on virtual time the clock waits
 * for it.
 *
 * <p>It is also the {@link TaskOwner} of the tasks made on its thread: coroutines started there,
 * yields and sleeps, which its thread alone completes and awaits with plain stores while it is open.
 */
public interface CoroutineHost extends TaskOwner {

    /** Whether the calling thread is the host's thread. */
    @Override
    boolean inHostThread();

    /** Whether the host has shut down ({@link LoopCore#isClosed()}). */
    @Override
    default boolean ownerClosed() {
        return ((LoopCore) this).isClosed();
    }

    /** A coroutine starts here: it is live until its body ends. Host thread only. */
    void adopt(HostedCoroutine coroutine);

    /**
     * The body of {@code coroutine} has ended, with {@code lateFailure} if it threw after its task
     * had been cancelled (reported as uncaught). Any thread.
     */
    void coroutineEnded(HostedCoroutine coroutine, @Nullable Throwable lateFailure);

    /** Work this host started runs on another thread and will come back. Any thread. */
    void workLeft();

    /** The work counted by {@link #workLeft} has come back. Any thread. */
    void workCameBack();}
