package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A million values through an async stream and a for-each loop in bounded memory: the used heap
 * (after a GC) when half the values have been read and when all have differs by less than a
 * megabyte, where keeping them would take about 16 MB (a boxed Integer apiece, plus the list).
 */
class MillionValuesTest {

    private static final int HALF = 500_000;

    @Test
    void aMillionValuesStreamInBoundedMemory() {
        StreamBehaviour producers = StreamBehaviourCoroutines.of(() -> List.of());
        FlowConsumers consumers = FlowConsumersCoroutines.create();
        long[] used = new long[2];
        long sum = EventLoop.run(() -> consumers.sumSampling(producers.counting(2 * HALF), HALF, used));
        assertEquals((long) 2 * HALF * (2 * HALF - 1) / 2, sum);
        long growth = used[1] - used[0];
        System.out.printf("MillionValuesTest: used heap after GC %,d bytes at %,d values, %,d at %,d: %+,d bytes%n",
                used[0], HALF, used[1], 2 * HALF, growth);
        assertTrue(growth < 1_000_000, "the heap grew by " + growth + " bytes over " + HALF + " values");
    }
}
