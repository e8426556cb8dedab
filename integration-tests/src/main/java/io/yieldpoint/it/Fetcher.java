package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;
import static io.yieldpoint.Co.*;

public interface Fetcher {
    @Coroutine
    default Task<Integer> fetchData() {
        System.out.println("waiting for data");
        await(sleep(Duration.ofMillis(100)));      // a yield point: the thread is free meanwhile
        System.out.println("data received");
        return done(42);
    }

    @Coroutine
    default Task<Void> main() {
        int result = await(fetchData());           // a coroutine awaiting another
        System.out.println("result: " + result);
        for (int i = 0; i < 3; i++) {
            long v = await(fetchData());
            if (v > 10) {
                System.out.println("big " + v + " " + i);
                continue;
            }
            System.out.println("never");
        }
        return done();
    }
}
