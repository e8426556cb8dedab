package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import static io.yieldpoint.Co.*;

/**
 * Coroutines cancelled from outside while suspended: each records its steps and completes a
 * {@code cleaned} promise from its outermost finally, so that {@code CancellationTest} can wait for
 * the cleanup to have run, without sleeping. Not in the differential corpus: the blocking reading
 * of an await cannot be cancelled the same way.
 */
public interface CancellationCorpus extends Traced {

    /** A resource that records its closing. */
    final class Res implements AutoCloseable {
        private final Traced owner;

        public Res(Traced owner) {
            this.owner = owner;
            owner.log().add("open");
        }

        @Override
        public void close() {
            owner.log().add("close");
        }
    }

    @Coroutine
    default Task<Integer> waitForever(Promise<Integer> never, Promise<String> cleaned) {
        try {
            log().add("waiting");
            int v = await(never);
            log().add("never " + v);
            return done(v);
        } catch (CancellationException e) {
            log().add("catch " + e.getClass().getSimpleName());
            throw e;
        } finally {
            log().add("finally");
            cleaned.complete("cleaned");
        }
    }

    @Coroutine
    default Task<Integer> nestedFinallysThatAwait(Promise<Integer> never, Promise<String> cleaned) {
        try {
            try {
                log().add("waiting");
                await(never);
                log().add("never");
            } finally {
                log().add("inner finally");
                int v = await(done(7));
                log().add("inner finally awaited " + v);
            }
        } finally {
            log().add("outer finally");
            cleaned.complete("cleaned");
        }
        return done(0);
    }

    /** Yields {@code times} times ({@code await(yieldNow())}), logging each turn as {@code name i}. */
    @Coroutine
    default Task<Integer> yieldLoop(String name, int times, Promise<String> cleaned) {
        int i = 0;
        try {
            for (; i < times; i++) {
                log().add(name + " " + i);
                await(yieldNow());
            }
            return done(i);
        } catch (CancellationException e) {
            log().add(name + " catch " + e.getClass().getSimpleName() + " at " + i);
            throw e;
        } finally {
            log().add(name + " finally");
            cleaned.complete("cleaned");
        }
    }

    @Coroutine
    default Task<String> resourceAroundASleep(Promise<String> cleaned) {
        try (Res r = new Res(this)) {
            log().add("sleeping " + (r != null));
            await(sleep(Duration.ofDays(1)));
            log().add("woke");
        } finally {
            log().add("finally");
            cleaned.complete("cleaned");
        }
        return done("never");
    }

    @Coroutine
    default Task<Integer> parentOfAWaitingChild(Promise<Integer> never, Promise<String> childCleaned,
            Promise<String> parentCleaned) {
        try {
            log().add("parent waiting");
            int v = await(waitForever(never, childCleaned));
            return done(v);
        } finally {
            log().add("parent finally");
            parentCleaned.complete("cleaned");
        }
    }

    @Coroutine
    default Task<Integer> loopCancelledMidway(Promise<Integer> never, Promise<String> cleaned) {
        int sum = 0;
        try {
            for (int i = 0; i < 5; i++) {
                try {
                    sum += await(i == 2 ? never : done(i));
                    log().add("step " + i);
                } finally {
                    log().add("iteration finally " + i);
                }
            }
        } finally {
            log().add("loop finally " + sum);
            cleaned.complete("cleaned");
        }
        return done(sum);
    }

    @Coroutine
    default Task<String> swallowsTheCancellation(Promise<Integer> never, Promise<String> cleaned) {
        try {
            await(never);
            return done("never");
        } catch (CancellationException e) {
            log().add("swallowed");
            cleaned.complete("cleaned");
            return done("swallowed");
        }
    }
}
