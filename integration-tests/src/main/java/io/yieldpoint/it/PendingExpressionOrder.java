package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.it.ExpressionCorpus.Box;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bugs (issue 3, section 2): the generated machine evaluates an operand, or a check that
 * Java makes before the right-hand side runs, only after the await of the right-hand side.
 * The blocking reading and the machine differ in trace (the awaited coroutine starts when it must
 * not) or in value. Each method's comment gives both outcomes.
 *
 * <p>The common cause: {@code target op= rhs} is lowered as {@code target = target op rhs} after
 * the await, but Java reads the target's value (unboxing it, checking the array reference, the
 * object reference and the index) before evaluating {@code rhs} (JLS 15.26.2); and a left operand
 * of a binary operator is unboxed before the right one runs (JLS 15.7.1). The spill must hold the
 * left value itself, read and unboxed at its place in the order.
 */
public interface PendingExpressionOrder extends Traced {

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    /**
     * {@code y += rhs} saves the value of {@code y} before evaluating {@code rhs} (JLS 15.26.2).
     * compoundSavesTheLeftValue(1): blocking reading value 103; machine 202 (it reads {@code y}
     * after the right-hand side assigned it).
     */
    @Coroutine
    default Task<Integer> compoundSavesTheLeftValue(int n) {
        int y = n;
        y += (y = 100) + await(later(2));
        return done(y);
    }

    /**
     * {@code boxed + await(t)} unboxes the left operand before the right one runs (JLS 15.7.1).
     * unboxesTheLeftOperandFirst(1): blocking reading trace [] and NullPointerException; machine
     * trace [later 1] and NullPointerException (later(1) ran).
     */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> unboxesTheLeftOperandFirst(int n) {
        Integer nothing = n > 0 ? null : n;
        int r = nothing + await(later(1));
        return done(r);
    }

    /**
     * {@code boxed += await(t)}: the same for a compound assignment.
     * unboxesTheCompoundTargetFirst(1): blocking reading trace [], machine trace [later 5]; both
     * throw NullPointerException.
     */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> unboxesTheCompoundTargetFirst(int n) {
        Integer boxed = n > 0 ? null : n;
        boxed += await(later(5));
        return done(boxed);
    }

    /**
     * {@code a[i] += rhs} reads the element, so checks the index, before evaluating {@code rhs}
     * (JLS 15.26.2). compoundElementChecksTheIndexFirst(2): blocking reading trace [later 2],
     * machine trace [later 2, later 7]; both throw ArrayIndexOutOfBoundsException.
     */
    @Coroutine
    default Task<Integer> compoundElementChecksTheIndexFirst(int n) {
        int[] arr = {1, 2};
        arr[await(later(n))] += await(later(7));
        return done(arr[0] + arr[1]);
    }

    /**
     * {@code box.v += rhs} with a null {@code box} throws before {@code rhs} runs.
     * compoundOnANullFieldTarget(1): blocking reading trace [], machine trace [later 5]; both throw
     * NullPointerException.
     */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> compoundOnANullFieldTarget(int n) {
        Box box = n > 0 ? null : new Box("b", 0);
        box.v += await(later(5));
        return done(box.v);
    }

    /**
     * {@code arr[0] += rhs} with a null {@code arr} throws before {@code rhs} runs.
     * compoundOnANullArray(1): blocking reading trace [], machine trace [later 6]; both throw
     * NullPointerException.
     */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> compoundOnANullArray(int n) {
        int[] arr = n > 0 ? null : new int[1];
        arr[0] += await(later(6));
        return done(arr[0]);
    }

    /**
     * {@code s += rhs} for a String: compoundStringSavesTheLeftValue(1): blocking reading value
     * "ab1", machine "bb1".
     */
    @Coroutine
    default Task<String> compoundStringSavesTheLeftValue(int n) {
        String s = "a";
        s += (s = "b") + await(later(n));
        return done(s);
    }
}
