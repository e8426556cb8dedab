package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.it.fast.FastPath;
import io.yieldpoint.it.fast.FastPathCoroutines;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Awaiting a task that has already completed neither suspends nor allocates: the generated
 * machine reads the value and goes on in the same step. Shown by counting the bytes the thread
 * allocates (HotSpot's per-thread counter): a million awaits allocate less than one byte each.
 */
class FastPathTest {

    private static final int AWAITS = 1_000_000;

    @Test
    void awaitingACompletedTaskDoesNotSuspend() {
        Task<Long> sum = FastPathCoroutines.create().sumCompleted(Task.completed(3), 10);
        assertTrue(sum.isDone(), "the whole body ran in the first step, on the calling thread");
        assertEquals(30L, sum.join());
    }

    @Test
    void awaitingACompletedTaskDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        FastPath coroutines = FastPathCoroutines.create();
        Task<Integer> completed = Task.completed(7);
        coroutines.sumCompleted(completed, AWAITS).join(); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        Task<Long> sum = coroutines.sumCompleted(completed, AWAITS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(7L * AWAITS, sum.join());
        assertTrue(allocated < AWAITS, "allocated " + allocated + " bytes for " + AWAITS + " awaits");
    }
}
