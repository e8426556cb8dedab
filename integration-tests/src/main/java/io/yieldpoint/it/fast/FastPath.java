package io.yieldpoint.it.fast;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

/** Awaits of tasks that have already completed: the fast path. */
public interface FastPath {

    @Coroutine
    default Task<Long> sumCompleted(Task<Integer> completed, int times) {
        long sum = 0;
        for (int i = 0; i < times; i++) {
            int v = await(completed);
            sum += v;
        }
        return done(sum);
    }
}
