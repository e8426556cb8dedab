package io.yieldpoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The live list of a loop: start order kept through any mix of adds and removals (random, seeded),
 * through squeezing and resizing of its array; each coroutine's slot names where it is.
 */
class LiveCoroutinesTest {

    static final class Fake implements HostedCoroutine {
        final int id;
        int slot;

        Fake(int id) {
            this.id = id;
        }

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public String describe() {
            return "fake " + id;
        }

        @Override
        public boolean hasUnobservedFailure() {
            return false;
        }

        @Override
        public @Nullable Throwable unobservedFailure() {
            return null;
        }

        @Override
        public io.yieldpoint.internal.@Nullable FailureWatch watchUnobservedFailure() {
            return null;
        }

        @Override
        public int liveSlot() {
            return slot;
        }

        @Override
        public void liveSlot(int slot) {
            this.slot = slot;
        }
    }

    @Test
    void startOrderSurvivesAnyMixOfAddsAndRemovals() {
        LiveCoroutines live = new LiveCoroutines();
        List<Fake> expected = new ArrayList<>();
        Random random = new Random(12);
        int next = 0;
        for (int round = 0; round < 20_000; round++) {
            // Phases that grow the list, then shrink it, to go through growing and shrinking arrays.
            boolean growing = (round / 2_000) % 2 == 0;
            if (expected.isEmpty() || random.nextInt(10) < (growing ? 7 : 3)) {
                Fake f = new Fake(next++);
                live.add(f);
                expected.add(f);
            } else {
                int i = random.nextInt(4) == 0 ? expected.size() - 1 : random.nextInt(expected.size());
                Fake f = expected.remove(i);
                live.remove(f);
                assertEquals(0, f.slot, "out of the list");
                live.remove(f); // harmless twice
            }
            assertEquals(expected.size(), live.size());
            if (round % 97 == 0) {
                assertEquals(expected, live.snapshot(), "round " + round);
                if (!expected.isEmpty()) {
                    assertEquals(expected.subList(0, 1), live.snapshot(1));
                }
            }
        }
        for (Fake f : new ArrayList<>(expected)) {
            live.remove(f);
        }
        assertEquals(0, live.size());
        assertEquals(List.of(), live.snapshot());
    }
}
