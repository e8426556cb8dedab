package com.example;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;

/** Coroutines are default methods; the processor generates FetcherCoroutines next to this file. */
public interface Fetcher {

    @Coroutine
    default Task<Integer> fetchData() {
        System.out.println("waiting for data");
        await(sleep(Duration.ofMillis(200)));   // a yield point: the thread is free meanwhile
        System.out.println("data received");
        return done(42);
    }

    @Coroutine
    default Task<Void> main() {
        int result = await(fetchData());         // a coroutine awaiting another
        System.out.println("result: " + result);
        return done();
    }
}
