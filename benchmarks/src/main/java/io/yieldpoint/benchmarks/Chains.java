package io.yieldpoint.benchmarks;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

/** Coroutines measured by {@link AwaitBenchmark}. */
public interface Chains {

    /** Awaits {@code n} tasks that have already completed: the fast path, no suspension. */
    @Coroutine
    default Task<Long> sumCompleted(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = await(done(i));
            sum += v;
        }
        return done(sum);
    }

    /** Suspends {@code n} times, letting the event loop run something else each time. */
    @Coroutine
    default Task<Integer> yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            await(yieldNow());
        }
        return done(n);
    }
}
