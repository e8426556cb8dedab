package io.yieldpoint.runtime.internal;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.internal.AbstractTask;

/**
 * What {@code Dispatch.switchTo(d)} returns: a completed task that a state machine recognises at
 * its {@code await} and answers by moving itself to {@link #target}. In the blocking reading it is
 * just a completed task.
 */
public final class DispatcherSwitch extends AbstractTask<Void> {

    /** Where the awaiting coroutine resumes from now on. */
    public final Dispatcher target;

    public DispatcherSwitch(Dispatcher target) {
        this.target = target;
        completeValue(null);
    }

    @Override
    public String toString() {
        return "switchTo(" + target.name() + ")";
    }
}
