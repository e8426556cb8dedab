package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 2): a {@code ?:} with an await on one side and a value of another
 * numeric type on the other. {@code await} is a generic method, so javac types the conditional from
 * its context (an assignment to {@code long}, an operand of {@code +}). The machine reads the spilled
 * value back through {@code typed(spill1, () -> <the conditional>)}, where the lambda's return is no
 * such context: javac infers the lub {@code Number & Comparable<...>} and rejects the generated code
 * ("incompatible types: inferred type does not conform to upper bound(s); inferred: INT#1, upper
 * bound(s): Long,Object", or "bad operand types for binary operator '+'"). Smallest form:
 * {@code long x = n > 0 ? await(done(n)) : 5L;}. With an explicit cast,
 * {@code n > 0 ? (long) await(t) : 5L}, it compiles (ExpressionCorpus.conditionalNumericPromotion).
 */
public interface PendingConditionalTypes extends Traced {

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    /** {@code long l = typed(spill1, () -> n > 0 ? await(self.later(n)) : 5L);} does not compile. */
    @Coroutine
    default Task<Long> awaitOrALongLiteral(int n) {
        long l = n > 0 ? await(later(n)) : 5L;
        log().add("l=" + l);
        return done(l);
    }

    /** {@code double d = typed(spill1, () -> n > 0 ? await(self.later(n)) : 2.5);} does not compile. */
    @Coroutine
    default Task<Double> awaitOrADoubleLiteral(int n) {
        double d = n > 0 ? await(later(n)) : 2.5;
        return done(d);
    }

    /** {@code long w = v + (typed(spill1, () -> n > 0 ? 1L : await(self.later(3))));}: bad operand types for '+'. */
    @Coroutine
    default Task<Long> conditionalAsANumericOperand(int n) {
        Integer v = n;
        long w = v + (n > 0 ? 1L : await(later(3)));
        return done(w);
    }
}
