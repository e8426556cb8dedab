package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.Co.withTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.EventLoopTest;
import io.yieldpoint.runtime.Expect;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.TestThreads;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TestEventLoop}: virtual time that jumps when the loop is idle, run whole or driven. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TestEventLoopTest {

    /** Virtual time of the loop running the caller, in milliseconds. */
    static long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(EventLoop.current().nanoTime());
    }

    /** A script step that traces the virtual time, then sleeps {@code ms}. */
    static Function<Object, Task<?>> traceThenSleep(Trace trace, String name, long ms) {
        return last -> {
            trace.add(name + " at " + nowMs());
            return sleep(ms);
        };
    }

    static Function<Object, Task<?>> traceNow(Trace trace, String name) {
        return last -> {
            trace.add(name + " at " + nowMs());
            return Task.completed(last);
        };
    }

    @Nested
    class RunWhole {

        @Test
        void anHourOfSleepTakesAnHourOfVirtualTime() {
            long elapsed = TestEventLoop.run(() -> {
                assertEquals(0, EventLoop.current().nanoTime(), "virtual time starts at 0");
                return Script.start(() -> { }, last -> sleep(Duration.ofHours(1)),
                        last -> Task.completed(EventLoop.current().nanoTime()));
            });
            assertEquals(Duration.ofHours(1).toNanos(), elapsed);
        }

        @Test
        void timersFireInDeadlineOrderEachAtExactlyItsDeadline() {
            Trace trace = new Trace();
            TestEventLoop.run(() -> all(
                    Script.traced(trace, "c", last -> sleep(300), traceNow(trace, "c")),
                    Script.traced(trace, "a", last -> sleep(100), traceNow(trace, "a")),
                    Script.traced(trace, "b", last -> sleep(200), traceNow(trace, "b")),
                    Script.traced(trace, "a2", last -> sleep(100), traceNow(trace, "a2"))));
            assertEquals(List.of("a at 100", "a finally", "a2 at 100", "a2 finally", "b at 200", "b finally",
                    "c at 300", "c finally"), trace.events());
        }

        @Test
        void sleepsInSequenceAddUp() {
            Trace trace = new Trace();
            TestEventLoop.run(() -> Script.traced(trace, "s", traceThenSleep(trace, "one", 1_000),
                    traceThenSleep(trace, "two", 60_000), traceNow(trace, "three")));
            assertEquals(List.of("one at 0", "two at 1000", "three at 61000", "s finally"), trace.events());
        }

        @Test
        void withTimeoutFiresAtExactlyItsDeadlineInVirtualTime() {
            Trace trace = new Trace();
            Task<?>[] slow = new Task<?>[1];
            TimeoutException e = assertThrows(TimeoutException.class, () -> TestEventLoop.run(() -> {
                slow[0] = Script.traced(trace, "slow", last -> sleep(Duration.ofHours(2)));
                return Script.start(() -> trace.add("timed out at " + nowMs()),
                        last -> withTimeout(Duration.ofHours(1), slow[0]));
            }));
            assertTrue(e.getMessage().contains("1h"), e.getMessage());
            assertTrue(slow[0].isCancelled());
            assertEquals(List.of("slow finally", "timed out at 3600000"), trace.events());
        }

        @Test
        void theValueAndTheExceptionComeBackAsTheyAre() {
            assertEquals("v", TestEventLoop.run(() -> Script.start(() -> { }, last -> sleep(5),
                    last -> Task.completed("v"))));
            IOException boom = new IOException("boom");
            assertSame(boom, assertThrows(IOException.class, () -> TestEventLoop.run(() -> Script.start(() -> { },
                    last -> sleep(5), last -> Task.failed(boom)))));
        }

        @Test
        void anEmptyMainCompletesAtTimeZero() {
            assertNull(TestEventLoop.run(() -> Task.completed(null)));
        }

        @Test
        void aTaskCompletedByAnotherThreadWhileTheLoopIsIdleIsWaitedForInRealTime() throws Exception {
            CompletableFuture<String> future = new CompletableFuture<>();
            Thread loopThread = Thread.currentThread();
            Thread completer = TestThreads.whenBlocked(loopThread, () -> future.complete("from afar"));
            assertEquals("from afar", TestEventLoop.run(() -> Task.from(future)));
            TestThreads.joinAll(completer);
        }

        @Test
        void aRunOnALoopThreadIsRefused() {
            IllegalStateException e = EventLoop.run(() -> Task.completed(assertThrows(IllegalStateException.class,
                    () -> TestEventLoop.run(() -> Task.completed(1)))));
            EventLoopTest.assertMentionsEventLoop(e);
        }
    }

    @Nested
    class Driven {

        @Test
        void advanceByFiresWhatIsDueAndNothingMore() {
            try (TestEventLoop loop = new TestEventLoop()) {
                Trace trace = new Trace();
                Task<String> task = loop.start(() -> Script.traced(trace, "s", traceThenSleep(trace, "start", 1_000),
                        traceNow(trace, "woke"), last -> Task.completed("done")));
                assertEquals(List.of("start at 0"), trace.events(), "the first step ran in start()");

                loop.advanceBy(Duration.ofMillis(999));
                assertFalse(task.isDone());
                assertEquals(Duration.ofMillis(999), loop.currentTime());

                loop.advanceBy(Duration.ofMillis(1));
                assertTrue(task.isDone());
                assertEquals("done", task.join());
                assertEquals(List.of("start at 0", "woke at 1000", "s finally"), trace.events());
                assertEquals(Duration.ofSeconds(1), loop.currentTime());
            }
        }

        @Test
        void advanceByFiresEachTimerAtItsOwnDeadline() {
            try (TestEventLoop loop = new TestEventLoop()) {
                Trace trace = new Trace();
                loop.start(() -> Script.traced(trace, "x", traceThenSleep(trace, "x0", 10), traceThenSleep(trace, "x1", 10),
                        traceNow(trace, "x2")));
                loop.start(() -> Script.traced(trace, "y", last -> sleep(15), traceNow(trace, "y1")));

                loop.advanceBy(Duration.ofMillis(100));

                assertEquals(List.of("x0 at 0", "x1 at 10", "y1 at 15", "y finally", "x2 at 20", "x finally"),
                        trace.events());
                assertEquals(Duration.ofMillis(100), loop.currentTime());
            }
        }

        @Test
        void runCurrentRunsWhatIsReadyWithoutMovingTime() {
            try (TestEventLoop loop = new TestEventLoop()) {
                Expect e = new Expect();
                loop.eventLoop().execute(() -> {
                    e.expect(2);
                    loop.eventLoop().execute(() -> e.expect(3));
                });
                loop.eventLoop().schedule(1, () -> e.unreachable("a timer 1 ns away"));
                e.expect(1);
                assertEquals(2, loop.runCurrent());
                assertEquals(Duration.ZERO, loop.currentTime());
                e.finish(4);
            }
        }

        @Test
        void advanceUntilIdleMovesToTheLastTimer() {
            try (TestEventLoop loop = new TestEventLoop()) {
                Trace trace = new Trace();
                loop.start(() -> Script.traced(trace, "a", last -> sleep(Duration.ofDays(3)), traceNow(trace, "a")));
                loop.start(() -> Script.traced(trace, "b", last -> sleep(Duration.ofDays(1)), traceNow(trace, "b")));
                loop.advanceUntilIdle();
                assertEquals(Duration.ofDays(3), loop.currentTime());
                assertEquals(List.of("b at 86400000", "b finally", "a at 259200000", "a finally"), trace.events());
            }
        }

        @Test
        void runUntilDoneStopsWhenTheTaskIsDoneAndLeavesLaterTimersPending() {
            try (TestEventLoop loop = new TestEventLoop()) {
                Task<Integer> quick = loop.start(() -> Script.start(() -> { }, last -> sleep(10),
                        last -> Task.completed(7)));
                Task<Integer> slow = loop.start(() -> Script.start(() -> { }, last -> sleep(20),
                        last -> Task.completed(8)));
                assertEquals(7, loop.runUntilDone(quick));
                assertEquals(Duration.ofMillis(10), loop.currentTime());
                assertFalse(slow.isDone());
                assertEquals(8, loop.runUntilDone(slow));
            }
        }

        @Test
        void runUntilDoneRethrowsTheSameInstance() {
            IOException boom = new IOException("boom");
            try (TestEventLoop loop = new TestEventLoop()) {
                Task<Object> task = loop.start(() -> Script.start(() -> { }, last -> sleep(1), last -> Task.failed(boom)));
                assertSame(boom, assertThrows(IOException.class, () -> loop.runUntilDone(task)));
            }
        }

        @Test
        void theDrivingThreadIsTheLoopThreadOnlyWhileItDrives() {
            try (TestEventLoop loop = new TestEventLoop()) {
                List<EventLoop> seen = new ArrayList<>();
                loop.start(() -> {
                    seen.add(EventLoop.current());
                    return Task.completed(null);
                });
                assertSame(loop.eventLoop(), seen.get(0));
                assertNull(EventLoop.current(), "between drives, the thread is a plain thread");
            }
        }

        @Test
        void anotherThreadCannotDriveIt() throws Exception {
            try (TestEventLoop loop = new TestEventLoop()) {
                CompletableFuture<Throwable> refused = new CompletableFuture<>();
                Thread other = TestThreads.start("other", () -> {
                    try {
                        loop.runCurrent();
                        refused.complete(null);
                    } catch (IllegalStateException e) {
                        refused.complete(e);
                    }
                });
                TestThreads.joinAll(other);
                assertInstanceOf(IllegalStateException.class, refused.join());
            }
        }

        @Test
        void closeCancelsWhatIsLeftAndRunsItsFinallyBlocks() {
            Trace trace = new Trace();
            TestEventLoop loop = new TestEventLoop();
            Task<Object> sleeper = loop.start(() -> Script.traced(trace, "sleeper", last -> sleep(Duration.ofDays(1))));
            loop.advanceBy(Duration.ofHours(1));
            loop.close();
            assertTrue(sleeper.isCancelled());
            assertEquals(List.of("sleeper finally"), trace.events());
            assertThrows(IllegalStateException.class, loop::runCurrent, "closed");
            loop.close(); // harmless
        }
    }

    @Nested
    class Failures {

        @Test
        void aFailureNobodyAwaitedFailsTheRun() {
            IOException lost = new IOException("nobody awaited me");
            AssertionError e = assertThrows(AssertionError.class, () -> TestEventLoop.run(() -> {
                Script.start(() -> { }, last -> sleep(5), last -> Task.failed(lost)); // not awaited
                return sleep(10);
            }));
            assertSame(lost, e.getCause());
        }

        @Test
        void whenTheMainTaskFailsTooTheUncaughtFailuresAreAttachedToIt() {
            IOException lost = new IOException("lost");
            IllegalStateException main = new IllegalStateException("main");
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> TestEventLoop.run(() -> {
                Script.start(() -> { }, last -> sleep(5), last -> Task.failed(lost));
                return Script.start(() -> { }, last -> sleep(10), last -> Task.failed(main));
            }));
            assertSame(main, thrown);
            assertEquals(List.of(lost), List.of(thrown.getSuppressed()));
        }

        @Test
        void aLoopIdleWithNothingToWaitForFailsWithADumpOfItsCoroutines() {
            Promise<String> never = new Promise<>();
            TestEventLoop loop = new TestEventLoop(Duration.ofMillis(50));
            Task<String> stuck = loop.start(() -> Script.start(() -> { }, last -> sleep(5), last -> never));
            AssertionError e = assertThrows(AssertionError.class, () -> loop.runUntilDone(stuck));
            assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
            assertTrue(e.getMessage().contains("Script@"), e.getMessage());
            assertTrue(e.getMessage().contains("suspended at label 1 on Promise[pending]"), e.getMessage());
            assertEquals(Duration.ofMillis(5), loop.currentTime());
            loop.close();
            assertTrue(stuck.isCancelled());
        }
    }

    @Nested
    class Determinism {

        /**
         * A seeded program of many coroutines, each sleeping random delays and recording when it
         * wakes: two runs give the same trace, and every wake-up time is the sum of its sleeps.
         */
        @Test
        void aSeededProgramGivesTheSameTraceAtEveryRun() {
            for (long seed = 1; seed <= 5; seed++) {
                List<String> first = randomProgram(seed);
                List<String> second = randomProgram(seed);
                assertEquals(first, second, "seed " + seed);
            }
        }

        private List<String> randomProgram(long seed) {
            Random random = new Random(seed);
            Trace trace = new Trace();
            int coroutines = 200;
            TestEventLoop.run(() -> {
                List<Task<Object>> tasks = new ArrayList<>();
                for (int c = 0; c < coroutines; c++) {
                    int sleeps = 1 + random.nextInt(5);
                    List<Function<Object, ? extends Task<?>>> steps = new ArrayList<>();
                    long expected = 0;
                    for (int s = 0; s < sleeps; s++) {
                        long ms = random.nextInt(1_000);
                        expected += ms;
                        long at = expected;
                        String name = c + "." + s;
                        steps.add(last -> sleep(ms));
                        steps.add(last -> {
                            assertEquals(at, nowMs(), name);
                            trace.add(name + " at " + at);
                            return Task.completed(null);
                        });
                    }
                    tasks.add(new Script<Object>(steps, () -> { }).start());
                }
                return all(tasks);
            });
            return trace.events();
        }
    }
}
