package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 4): the {@code var} variable of an enhanced {@code for} over an
 * awaited iterable is rejected, though its type is plain ({@code Integer}, or {@code Number} by
 * upward projection of {@code ? extends Number}): {@code [YP-VarAcrossYield] 'var x' lives across
 * a yield point, so it becomes a field of the state machine, and its type cannot be written as a
 * field type; declare it with an explicit type}. The same loop over a non-awaited iterable compiles
 * (TypesCorpus.varOverAnAwaitedWildcardIterable), and the message gives no inferred type to use
 * (issue 3 asks for "the inferred-type suggestion").
 */
public interface PendingVarOverAnAwaitedIterable extends Traced {

    /** A list with a wildcard type. */
    default List<? extends Number> numbers(int n) {
        return n > 0 ? List.of(1, 2.5) : List.of();
    }

    @Coroutine
    default Task<String> varOverAnAwaitedList(int n) {
        StringBuilder sb = new StringBuilder();
        for (var x : await(done(List.of(n, n + 1)))) {
            await(yieldNow());
            sb.append(x + 1).append(' ');
        }
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> varOverAnAwaitedWildcardList(int n) {
        StringBuilder sb = new StringBuilder();
        for (var x : await(done(numbers(n)))) {
            await(yieldNow());
            sb.append(x.doubleValue()).append(' ');
        }
        log().add("read " + sb);
        return done(sb.toString().trim());
    }
}
