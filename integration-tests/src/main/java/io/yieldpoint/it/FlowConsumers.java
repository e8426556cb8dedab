package io.yieldpoint.it;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/** Coroutines reading async streams that come from elsewhere (a Flow.Publisher, for one). */
public interface FlowConsumers {

    /** The sum of the first {@code limit} values, leaving the stream early if there are more. */
    @Coroutine
    default Task<Long> sumFirst(AsyncStream<Integer> values, int limit) {
        long sum = 0;
        int seen = 0;
        for (int x : each(values)) {
            if (seen == limit) {
                break;
            }
            await(yieldNow());
            sum += x;
            seen++;
        }
        return done(sum);
    }

    /**
     * The sum of a long stream, with the used heap sampled (after a GC) at two points: what a
     * stream holds must not grow with the number of values read.
     */
    @Coroutine
    default Task<Long> sumSampling(AsyncStream<Integer> values, int sampleAt, long[] usedHeap) {
        long sum = 0;
        int seen = 0;
        for (int x : each(values)) {
            sum += x;
            seen++;
            if (seen == sampleAt || seen == 2 * sampleAt) {
                usedHeap[seen == sampleAt ? 0 : 1] = Heap.usedAfterGc();
            }
        }
        return done(sum);
    }
}
