package io.yieldpoint.examples;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The primer's third point: the same waits, blocking and cooperative. {@link #blocking} holds its
 * thread for each wait, one after the other; {@link #cooperative} lets one thread wait for all of
 * them at once.
 */
public interface Waiting {

    /** Three one-second waits with a blocking sleep: the thread does nothing else for 3 s. */
    default void blocking(int waits, Duration each) throws InterruptedException {
        for (int i = 0; i < waits; i++) {
            Thread.sleep(each.toMillis());
            System.out.println("blocking wait " + (i + 1) + " done on " + Thread.currentThread().getName());
        }
    }

    @Coroutine
    default Task<Integer> oneWait(int number, Duration each) {
        await(sleep(each));
        System.out.println("coroutine wait " + number + " done on " + Thread.currentThread().getName());
        return done(number);
    }

    /** The same waits as coroutines: they overlap, so the thread is free for 2 of the 3 seconds. */
    @Coroutine
    default Task<List<Integer>> cooperative(int waits, Duration each) {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i <= waits; i++) {
            tasks.add(oneWait(i, each));
        }
        List<Integer> done = await(all(tasks));
        return done(done);
    }
}
