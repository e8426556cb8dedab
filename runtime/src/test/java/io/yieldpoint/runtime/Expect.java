package io.yieldpoint.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ordering checks in the kotlinx.coroutines style: {@code expect(1) ... expect(2) ... finish(3)}.
 * Each step must come exactly once and in order. A step out of order throws at once, and is also
 * kept, so that a mistake on a thread whose exceptions nobody sees still fails {@link #finish}.
 */
final class Expect {

    private final AtomicInteger last = new AtomicInteger();
    private final AtomicReference<AssertionError> error = new AtomicReference<>();

    /** Marks step {@code n}: the step before must have been {@code n - 1}. */
    void expect(int n) {
        int was = last.getAndIncrement();
        if (was != n - 1) {
            fail("expected step " + n + " but step " + (was + 1) + " came on "
                    + Thread.currentThread().getName());
        }
    }

    /** Marks the last step, {@code n}, and fails if any step went wrong anywhere. */
    void finish(int n) {
        expect(n);
        AssertionError e = error.get();
        if (e != null) {
            throw e;
        }
    }

    /** A point that must not be reached. */
    void unreachable(String what) {
        fail("unreachable: " + what);
    }

    private void fail(String message) {
        AssertionError e = new AssertionError(message);
        error.compareAndSet(null, e);
        throw e;
    }
}
