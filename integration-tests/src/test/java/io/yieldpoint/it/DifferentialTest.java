package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Outcome;
import io.yieldpoint.it.Differential.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus case run through the blocking reading (the oracle) and through the generated state
 * machine, on an event loop and from a plain thread: the traces, values and exceptions must be
 * equal. A failure prints the case (method and arguments) and both outcomes.
 */
class DifferentialTest {

    /**
     * A hung machine (a lost wake-up, a jump in a circle) fails its case instead of hanging the
     * build. Every reading runs on JUnit's timeout thread, a plain thread outside any event loop.
     */
    private static final Duration LIMIT = Duration.ofSeconds(10);

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>(TaskCases.all());
        all.addAll(GeneratorCases.all());
        all.addAll(StreamCases.all());
        all.addAll(EdgeCases.all());
        all.addAll(ExpressionCases.all());
        all.addAll(StatementCases.all());
        all.addAll(TryCases.all());
        all.addAll(GeneratorStatementCases.all());
        all.addAll(TypesCases.all());
        all.addAll(NamesCases.all());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedMachineBehavesAsTheBlockingReading(Case c) {
        Outcome oracle = run(c, Reading.BLOCKING);
        compare(c, Reading.EVENT_LOOP, oracle, run(c, Reading.EVENT_LOOP));
        compare(c, Reading.PLAIN_THREAD, oracle, run(c, Reading.PLAIN_THREAD));
        if (c.generator()) {
            iteratesTwice(c, oracle);
        }
        if (c.sameInstance() != null) {
            assertSame(c.sameInstance(), oracle.error(), c + ": the blocking reading rethrows the given instance");
        }
    }

    private static Outcome run(Case c, Reading reading) {
        return assertTimeoutPreemptively(LIMIT, () -> c.run().apply(reading), () -> c + " hung in " + reading);
    }

    private static void compare(Case c, Reading reading, Outcome oracle, Outcome actual) {
        boolean sameInstance = c.sameInstance() == null || actual.error() == c.sameInstance();
        if (!oracle.trace().equals(actual.trace()) || !oracle.sameResult(actual) || !sameInstance) {
            if (actual.error() != null) {
                actual.error().printStackTrace();
            }
            fail(c + " differs in " + reading + "\n    blocking reading: " + oracle + "\n    " + reading + ": "
                    + actual + (sameInstance ? "" : "\n    (expected the very instance " + c.sameInstance() + ")"));
        }
    }

    /**
     * A generator iterated twice runs its body afresh: twice the trace, the same values twice. The
     * blocking reading collects once, so the expectation is built from its single run.
     */
    private static void iteratesTwice(Case c, Outcome oracle) {
        Outcome twice = run(c, Reading.ITERATED_TWICE);
        List<String> expectedTrace = new ArrayList<>(oracle.trace());
        if (oracle.error() == null) {
            expectedTrace.addAll(oracle.trace()); // a failing body stops the first iteration
        }
        Outcome expected = new Outcome(expectedTrace,
                oracle.error() == null ? List.of(oracle.value(), oracle.value()) : null, oracle.error());
        compare(c, Reading.ITERATED_TWICE, expected, twice);
    }
}
