package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, sections 1 and 6): {@code catch (Throwable e)} around an await. The
 * generated catch dispatch writes {@code e = (Throwable) thrown;}, a redundant cast, so a build
 * with {@code -Xlint:all -Werror} (this module's) fails: "warning: [cast] redundant cast to
 * Throwable". Generated code must be warning-free.
 */
public interface PendingCatchThrowable extends Traced {

    @Coroutine
    default Task<String> catchThrowable(Task<Integer> t) {
        try {
            return done("value " + await(t));
        } catch (Throwable e) {
            log().add("caught " + e.getMessage());
            return done("caught " + e.getMessage());
        }
    }
}
