package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, sections 2 and 5): a pattern variable whose scope ends before the next
 * yield point is rejected as if it lived across it. Each method fails to compile with
 * {@code [YP-NotYetSupported] the pattern variable 'i', which lives across a yield point, is not
 * supported yet by this version of the processor; copy it to a local before the yield point
 * (var copy = i;) and use that} at the pattern, although {@code i} is out of scope at every later
 * yield point: a user has to restructure code that Java scopes correctly.
 */
public interface PendingPatternScopes extends Traced {

    /** {@code i} is in scope only in the then-block; the await comes after the whole if. */
    @Coroutine
    default Task<String> patternBeforeAnAwait(Object value) {
        String r = "not int";
        if (value instanceof Integer i) {
            r = "int " + (i + 1);
        }
        await(yieldNow());
        log().add(r);
        return done(r);
    }

    /** {@code i} is not in scope in the else branch, where the await is. */
    @Coroutine
    default Task<String> awaitInTheElseOfAPattern(Object value) {
        String r;
        if (value instanceof Integer i) {
            r = "int " + (i + 1);
        } else {
            r = await(done("other"));
        }
        log().add(r);
        return done(r);
    }

    /** A chain of patterns over awaited values: each binding is used before the next await. */
    @Coroutine
    default Task<String> patternsInAnElseIfChain(Object value) {
        String r;
        if (await(done(value)) instanceof Integer i) {
            r = "int " + (i + 1);
        } else if (await(done(value)) instanceof String s && s.length() > 1) {
            r = "long string " + s;
        } else {
            r = "other";
        }
        log().add(r);
        return done(r);
    }
}
