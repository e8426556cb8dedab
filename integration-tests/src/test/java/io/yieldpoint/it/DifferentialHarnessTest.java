package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.it.Differential.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: what counts as the same result. */
class DifferentialHarnessTest {

    @Test
    void valuesCompareByEquality() {
        assertTrue(new Outcome(List.of(), List.of(1, 2), null).sameResult(new Outcome(List.of(), List.of(1, 2), null)));
        assertFalse(new Outcome(List.of(), 1, null).sameResult(new Outcome(List.of(), 1L, null)));
        assertFalse(new Outcome(List.of(), null, null).sameResult(new Outcome(List.of(), null, new RuntimeException())));
    }

    @Test
    void exceptionsCompareByClassAndMessage() {
        Outcome boom = new Outcome(List.of(), null, new IllegalStateException("boom"));
        assertTrue(boom.sameResult(new Outcome(List.of(), null, new IllegalStateException("boom"))));
        assertFalse(boom.sameResult(new Outcome(List.of(), null, new IllegalStateException("bang"))));
        assertFalse(boom.sameResult(new Outcome(List.of(), null, new IllegalArgumentException("boom"))));
    }

    @Test
    void nullPointerExceptionsCompareByClassOnly() {
        Outcome npe = new Outcome(List.of(), null, new NullPointerException("because a is null"));
        assertTrue(npe.sameResult(new Outcome(List.of(), null, new NullPointerException("because b is null"))));
    }
}
