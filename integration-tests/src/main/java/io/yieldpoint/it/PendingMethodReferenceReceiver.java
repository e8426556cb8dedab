package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 2): an await as the receiver of a method reference
 * ({@code await(t)::length}; the receiver is evaluated once, when the reference is made, so it may
 * suspend like any operand). The processor fails instead: {@code [YP-Internal] the Yieldpoint
 * processor failed on this interface (a bug in Yieldpoint, not in your code):
 * java.lang.IllegalStateException: the analysis let through a yield point in MEMBER_REFERENCE}
 * (at ExpressionLowering.operands). Either lower it or report a proper diagnostic.
 */
public interface PendingMethodReferenceReceiver extends Traced {

    /** Records its start, suspends, then completes with {@code s}. */
    @Coroutine
    default Task<String> text(String s) {
        log().add("text " + s);
        await(yieldNow());
        return done(s);
    }

    @Coroutine
    default Task<String> methodReferenceOnAnAwaitedReceiver(int n) {
        Supplier<Integer> length = await(text("abc" + n))::length;
        java.util.function.Function<String, String> concat = await(text("pre-"))::concat;
        return done(length.get() + " " + concat.apply("x"));
    }
}
