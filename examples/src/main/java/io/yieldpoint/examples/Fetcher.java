package io.yieldpoint.examples;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;

/**
 * The primer's first example: a coroutine that waits for data, and one that awaits it.
 *
 * <pre>
 * async def fetch_data():          async def main():
 *     print("waiting for data")        result = await fetch_data()
 *     await asyncio.sleep(1)           print("result:", result)
 *     print("data received")
 *     return 42                    asyncio.run(main())
 * </pre>
 */
public interface Fetcher {

    @Coroutine
    default Task<Integer> fetchData() {
        System.out.println("waiting for data");
        await(sleep(Duration.ofSeconds(1)));      // a yield point: the thread is free meanwhile
        System.out.println("data received");
        return done(42);
    }

    @Coroutine
    default Task<Void> main() {
        int result = await(fetchData());           // a coroutine awaiting another
        System.out.println("result: " + result);
        return done();
    }
}
