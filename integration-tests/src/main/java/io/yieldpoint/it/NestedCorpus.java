package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/** Holds a nested coroutine interface, whose generated class is {@code NestedCorpus_InnerCoroutines}. */
public interface NestedCorpus {

    /** A nested interface with coroutines. */
    interface Inner extends Traced {

        @Coroutine
        default Task<Integer> inner(int n) {
            await(yieldNow());
            log().add("inner " + n);
            int m = await(done(n + 1));
            return done(m);
        }
    }
}
