package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUGS: names of the interface (its constants) hidden inside the generated machine by the
 * machine's own fields.
 * <ul>
 *   <li>{@code constantHiddenInOneBlockOnly} (WRONG BEHAVIOUR): a lifted local {@code MARK} in one
 *       block becomes the machine field {@code MARK}, which then also hides the interface constant
 *       {@code MARK} where the body names the constant, outside that block. Blocking reading of
 *       (1): trace [inside local1, outside constant], value "constant"; generated: trace
 *       [inside local1, outside local1], value "local1"; with (0): [outside constant] vs
 *       [outside null]. Lifted fields must not take a name that the body uses for something else.</li>
 *   <li>{@code constantNamedLabel} (DOES NOT COMPILE): an interface constant named {@code label}
 *       is hidden by the base class's {@code label} field: "incompatible types: int cannot be
 *       converted to String" (an int constant would silently read the state number).</li>
 * </ul>
 */
public interface PendingHiddenConstants extends Traced {

    String MARK = "constant";

    String label = "constant label";

    @Coroutine
    default Task<String> constantHiddenInOneBlockOnly(int n) {
        if (n > 0) {
            String MARK = "local" + n;
            await(yieldNow());
            log().add("inside " + MARK);
        }
        await(yieldNow());
        log().add("outside " + MARK);
        return done(MARK);
    }

    @Coroutine
    default Task<String> constantNamedLabel(int n) {
        await(yieldNow());
        log().add(label);
        return done(label + n);
    }
}
