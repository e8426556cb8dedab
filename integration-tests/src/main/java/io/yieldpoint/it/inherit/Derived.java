package io.yieldpoint.it.inherit;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

public interface Derived extends Base<String> {
    @Override
    default String seed() {
        return "derived-seed";
    }

    @Override
    default String extra() {
        return "overridden";
    }

    @Coroutine
    default Task<String> both() {
        String a = await(describe(1));
        return done(a + " / both");
    }
}
