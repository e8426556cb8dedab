package io.yieldpoint.examples;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;

/**
 * The primer's second example: three workers gathered, all waiting at once on one thread.
 *
 * <pre>
 * async def worker(name, delay):      async def main():
 *     print(f"{name} started")            await asyncio.gather(
 *     await asyncio.sleep(delay)              worker("A", 1), worker("B", 2), worker("C", 1))
 *     print(f"{name} finished")
 * </pre>
 */
public interface Workers {

    @Coroutine
    default Task<String> worker(String name, Duration delay) {
        System.out.println(name + " started");
        await(sleep(delay));
        System.out.println(name + " finished");
        return done(name);
    }

    @Coroutine
    default Task<Void> main() {
        await(all(
                worker("A", Duration.ofSeconds(1)),
                worker("B", Duration.ofSeconds(2)),
                worker("C", Duration.ofSeconds(1))));
        return done();
    }
}
