package io.yieldpoint.runtime.machine;

import org.jspecify.annotations.Nullable;

/**
 * What runs when a coroutine's body ends ({@link CoroutineMachine#whenEnded}). A type of its own,
 * not a member of {@link CoroutineMachine}: a generated machine inherits its base class's member
 * types, which would hide a user's type of the same name.
 */
@FunctionalInterface
public interface EndListener {
    /**
     * The body has ended; {@code lateFailure} is what it threw after its task had been cancelled,
     * or null. Returns true to take charge of that failure (it is then not reported as uncaught).
     */
    boolean bodyEnded(@Nullable Throwable lateFailure);
}
