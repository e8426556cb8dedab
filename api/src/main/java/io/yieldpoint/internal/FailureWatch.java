package io.yieldpoint.internal;

/**
 * Learns whether a task's unobserved failure was ever observed: see
 * {@link AbstractTask#watchUnobservedFailure()}. A type of its own, not a member of
 * {@link AbstractTask}: a generated machine inherits the member types of its base classes, which
 * would hide a user's type of the same name.
 */
public final class FailureWatch {
    private volatile boolean observed;

    FailureWatch() {}

    /** Whether someone has taken the task's outcome since the watch was made. */
    public boolean observed() {
        return observed;
    }

    void markObserved() {
        observed = true;
    }
}
