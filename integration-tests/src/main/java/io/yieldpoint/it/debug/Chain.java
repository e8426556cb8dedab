package io.yieldpoint.it.debug;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;

/**
 * A three-level chain of coroutines that fails at the bottom, for the stack-trace tests, which
 * name the lines of this file: keep them where they are, or update {@code StackTraceTest}.
 */
public interface Chain {

    /** Whether each level suspends (a {@code yieldNow}) before going on. */
    boolean suspends();

    @Coroutine
    default Task<Integer> top(int n) {
        int base = n * 10;
        int value = await(middle(n));                          // line 20
        return done(base + value);
    }

    @Coroutine
    default Task<Integer> middle(int n) {
        if (suspends()) {
            await(yieldNow());
        }
        int value = await(bottom(n));                          // line 29
        return done(value + 1);
    }

    @Coroutine
    default Task<Integer> bottom(int n) {
        if (suspends()) {
            await(yieldNow());
        }
        if (n > 0) {
            throw new IllegalStateException("bottom failed for " + n);   // line 39
        }
        return done(n);
    }

    /** Suspends forever on {@code never}, at line 47. */
    @Coroutine
    default Task<Integer> parked(Task<Integer> never) {
        int v = await(never);                                  // line 47
        return done(v);
    }

    /** Awaits {@link #parked}, at line 54. */
    @Coroutine
    default Task<Integer> parent(Task<Integer> never) {
        return done(await(parked(never)) + 1);                 // line 54
    }

    /** Emits 1, then fails at line 61. */
    @Coroutine
    default io.yieldpoint.Generator<Integer> failingAfterOne() {
        emit(1);
        throw new IllegalStateException("the generator failed");   // line 61
    }

    /** Wraps an exception thrown and caught inside its own step; the cause comes from line 69. */
    @Coroutine
    default Task<Integer> wrapsItsOwn(String text) {
        await(yieldNow());
        try {
            return done(Integer.parseInt(text));                   // line 69
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text, e);
        }
    }
}
