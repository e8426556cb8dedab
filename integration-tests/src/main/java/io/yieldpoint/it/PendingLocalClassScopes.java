package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUGS (WRONG BEHAVIOUR, compiles): names declared by an anonymous class inside a
 * coroutine body are resolved as if they were the body's.
 * <ul>
 *   <li>{@code anonymousClassFieldNamedLikeALiftedLocal}: inside the anonymous class, {@code k}
 *       is the class's own field (100), but the analysis skips member variables and binds {@code k}
 *       to the lifted local, so the Rewriter replaces it with the snapshot {@code kCaptured}.
 *       Blocking reading of (3): trace [k=100 outer k=3], value "k=100"; generated: trace
 *       [k=3 outer k=3], value "k=3".</li>
 *   <li>{@code localClassMethodNamedLikeAnInterfaceMethod}: inside the anonymous class,
 *       {@code name(n)} calls the class's own method, but the Rewriter turns every unqualified call
 *       of an interface method name into {@code self.name(n)}, even inside local classes. Blocking
 *       reading of (3): trace [inner3 outer3], value "inner3"; generated: trace [outer3 outer3],
 *       value "outer3".</li>
 * </ul>
 */
public interface PendingLocalClassScopes extends Traced {

    /** A plain default method with the same name as a method of the anonymous class below. */
    default String name(int x) {
        return "outer" + x;
    }

    @Coroutine
    default Task<String> anonymousClassFieldNamedLikeALiftedLocal(int n) {
        int k = await(done(n));
        Supplier<String> s = new Supplier<String>() {
            private final int k = 100;

            @Override
            public String get() {
                return "k=" + k;
            }
        };
        await(yieldNow());
        log().add(s.get() + " outer k=" + k);
        return done(s.get());
    }

    @Coroutine
    default Task<String> localClassMethodNamedLikeAnInterfaceMethod(int n) {
        await(yieldNow());
        Supplier<String> s = new Supplier<String>() {
            String name(int x) {
                return "inner" + x;
            }

            @Override
            public String get() {
                return name(n);
            }
        };
        log().add(s.get() + " " + name(n));
        return done(s.get());
    }
}
