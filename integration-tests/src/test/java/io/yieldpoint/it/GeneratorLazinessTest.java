package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yieldpoint.Generator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The generated generator runs its body lazily, one step per value; the blocking reading is eager
 * by contract, so only the generated one is tested here (the differential test compares values).
 */
class GeneratorLazinessTest {

    private final GeneratorCases.Recorder impl = new GeneratorCases.Recorder();
    private final GeneratorCorpus generated = GeneratorCorpusCoroutines.of(impl);

    @Test
    void callingRunsNothing() {
        generated.steps(5);
        assertEquals(List.of(), impl.log());
    }

    @Test
    void takingTwoValuesRunsTheBodyUpToTheSecondEmit() {
        List<String> first = generated.steps(100).stream().limit(2).toList();
        assertEquals(List.of("v0", "v1"), first);
        assertEquals(List.of("start", "step 0", "step 1"), impl.log());
    }

    @Test
    void eachHasNextRunsOneStep() {
        Iterator<String> it = generated.steps(3).iterator();
        assertEquals(List.of(), impl.log());
        it.hasNext();
        it.hasNext();
        assertEquals(List.of("start", "step 0"), impl.log());
        it.next();
        it.next();
        assertEquals(List.of("start", "step 0", "step 1"), impl.log());
    }

    @Test
    void theBlockingReadingRunsEverythingAtTheCall() {
        GeneratorCases.Recorder plain = new GeneratorCases.Recorder();
        plain.steps(3);
        assertEquals(List.of("start", "step 0", "step 1", "step 2", "end"), plain.log());
    }

    @Test
    void aGeneratorIsIterableAgainFromTheStart() {
        Generator<Integer> countdown = generated.countdown(3);
        Iterator<Integer> first = countdown.iterator();
        assertEquals(3, first.next());
        // A second iterator starts the body afresh with the original argument, though the first
        // iteration has already decremented the parameter.
        assertEquals(List.of(3, 2, 1), Differential.toList(countdown));
        assertEquals(2, first.next());
    }

    @Test
    void anExceptionSurfacesAtTheStepThatThrowsAfterTheValuesBeforeIt() {
        Iterator<Integer> it = generated.throwsMidway(1).iterator();
        assertEquals(1, it.next());
        assertEquals(2, it.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, it::hasNext);
        assertEquals("midway 1", e.getMessage());
        assertFalse(it.hasNext());
    }

    @Test
    void closingTheStreamStopsTheBody() {
        try (Stream<String> s = generated.steps(10).stream()) {
            assertEquals("v0", s.findFirst().orElseThrow());
        }
        assertEquals(List.of("start", "step 0"), impl.log());
    }
}
