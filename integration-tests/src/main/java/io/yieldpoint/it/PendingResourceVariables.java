package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 1): try-with-resources naming existing variables
 * ({@code try (r; f)}, Java 9), where a variable is not the last resource: its source text is taken
 * with the {@code ;} separator, giving {@code if (r; != null) { ... r;.close(); }} in the generated
 * file ("')' expected"). A single {@code try (r)} compiles (TryCorpus.existingVariableAsResource).
 */
public interface PendingResourceVariables extends Traced {

    /** A resource that records its closing. */
    final class Res implements AutoCloseable {
        private final java.util.List<String> log;
        private final String name;

        public Res(java.util.List<String> log, String name) {
            this.log = log;
            this.name = name;
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    @Coroutine
    default Task<String> twoExistingVariables(int n) {
        Res r = new Res(log(), "r" + n);
        final Res f = new Res(log(), "f");
        try (r; f) {
            await(yieldNow());
            log().add("body");
        }
        return done("closed");
    }

    @Coroutine
    default Task<String> existingVariableThenADeclaration(int n) {
        Res r = new Res(log(), "r" + n);
        try (r; Res g = new Res(log(), "g")) {
            await(yieldNow());
            log().add("body " + (g != null));
        }
        return done("closed");
    }
}
