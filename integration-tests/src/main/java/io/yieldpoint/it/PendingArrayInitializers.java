package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 2): an array initializer {@code {...}} holding an await is copied
 * bare where Java allows only {@code new T[] {...}}, so the generated file does not parse.
 */
public interface PendingArrayInitializers extends Traced {

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    /**
     * A local living across a yield point, declared with an initializer holding an await: the
     * machine assigns the lifted field {@code init = {n, typed(awaitResult(), () -> ...), 3};}
     * ("illegal start of expression"). The same declaration compiles when {@code init} is not
     * lifted (no yield point after it).
     */
    @Coroutine
    default Task<Integer> liftedLocalWithAnAwaitInItsInitializer(int n) {
        int[] init = {n, await(later(2)), 3};
        await(yieldNow());
        log().add("init " + init[0] + init[1] + init[2]);
        return done(init[0] + init[1] + init[2]);
    }

    /**
     * A nested initializer holding an await is spilled as a bare {@code spill2 = {...};} and read
     * back as {@code typed(spill2, () -> {self.tick("a", 1), await(self.later(2))})} (both
     * "illegal start of expression").
     */
    @Coroutine
    default Task<String> nestedInitializerWithAnAwait(int n) {
        int[][] grid = new int[][] {{n, await(later(2))}, {await(later(n))}, {}};
        return done(java.util.Arrays.deepToString(grid));
    }
}
