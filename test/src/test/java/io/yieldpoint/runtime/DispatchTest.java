package io.yieldpoint.runtime;

import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.Co.withTimeout;
import static io.yieldpoint.runtime.Dispatch.blocking;
import static io.yieldpoint.runtime.Dispatch.call;
import static io.yieldpoint.runtime.Dispatch.cpu;
import static io.yieldpoint.runtime.Dispatch.on;
import static io.yieldpoint.runtime.Dispatch.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Dispatch} and {@link Pool}: which thread runs what, blocking calls, bounds, virtual time. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DispatchTest {

    private final Trace trace = new Trace();

    /** A script step that traces the name of the thread it runs on. */
    private Function<Object, Task<?>> where(String what) {
        return last -> {
            trace.add(what + " on " + threadKind());
            return Task.completed(last);
        };
    }

    private static String threadKind() {
        String name = Thread.currentThread().getName();
        if (name.startsWith("yieldpoint-cpu")) {
            return "cpu";
        }
        if (name.startsWith("yieldpoint-blocking")) {
            return "blocking";
        }
        return EventLoop.current() != null ? "loop" : name;
    }

    @Test
    void switchToMovesTheRestOfTheCoroutineAndSwitchingBackReturns() {
        EventLoop.run(() -> {
            Dispatcher home = EventLoop.current();
            return Script.start(() -> { }, where("start"), last -> switchTo(cpu()), where("after switchTo(cpu)"),
                    last -> sleep(1), where("after a sleep"), last -> switchTo(home), where("after switchTo(home)"));
        });
        assertEquals(List.of("start on loop", "after switchTo(cpu) on cpu", "after a sleep on cpu",
                "after switchTo(home) on loop"), trace.events());
    }

    @Test
    void blockingRunsTheCallOnTheBlockingPoolAndTheCoroutineResumesAtHome() {
        String value = EventLoop.run(() -> Script.start(() -> { },
                last -> blocking(() -> {
                    trace.add("call on " + threadKind());
                    assertNull(EventLoop.current(), "the call does not run on a loop");
                    return "read";
                }),
                last -> {
                    trace.add("got " + last + " on " + threadKind());
                    return Task.completed((String) last);
                }));
        assertEquals("read", value);
        assertEquals(List.of("call on blocking", "got read on loop"), trace.events());
    }

    @Test
    void aBlockingCallsExceptionComesBackAsItIs() {
        IOException boom = new IOException("disk");
        assertSame(boom, assertThrows(IOException.class, () -> EventLoop.run(() -> blocking(() -> {
            throw boom;
        }))));
    }

    @Test
    void onStartsTheChildOnTheOtherDispatcherAndTheParentStaysHome() {
        EventLoop.run(() -> Script.start(() -> { },
                last -> on(cpu(), () -> Script.start(() -> { }, where("child starts"), last2 -> sleep(1),
                        where("child resumes"))),
                where("parent resumes")));
        assertEquals(List.of("child starts on cpu", "child resumes on cpu", "parent resumes on loop"), trace.events());
    }

    @Test
    void cancellingOnCancelsTheChild() throws Exception {
        CompletableFuture<Task<Object>> child = new CompletableFuture<>();
        Task<Object> hop = on(cpu(), () -> {
            Task<Object> c = Script.traced(trace, "child", last -> sleep(Duration.ofHours(1)));
            child.complete(c);
            return c;
        });
        Task<Object> c = child.get(5, TimeUnit.SECONDS);
        assertTrue(hop.cancel());
        // The cancellation reaches the child at once, or, if the hop is still taking it over on the
        // pool thread, as soon as it has.
        Coroutines.ended(c).join();
        assertTrue(c.isCancelled());
        assertEquals(List.of("child finally"), trace.events());
    }

    @Test
    void aBlockingCallCancelledWhileItRunsIsInterruptedAndTheThreadIsCleanAfterwards() throws Exception {
        Pool pool = Pool.blocking("interruptible", 1, 10);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Throwable> sawInterrupt = new CompletableFuture<>();
            Task<String> running = call(pool, () -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await(); // blocks until interrupted
                    return "never";
                } catch (InterruptedException e) {
                    sawInterrupt.complete(e);
                    throw e;
                }
            });
            started.await();
            assertTrue(running.cancel());
            assertInstanceOf(InterruptedException.class, sawInterrupt.get(5, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, running::join);
            // The same (only) thread runs the next call, without a leftover interrupt.
            assertFalse(call(pool, () -> Thread.currentThread().isInterrupted()).join());
        } finally {
            pool.close();
        }
    }

    @Test
    void aBlockingCallCancelledBeforeItStartsNeverRuns() throws Exception {
        Pool pool = Pool.blocking("skipped", 1, 10);
        try {
            CountDownLatch release = new CountDownLatch(1);
            Task<String> occupying = call(pool, () -> {
                release.await();
                return "first";
            });
            Task<String> queued = call(pool, () -> {
                trace.add("ran");
                return "second";
            });
            assertTrue(queued.cancel());
            release.countDown();
            assertEquals("first", occupying.join());
            assertEquals("after", call(pool, () -> "after").join()); // the queue has been worked through
            assertEquals(List.of(), trace.events());
        } finally {
            pool.close();
        }
    }

    @Test
    void aBlockingPoolRefusesCallsBeyondItsThreadsAndQueue() throws Exception {
        Pool pool = Pool.blocking("bounded", 1, 1);
        try {
            CountDownLatch release = new CountDownLatch(1);
            Task<Integer> running = call(pool, () -> {
                release.await();
                return 1;
            });
            Task<Integer> queued = call(pool, () -> 2);
            Task<Integer> refused = call(pool, () -> 3);
            assertTrue(refused.isDone());
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, refused::join);
            assertTrue(e.getMessage().contains("bounded"));
            release.countDown();
            assertEquals(1, running.join());
            assertEquals(2, queued.join());
            assertEquals(4, call(pool, () -> 4).join(), "slots are given back");
        } finally {
            pool.close();
        }
    }

    @Test
    void aBlockingPoolStartsThreadsUpToItsBoundBeforeQueueing() throws Exception {
        Pool pool = Pool.blocking("elastic", 4, 100);
        try {
            CyclicBarrier allFour = new CyclicBarrier(4);
            List<Task<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                calls.add(call(pool, () -> {
                    allFour.await(10, TimeUnit.SECONDS); // only passes if four threads run at once
                    return n;
                }));
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(i, calls.get(i).join());
            }
            assertEquals(4, pool.metrics().stepsRun());
        } finally {
            pool.close();
        }
    }

    @Test
    void poolThreadsBelongToTheirPool() {
        assertSame(cpu(), call(cpu(), CurrentDispatcher::current).join());
        assertSame(Dispatch.blockingPool(), blocking(CurrentDispatcher::current).join());
        assertFalse(cpu().refusesBlocking());
        assertEquals("yieldpoint-cpu", cpu().name());
        assertTrue(cpu().metrics().stepsRun() > 0);
    }

    @Test
    void inTheBlockingReadingSwitchToIsACompletedTask() {
        Task<Void> s = switchTo(cpu());
        assertTrue(s.isDone());
        assertNull(s.join());
        assertTrue(s.toString().contains("yieldpoint-cpu"));
    }

    // ------------------------------------------------------------------ virtual time

    @Test
    void virtualTimeWaitsForABlockingCallInsteadOfTimingItOut() throws Exception {
        Thread loopThread = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        // Released only once the loop, idle with a one-second timeout pending, has parked.
        Thread releaser = TestThreads.whenBlocked(loopThread, release::countDown);
        String value = TestEventLoop.run(() -> Script.start(() -> { },
                last -> withTimeout(Duration.ofSeconds(1), blocking(() -> {
                    release.await();
                    return "in time";
                })),
                last -> Task.completed(last + " at " + TestEventLoopTest.nowMs())));
        assertEquals("in time at 0", value);
        TestThreads.joinAll(releaser);
    }

    @Test
    void virtualTimeWaitsForACoroutineThatSwitchedAway() throws Exception {
        Thread loopThread = Thread.currentThread();
        CountDownLatch release = new CountDownLatch(1);
        Thread releaser = TestThreads.whenBlocked(loopThread, release::countDown);
        TestEventLoop.run(() -> {
            Dispatcher home = EventLoop.current();
            Task<Object> sleeper = Script.start(() -> { }, last -> sleep(Duration.ofHours(1)), last -> {
                trace.add("sleeper wakes at " + TestEventLoopTest.nowMs());
                return Task.completed(null);
            });
            Task<Object> traveller = Script.start(() -> { }, last -> switchTo(cpu()), last -> {
                awaitUninterruptibly(release); // real work on the pool, for as long as it takes
                return switchTo(home);
            }, last -> {
                trace.add("traveller home at " + TestEventLoopTest.nowMs());
                return Task.completed(null);
            });
            return io.yieldpoint.Co.all(sleeper, traveller);
        });
        assertEquals(List.of("traveller home at 0", "sleeper wakes at 3600000"), trace.events());
        TestThreads.joinAll(releaser);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
