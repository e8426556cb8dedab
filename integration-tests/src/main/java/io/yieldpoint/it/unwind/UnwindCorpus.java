package io.yieldpoint.it.unwind;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.it.Traced;
import io.yieldpoint.runtime.Cancellation;
import io.yieldpoint.runtime.TaskGroup;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Coroutines whose {@code finally} blocks await before they log "cleaned": whoever cancels them
 * (a caller, {@code any}, {@code all}, {@code withTimeout}, a task group) must resume only after
 * that line, as in Kotlin, C# and asyncio. The log shows the order.
 */
public interface UnwindCorpus extends Traced {

    /** Works for {@code millis}, then returns its name; its cleanup awaits 5 ms, then logs. */
    @Coroutine
    default Task<String> worker(String name, long millis) {
        try {
            log().add(name + " working");
            await(sleep(millis));
            log().add(name + " finished");
            return done(name);
        } finally {
            await(sleep(5));
            log().add(name + " cleaned");
        }
    }

    /** Fails after {@code millis}. */
    @Coroutine
    default Task<String> failing(String name, long millis) {
        await(sleep(millis));
        log().add(name + " fails");
        throw new IllegalStateException(name);
    }

    /** Awaits a worker, its own cleanup awaiting too: a chain of cancellations. */
    @Coroutine
    default Task<String> middle(String name) {
        try {
            return done(await(worker(name + "/inner", 1000)));
        } finally {
            await(yieldNow());
            log().add(name + " cleaned");
        }
    }

    /** Cancels a worker after {@code millis}, then awaits it. */
    @Coroutine
    default Task<String> cancelThenAwait(long millis) {
        Task<String> t = worker("w", 1000);
        await(sleep(millis));
        t.cancel();
        log().add("cancelled: done " + t.isDone() + ", cancelled " + t.isCancelled());
        try {
            await(t);
            return done("not cancelled");
        } catch (CancellationException e) {
            log().add("await threw, done " + t.isDone());
            return done("cancelled");
        }
    }

    /** Cancels a chain (middle awaiting a worker) and awaits it. */
    @Coroutine
    default Task<String> cancelChain() {
        Task<String> t = middle("m");
        await(sleep(10));
        t.cancel();
        try {
            return done(await(t));
        } catch (CancellationException e) {
            log().add("chain cancelled");
            return done("cancelled");
        }
    }

    @Coroutine
    default Task<String> anyWithSlowLoser() {
        String v = await(any(worker("fast", 10), worker("slow", 1000)));
        log().add("any gave " + v);
        return done(v);
    }

    @Coroutine
    default Task<String> allWithFailingSibling() {
        try {
            await(all(worker("a", 1000), failing("b", 10)));
            return done("all succeeded");
        } catch (IllegalStateException e) {
            log().add("all failed: " + e.getMessage());
            return done("failed");
        }
    }

    @Coroutine
    default Task<String> timeoutOfWorker() {
        try {
            return done(await(withTimeout(Duration.ofMillis(10), worker("t", 1000))));
        } catch (Exception e) {
            log().add("timed out: " + e.getClass().getSimpleName());
            return done("timed out");
        }
    }

    /** A scope whose second child fails: the first is cancelled, and the scope fails after it unwound. */
    @Coroutine
    default Task<String> scopeWithFailingChild() {
        try {
            await(TaskGroup.scope(g -> {
                g.start(() -> worker("g1", 1000));
                g.start(() -> failing("g2", 10));
                return worker("body", 1000);
            }));
            return done("scope succeeded");
        } catch (IllegalStateException e) {
            log().add("scope failed: " + e.getMessage());
            return done("failed");
        }
    }

    /** A scope cancelled from outside: it completes cancelled once its children have unwound. */
    @Coroutine
    default Task<String> cancelledScope() {
        Task<String> scope = TaskGroup.scope(g -> {
            g.start(() -> worker("c1", 1000));
            return worker("cbody", 1000);
        });
        await(sleep(10));
        scope.cancel();
        try {
            return done(await(scope));
        } catch (CancellationException e) {
            log().add("scope cancelled");
            return done("cancelled");
        }
    }

    /** The opt-out: a caller that cancels and does not wait for the cleanup. */
    @Coroutine
    default Task<String> cancelWithoutWaiting() {
        Task<String> t = Cancellation.withoutWaiting(worker("u", 1000));
        await(sleep(10));
        t.cancel();
        log().add("cancelled: done " + t.isDone());
        try {
            return done(await(t));
        } catch (CancellationException e) {
            log().add("await threw");
            return done("cancelled");
        }
    }

    /** A finally block whose awaits run although the coroutine was cancelled while in it. */
    @Coroutine
    default Task<String> cancelledDuringCleanup() {
        try {
            log().add("body");
            return done("body");
        } finally {
            await(sleep(100));
            log().add("cleanup slept");
            await(sleep(100));
            log().add("cleanup slept again");
        }
    }

    /** Fails at once, with nobody awaiting it unless the caller does. */
    @Coroutine
    default Task<String> failNow(String message) {
        await(yieldNow());
        throw new IllegalStateException(message);
    }

    /**
     * Starts a coroutine that fails and drops its task, then turns the loop until {@code reported}
     * says the failure was reported, collecting garbage between turns (at most {@code turns} times).
     */
    @Coroutine
    @SuppressWarnings("YP-TaskDiscarded") // dropped on purpose
    default Task<Integer> dropAFailingTask(java.util.function.BooleanSupplier reported, int turns) {
        failNow("dropped");
        int i = 0;
        while (i < turns && !reported.getAsBoolean()) {
            System.gc();
            await(yieldNow());
            i++;
        }
        return done(i);
    }

    /** Keeps the task of a failing coroutine across garbage collections, then awaits it. */
    @Coroutine
    default Task<String> keepAFailingTaskThenAwaitIt(int collections) {
        Task<String> kept = failNow("kept");
        for (int i = 0; i < collections; i++) {
            System.gc();
            await(yieldNow());
        }
        try {
            return done(await(kept));
        } catch (IllegalStateException e) {
            return done("awaited: " + e.getMessage());
        }
    }

    /** Detaches a failing coroutine, then turns the loop until the failure was reported. */
    @Coroutine
    default Task<Integer> detachAFailingTask(java.util.function.BooleanSupplier reported, int turns) {
        io.yieldpoint.runtime.Coroutines.detach(failNow("detached"));
        int i = 0;
        while (i < turns && !reported.getAsBoolean()) {
            await(yieldNow());
            i++;
        }
        return done(i);
    }

    /** Awaits a future completed by another thread, under a one-second timeout. */
    @Coroutine
    default Task<String> awaitOutsideFutureWithTimeout(java.util.concurrent.CompletableFuture<String> outside) {
        try {
            return done(await(withTimeout(Duration.ofSeconds(1), outside), java.util.concurrent.TimeoutException.class));
        } catch (java.util.concurrent.TimeoutException e) {
            return done("timed out");
        }
    }

    /** Awaits a future completed by another thread directly, while a one-second timer runs. */
    @Coroutine
    default Task<String> awaitOutsideFutureBesideATimer(java.util.concurrent.CompletableFuture<String> outside) {
        Task<Void> timer = sleep(1000);
        String value = await(outside);
        return done(value + (timer.isDone() ? ", after the timer" : ", before the timer"));
    }

    /** A coroutine that declares a checked exception and throws it after a yield point. */
    @Coroutine
    default Task<String> readFile(String name) throws java.io.IOException {
        await(yieldNow());
        if (name.isEmpty()) {
            throw new java.io.IOException("no name");
        }
        return done("contents of " + name);
    }
}
