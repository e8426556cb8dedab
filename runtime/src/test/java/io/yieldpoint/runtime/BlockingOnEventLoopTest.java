package io.yieldpoint.runtime;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.runtime.EventLoopTest.assertMentionsEventLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A blocking {@code join()} or blocking-reading {@code await} of an unfinished task on an event
 * loop's thread is refused with a clear {@link IllegalStateException}: never a deadlock. The
 * class timeout is the deadlock detector.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingOnEventLoopTest {

    /** A coroutine body run as plain Java (not through generated code): its await blocks. */
    interface Fetcher {
        @Coroutine
        default Task<Integer> fetch() {
            await(sleep(Duration.ofHours(1)));
            return done(42);
        }
    }

    @Test
    void joinOfAnUnfinishedTaskOnTheLoopIsRefused() {
        IllegalStateException refused = EventLoop.run(() -> {
            Task<Integer> pending = Task.from(new CompletableFuture<>());
            return Task.completed(assertThrows(IllegalStateException.class, pending::join));
        });
        assertMentionsEventLoop(refused);
        assertTrue(refused.getMessage().contains("join()"), refused.getMessage());
        assertTrue(refused.getMessage().contains("await"), "the message names the fix: " + refused.getMessage());
    }

    @Test
    void blockingAwaitOfAnUnfinishedTaskOnTheLoopIsRefused() {
        IllegalStateException refused = EventLoop.run(() -> {
            Promise<Integer> pending = new Promise<>();
            return Task.completed(assertThrows(IllegalStateException.class, () -> await(pending)));
        });
        assertMentionsEventLoop(refused);
        assertTrue(refused.getMessage().contains("Coroutines"), "the message names the fix: " + refused.getMessage());
    }

    @Test
    void blockingAwaitOfAnUnfinishedStageOnTheLoopIsRefused() {
        IllegalStateException refused = EventLoop.run(() -> {
            CompletableFuture<Integer> pending = new CompletableFuture<>();
            return Task.completed(assertThrows(IllegalStateException.class, () -> await(pending)));
        });
        assertMentionsEventLoop(refused);
    }

    @Test
    void aCoroutineBodyRunAsPlainJavaOnTheLoopFailsClearlyInsteadOfDeadlocking() {
        Fetcher plain = new Fetcher() {};
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(plain::fetch));
        assertMentionsEventLoop(refused);
        assertNull(EventLoop.current(), "the loop was left cleanly");
        assertEquals(1, EventLoop.run(() -> Task.completed(1)), "and the thread can run a loop again");
    }

    @Test
    void joinInALaterStepOfTheLoopIsRefusedToo() {
        IllegalStateException[] refused = new IllegalStateException[1];
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> pending = new Promise<>();
            loop.execute(() -> {
                refused[0] = assertThrows(IllegalStateException.class, pending::join);
                pending.complete(null);
            });
            return pending;
        });
        assertMentionsEventLoop(refused[0]);
    }

    @Test
    void joinAndAwaitOfCompletedTasksOnTheLoopAreFine() {
        IllegalStateException boom = new IllegalStateException("not a refusal");
        int sum = EventLoop.run(() -> {
            int a = Task.completed(1).join();
            int b = await(Task.completed(2));
            int c = await(CompletableFuture.completedFuture(3));
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Task.failed(boom).join());
            assertSame(boom, thrown, "a finished task's own exception, not a refusal");
            return Task.completed(a + b + c);
        });
        assertEquals(6, sum);
    }

    @Test
    void joinOfATaskTheLoopHasAlreadyCompletedIsFine() {
        int value = EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Integer> p = new Promise<>();
            Promise<Integer> reader = new Promise<>();
            loop.schedule(0, () -> p.complete(5));
            loop.schedule(0, () -> reader.complete(p.join() * 2)); // p is done by now
            return reader;
        });
        assertEquals(10, value);
    }

    @Test
    void anotherThreadMayBlockOnATaskTheLoopCompletes() throws Exception {
        Promise<Integer> p = new Promise<>();
        CompletableFuture<Integer> joined = new CompletableFuture<>();
        Thread joiner = TestThreads.start("joiner", () -> joined.complete(p.join()));
        TestThreads.awaitBlocked(joiner);

        EventLoop.run(() -> {
            EventLoop.current().execute(() -> p.complete(7));
            return p;
        });

        assertEquals(7, joined.get());
        TestThreads.joinAll(joiner);
    }
}
