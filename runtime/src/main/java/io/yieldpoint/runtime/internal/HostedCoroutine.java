package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.AbstractTask;
import org.jspecify.annotations.Nullable;

/**
 * What an event loop needs of a coroutine it hosts: to cancel it when the loop shuts down, to
 * describe it in dumps and reports, to learn of a failure nobody observed, and its slot in the
 * loop's {@link LiveCoroutines}, so that the list needs no node of its own. The generated-code ABI's
 * {@code CoroutineMachine} is the one implementation.
 */
public interface HostedCoroutine {

    /** Cancels the coroutine (its body unwinds at its next yield point). */
    boolean cancel();

    /** One line for dumps and reports: the coroutine, its state, where it would resume, what it awaits. */
    String describe();

    /** Whether it failed and nobody has looked at the failure yet. */
    boolean hasUnobservedFailure();

    /** The failure nobody has observed yet, without observing it; null if there is none. */
    @Nullable Throwable unobservedFailure();

    /**
     * A watch of its unobserved failure that outlives it (see {@code AbstractTask}); null if it has
     * none.
     */
    io.yieldpoint.internal.@Nullable FailureWatch watchUnobservedFailure();

    /** Where it is in its loop's {@link LiveCoroutines}: 0 if in none, else its slot plus one. */
    int liveSlot();

    void liveSlot(int slot);
}
