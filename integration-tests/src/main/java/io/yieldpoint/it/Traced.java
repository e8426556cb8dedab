package io.yieldpoint.it;

import java.util.List;

/**
 * A corpus interface whose coroutines record their side effects: every step appends to
 * {@link #log()}, so that the differential tests can compare what the generated state machine did
 * with what the blocking reading of the same body did, step by step.
 */
public interface Traced {

    /** Where the coroutine bodies record their steps; supplied by the implementation. */
    List<String> log();
}
