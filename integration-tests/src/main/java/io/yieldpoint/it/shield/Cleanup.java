package io.yieldpoint.it.shield;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Cancellation;
import java.util.List;

/** Cleanup that must await after a cancellation, and a loop that checks for one. */
public interface Cleanup {

    List<String> log();

    Task<Void> forever();

    /** Called at each step of a computation; may cancel it. */
    void tick(int i);

    @Coroutine
    default Task<String> flush() {
        await(yieldNow());
        log().add("flushed");
        return done("flushed");
    }

    @Coroutine
    default Task<Void> work() {
        try {
            log().add("working");
            await(forever());
            log().add("never");
        } catch (java.util.concurrent.CancellationException e) {
            try {
                await(yieldNow());
            } catch (java.util.concurrent.CancellationException again) {
                log().add("await in catch refused");
            }
            throw e;
        } finally {
            log().add("cleanup starts");
            String result = await(Cancellation.shield(flush()));
            log().add("cleanup awaited " + result);
            await(yieldNow());
            log().add("unshielded await in finally ran");
        }
        return done();
    }

    @Coroutine
    default Task<Integer> countUntilCancelled(int limit) {
        await(yieldNow()); // the caller gets this task before the computation runs
        int i = 0;
        while (i < limit && !await(Cancellation.isCancelled())) {
            tick(i);
            i++;
        }
        log().add("stopped at " + i + " cancelled " + await(Cancellation.isCancelled()));
        return done(i);
    }
}
