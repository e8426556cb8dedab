package io.yieldpoint.it;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Names that the generated file must resolve as the interface does: a method of the interface that
 * hides a DSL method of the static import ({@code yieldNow}), and nested types named like types the
 * generated code uses ({@code Objects}, {@code CoroutineMachine}).
 */
public interface ShadowingCorpus extends Traced {

    /** A value type whose name is also {@code java.util.Objects}'s. */
    record Objects(int n) {}

    /** A type whose name is also the runtime's machine base class. */
    final class CoroutineMachine {
        private CoroutineMachine() {}
    }

    /** Hides {@code Co.yieldNow} for unqualified calls in this interface's bodies. */
    default Task<Void> yieldNow() {
        log().add("own yieldNow");
        return Co.yieldNow();
    }

    @Coroutine
    default Task<Integer> hiddenDslMethod(int n) {
        await(yieldNow());
        Objects o = new Objects(n);
        await(Co.yieldNow());
        log().add("o=" + o);
        return done(o.n());
    }
}
