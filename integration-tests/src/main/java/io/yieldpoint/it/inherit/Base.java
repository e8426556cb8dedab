package io.yieldpoint.it.inherit;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

public interface Base<T> {
    T seed();

    @Coroutine
    default Task<String> describe(int n) {
        await(yieldNow());
        return done("base " + seed() + " " + n + " " + extra());
    }

    default String extra() {
        return "plain";
    }
}
