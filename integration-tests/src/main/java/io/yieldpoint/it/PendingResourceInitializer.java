package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 1): try-with-resources with an await in a resource initializer
 * and no yield point in its body. The generated declaration repeats the type:
 * {@code Res Res r = awaitResult();} ("';' expected"). With an await in the body as well it
 * compiles (TryCorpus.awaitsInResourceInitializers).
 */
public interface PendingResourceInitializer extends Traced {

    /** A resource that records its closing. */
    final class Res implements AutoCloseable {
        private final java.util.List<String> log;

        public Res(java.util.List<String> log) {
            this.log = log;
        }

        public String name() {
            return "r";
        }

        @Override
        public void close() {
            log.add("close");
        }
    }

    @Coroutine
    default Task<String> awaitedResourceYieldFreeBody(int n) {
        try (Res r = await(done(new Res(log())))) {
            log().add("body " + r.name() + n);
        }
        return done("closed");
    }

    /** The same with the await deeper in the initializer, behind a {@code ?:}. */
    @Coroutine
    default Task<String> conditionalResourceYieldFreeBody(int n) {
        try (Res r = n > 0 ? await(done(new Res(log()))) : null) {
            log().add("body " + (r == null ? "none" : r.name()));
        }
        return done("closed");
    }
}
