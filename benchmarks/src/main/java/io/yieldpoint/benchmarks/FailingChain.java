package io.yieldpoint.benchmarks;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

/** Three coroutines that call each other, the innermost failing: for {@link StackTraceBenchmark}. */
public interface FailingChain {

    @Coroutine
    default Task<Integer> top(int n) {
        return done(await(middle(n)) + 1);
    }

    @Coroutine
    default Task<Integer> middle(int n) {
        return done(await(bottom(n)) + 1);
    }

    @Coroutine
    default Task<Integer> bottom(int n) {
        if (n > 0) {
            throw new IllegalStateException("failed");
        }
        return done(n);
    }

    /** The same three calls as plain Java methods, the baseline. */
    static int plainTop(int n) {
        return plainMiddle(n) + 1;
    }

    static int plainMiddle(int n) {
        return plainBottom(n) + 1;
    }

    static int plainBottom(int n) {
        if (n > 0) {
            throw new IllegalStateException("failed");
        }
        return n;
    }
}
