package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yieldpoint.runtime.debug.SourceLines;
import org.junit.jupiter.api.Test;

/** The line tables generated files register: how generated lines map back to the user's. */
class SourceLinesTest {

    /** A stand-in for a generated class, with a nested "machine" registered under it. */
    static final class FakeCoroutines {
        static final class FakeMachine {}
    }

    @Test
    void linesMapThroughPairsRangesAndProgression() {
        SourceLines.register(FakeCoroutines.class, "FakeMachine", "demo.Fake", "run", "Fake.java",
                "10,12,15", "50:10 60:11 70-72:12 80:20");
        SourceLines.Machine m = SourceLines.of(FakeCoroutines.FakeMachine.class);
        assertEquals(10, m.originalLine(49), "before the first pair: the method's first line");
        assertEquals(10, m.originalLine(50));
        assertEquals(11, m.originalLine(60));
        assertEquals(13, m.originalLine(62), "copied statements keep their lines: 60 -> 11, so 62 -> 13");
        assertEquals(12, m.originalLine(70));
        assertEquals(12, m.originalLine(72), "a range maps each of its lines to the same line");
        assertEquals(13, m.originalLine(73), "after a range, lines go on from its last one");
        assertEquals(25, m.originalLine(85));
        assertEquals(12, m.stateLine(1));
        assertEquals(-1, m.stateLine(3), "no such state");
        assertEquals("Fake.run", m.displayName());
    }

    @Test
    void aMalformedTableIsRefusedWhenTheClassInitializes() {
        assertThrows(IllegalArgumentException.class, () -> SourceLines.register(FakeCoroutines.class, "Other",
                "demo.Fake", "run", "Fake.java", "10", "50"));
    }
}
