package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A generator closed by its consumer before its end runs the finally blocks, and closes the
 * resources, of the try statements it is suspended in, and nothing after them. The blocking reading
 * is eager by contract (its body has run to the end when the method returns), so only the generated
 * machine is tested here.
 */
class GeneratorCloseTest {

    private final GeneratorStatementCases.Recorder impl = new GeneratorStatementCases.Recorder();
    private final GeneratorStatementCorpus generated = GeneratorStatementCorpusCoroutines.of(impl);

    @Test
    void closingALimitedStreamRunsTheFinally() {
        try (Stream<Integer> s = generated.emitInTryFinally(10).stream()) {
            assertEquals(List.of(0, 1), s.limit(2).toList());
            assertEquals(List.of("start", "emit 0", "emit 1"), impl.log(), "nothing ran past the second value");
        }
        assertEquals(List.of("start", "emit 0", "emit 1", "finally"), impl.log(), "the finally ran, 'after' did not");
    }

    @Test
    void closingRunsNestedFinallysInnermostFirst() {
        try (Stream<String> s = generated.emitInNestedFinallys(5).stream()) {
            assertEquals(List.of("outer", "inner0"), s.limit(2).toList());
        }
        assertEquals(List.of("inner finally", "outer finally"), impl.log());
    }

    @Test
    void closingOutsideTheInnerTryRunsOnlyTheOuterFinally() {
        try (Stream<String> s = generated.emitInNestedFinallys(1).stream()) {
            assertEquals(List.of("outer", "inner0", "between"), s.limit(3).toList());
        }
        assertEquals(List.of("inner finally", "outer finally"), impl.log(),
                "the inner finally ran on the way to 'between', the outer one on close");
    }

    @Test
    void closingClosesTheResourcesAndRunsTheFinallysInOrder() {
        try (Stream<String> s = generated.resourcesAndFinallysAroundEmits(5).stream()) {
            assertEquals("r0", s.findFirst().orElseThrow());
        }
        assertEquals(List.of("start", "open r", "inner finally", "close r", "outer finally"), impl.log());
    }

    @Test
    void closingTheIteratorItselfRunsTheFinallys() throws Exception {
        Iterator<String> it = generated.emitInTryWithResources(4).iterator();
        assertEquals("ab0", it.next());
        assertEquals("ab1", it.next());
        ((AutoCloseable) it).close();
        assertEquals(List.of("open a", "open b", "close b", "close a"), impl.log());
        assertEquals(false, it.hasNext(), "a closed generator has no more values");
        ((AutoCloseable) it).close();
        assertEquals(List.of("open a", "open b", "close b", "close a"), impl.log(), "closing twice runs nothing");
    }

    @Test
    void closingBeforeTheFirstValueRunsNothing() {
        generated.emitInTryFinally(3).stream().close();
        assertEquals(List.of(), impl.log());
    }

    @Test
    void closingAfterTheEndRunsNothingMore() {
        try (Stream<Integer> s = generated.emitInTryFinally(2).stream()) {
            assertEquals(List.of(0, 1), s.toList());
        }
        assertEquals(List.of("start", "emit 0", "emit 1", "finally", "after"), impl.log());
    }

    @Test
    void closingAfterAReturnEndInsideTheTryRunsNothingMore() {
        try (Stream<String> s = generated.returnEndThroughFinallys(1).stream()) {
            assertEquals(List.of("v0", "v1"), s.toList());
        }
        assertEquals(List.of("finally 0", "end at 1", "finally 1", "outer finally"), impl.log());
    }

    @Test
    void closingAGeneratorSuspendedOutsideAnyTryRunsNothing() {
        try (Stream<Integer> s = generated.emitInDoWhileAndLabeledLoops(3).stream()) {
            assertEquals(List.of(0), s.limit(1).toList());
        }
        assertEquals(List.of(), impl.log());
    }

    @Test
    void aRecursiveGeneratorIsReadLazily() {
        try (Stream<Integer> s = generated.leaves(List.of(1, List.of(2, List.of(3, 4)), 5)).stream()) {
            assertEquals(List.of(1, 2), s.limit(2).toList());
        }
        assertEquals(List.of("leaf 1", "leaf 2"), impl.log());
    }
}
