package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/** A class holding coroutine interfaces: generated as {@code Holder_InsideCoroutines} and {@code Holder_Mid_DeepCoroutines}. */
public final class Holder {

    private Holder() {}

    /** A coroutine interface nested in a class. */
    public interface Inside extends Traced {

        @Coroutine
        default Task<String> inside(int n) {
            await(yieldNow());
            log().add("inside " + n);
            return done("in" + await(deep(n)));
        }

        /** Calls a coroutine of another nested interface's generated class. */
        default Task<Integer> deep(int n) {
            return Holder_Mid_DeepCoroutines.of(() -> log()).deeper(n);
        }
    }

    /** A class nested in a class, holding an interface. */
    public static final class Mid {

        private Mid() {}

        /** A coroutine interface two levels deep. */
        public interface Deep extends Traced {

            @Coroutine
            default Task<Integer> deeper(int n) {
                int v = await(done(n + 1));
                await(yieldNow());
                log().add("deeper " + v);
                return done(v * 2);
            }
        }
    }
}
