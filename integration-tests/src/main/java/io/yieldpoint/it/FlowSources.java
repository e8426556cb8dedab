package io.yieldpoint.it;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import java.util.List;
import static io.yieldpoint.Co.*;

/** Async streams for the Flow bridge's tests: the Reactive Streams TCK and Reactor. */
public interface FlowSources {

    /** 0, 1, ... n - 1, with a yield between values; {@code Long.MAX_VALUE} is endless in practice. */
    @Coroutine
    default AsyncStream<Long> range(long n) {
        for (long i = 0; i < n; i++) {
            emit(i);
            if (i % 16 == 15) {
                await(yieldNow());
            }
        }
        return end();
    }

    @Coroutine
    default AsyncStream<Long> failing() {
        await(yieldNow());
        throw new IllegalStateException("the producer failed");
    }

    /** Emits {@code n} values, logging its cleanup (which awaits) in {@code log}. */
    @Coroutine
    default AsyncStream<Integer> withCleanup(int n, List<String> log) {
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(1));
                emit(i);
            }
        } finally {
            await(sleep(1));
            log.add("cleanup");
        }
        return end();
    }
}
