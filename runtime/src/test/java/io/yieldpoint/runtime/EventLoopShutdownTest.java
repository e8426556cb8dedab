package io.yieldpoint.runtime;

import static io.yieldpoint.Co.any;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link EventLoop#run} does once the main task has completed: cancels the coroutines still
 * live, runs them until they have unwound, reports failures nobody saw, and drops the rest.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopShutdownTest {

    private static final Duration DAY = Duration.ofDays(1);

    /** A handler that keeps what it is given. */
    static final class Collected implements UncaughtExceptionHandler {
        final List<Object> sources = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> exceptions = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void uncaughtException(Object source, Throwable exception) {
            sources.add(source);
            exceptions.add(exception);
        }
    }

    private final Trace trace = new Trace();
    private final Collected uncaught = new Collected();

    /** Runs on a frozen virtual clock: a sleep never ends by itself. */
    private <T> T run(java.util.function.Supplier<? extends Task<T>> main) {
        return EventLoop.builder().clock(new VirtualClock()).uncaughtExceptionHandler(uncaught).run(main);
    }

    /** Runs on a clock that jumps a second at every reading: sleeps of milliseconds end at once. */
    private <T> T runJumping(java.util.function.Supplier<? extends Task<T>> main) {
        return EventLoop.builder().clock(VirtualClock.jumping(Duration.ofSeconds(1))).uncaughtExceptionHandler(uncaught)
                .run(main);
    }

    @Test
    void aCoroutineLeftSuspendedIsCancelledAndItsFinallyRunsBeforeRunReturns() {
        Task<?>[] left = new Task<?>[1];
        String value = run(() -> {
            left[0] = Script.traced(trace, "left", last -> sleep(DAY));
            return Script.start(() -> trace.add("main finally"), last -> Task.completed("main"));
        });
        assertEquals("main", value);
        assertTrue(left[0].isCancelled());
        assertEquals(List.of("main finally", "left finally"), trace.events());
        assertEquals(List.of(), uncaught.exceptions, "a cancellation is no uncaught failure");
    }

    @Test
    void theLosersOfAnyUnwindBeforeRunReturns() {
        // any() cancels the losers when the winner completes; their unwinding steps used to be
        // queued after the main task completed, and dropped.
        String winner = run(() -> any(
                Script.traced(trace, "slow", last -> sleep(DAY), last -> Task.completed("slow")),
                Script.traced(trace, "quick", last -> Task.completed("quick"))));
        assertEquals("quick", winner);
        assertEquals(List.of("quick finally", "slow finally"), trace.events());
    }

    @Test
    void childrenUnwindBeforeTheParentsThatAwaitThem() {
        run(() -> {
            Task<Object> child = Script.traced(trace, "child", last -> sleep(DAY));
            Script.traced(trace, "parent", last -> child);
            return Task.completed(null);
        });
        assertEquals(List.of("child finally", "parent finally"), trace.events());
    }

    @Test
    void aCoroutineStartedWhileUnwindingIsCancelledToo() {
        Task<?>[] late = new Task<?>[1];
        run(() -> {
            Script.start(() -> {
                trace.add("first finally starts another");
                late[0] = Script.traced(trace, "late", last -> sleep(DAY));
            }, last -> sleep(DAY));
            return Task.completed(null);
        });
        assertTrue(late[0].isCancelled());
        assertEquals(List.of("first finally starts another", "late finally"), trace.events());
    }

    @Test
    void theUnwindingRunsOnTheLoopThread() {
        Thread loopThread = Thread.currentThread();
        run(() -> {
            Script.traced(trace, "left", last -> sleep(DAY));
            return Task.completed(null);
        });
        assertSame(loopThread, trace.threadOf("left finally"));
    }

    @Test
    void theShutdownAlsoHappensWhenTheMainSupplierThrows() {
        IllegalStateException boom = new IllegalStateException("supplier");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> run(() -> {
            Script.traced(trace, "started before the throw", last -> sleep(DAY));
            throw boom;
        })));
        assertEquals(List.of("started before the throw finally"), trace.events());
    }

    // ------------------------------------------------------------------ uncaught failures

    @Test
    void aFailureNobodyAwaitedIsReportedOnceAtTheEnd() {
        IOException lost = new IOException("lost");
        Task<?>[] failed = new Task<?>[1];
        runJumping(() -> {
            failed[0] = Script.start(() -> { }, last -> sleep(1), last -> Task.failed(lost));
            return Script.start(() -> { }, last -> sleep(10));
        });
        assertEquals(List.of(lost), uncaught.exceptions);
        assertSame(failed[0], uncaught.sources.get(0));
    }

    @Test
    void aFailureAwaitedLaterIsNotReported() {
        IOException seen = new IOException("seen later");
        IOException thrown = assertThrows(IOException.class, () -> runJumping(() -> {
            Task<Object> failsFirst = Script.start(() -> { }, last -> sleep(1), last -> Task.failed(seen));
            // Awaited only after it has failed: it was observed, so it is no uncaught failure.
            return Script.start(() -> { }, last -> sleep(10), last -> failsFirst);
        }));
        assertSame(seen, thrown);
        assertEquals(List.of(), uncaught.exceptions);
    }

    @Test
    void aFailureJoinedLaterIsNotReported() {
        IOException seen = new IOException("joined");
        String value = runJumping(() -> {
            Task<Object> failsFirst = Script.start(() -> { }, last -> Task.failed(seen));
            return Script.start(() -> { }, last -> sleep(10), last -> {
                // join() of a task that has completed does not block, even on the loop thread.
                IOException e = assertThrows(IOException.class, failsFirst::join);
                return Task.completed(e.getMessage());
            });
        });
        assertEquals("joined", value);
        assertEquals(List.of(), uncaught.exceptions);
    }

    @Test
    void aFailureLookedAtOnlyAfterTheLoopEndedWasReported() {
        IOException lost = new IOException("too late");
        AtomicReference<Task<Object>> failed = new AtomicReference<>();
        run(() -> {
            failed.set(Script.start(() -> { }, last -> Task.failed(lost)));
            return Task.completed(null);
        });
        assertEquals(List.of(lost), uncaught.exceptions);
        assertSame(lost, assertThrows(IOException.class, failed.get()::join));
    }

    @Test
    void anExceptionThrownWhileACancelledCoroutineUnwindsIsReported() {
        IllegalStateException fromFinally = new IllegalStateException("finally threw");
        Task<?>[] left = new Task<?>[1];
        run(() -> {
            left[0] = Script.start(() -> {
                throw fromFinally;
            }, last -> sleep(DAY));
            return Task.completed(null);
        });
        assertTrue(left[0].isCancelled(), "the task stays cancelled");
        assertEquals(List.of(fromFinally), uncaught.exceptions);
        assertSame(left[0], uncaught.sources.get(0));
    }

    @Test
    void aStepThatThrowsIsReportedAndTheLoopGoesOn() {
        IllegalStateException boom = new IllegalStateException("step");
        Runnable bad = () -> {
            throw boom;
        };
        String value = run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<String> after = new Promise<>();
            loop.execute(bad);
            loop.execute(() -> after.complete("went on"));
            return after;
        });
        assertEquals("went on", value);
        assertEquals(List.of(boom), uncaught.exceptions);
        assertSame(bad, uncaught.sources.get(0));
    }

    @Test
    void thePrintHandlerPrintsToStandardError() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.err;
        System.setErr(new java.io.PrintStream(bytes, true));
        try {
            EventLoop.builder().uncaughtExceptionHandler(UncaughtExceptionHandler.PRINT).run(() -> {
                Script.start(() -> { }, last -> Task.failed(new IOException("printed")));
                return Task.completed(null);
            });
        } finally {
            System.setErr(was);
        }
        String printed = bytes.toString();
        assertTrue(printed.contains("uncaught exception in Script[failed: java.io.IOException: printed]"), printed);
        assertTrue(printed.contains("java.io.IOException: printed"), printed);
    }

    // ------------------------------------------------------------------ introspection

    @Test
    void metricsAndDumpShowTheLiveCoroutines() {
        run(() -> {
            EventLoop loop = EventLoop.current();
            Script.traced(trace, "a", last -> sleep(DAY));
            Script.traced(trace, "b", last -> sleep(DAY));
            DispatcherMetrics m = loop.metrics();
            assertEquals(2, m.liveCoroutines());
            assertEquals(2, m.timers());
            String dump = loop.dump();
            assertEquals(2, dump.lines().count(), dump);
            assertTrue(dump.lines().allMatch(l -> l.contains("Script@") && l.contains("suspended at label 1 on")
                    && l.contains("on event-loop[")), dump);
            return Task.completed(null);
        });
        assertEquals(List.of("a finally", "b finally"), trace.events());
    }

    @Test
    void dumpFromAnotherThreadIsRefused() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            TestThreads.start("other", () -> {
                try {
                    loop.dump();
                } catch (IllegalStateException e) {
                    refused.set(e);
                }
                loop.execute(() -> done.complete(null));
            });
            return done;
        });
        assertInstanceOf(IllegalStateException.class, refused.get());
        TestThreads.joinAll();
    }

    @Test
    void stepsSubmittedAfterTheLoopClosedAreIgnored() {
        EventLoop[] closed = new EventLoop[1];
        run(() -> {
            closed[0] = EventLoop.current();
            return Task.completed(null);
        });
        closed[0].execute(() -> trace.add("never"));
        EventLoop.run(() -> Task.completed(null)); // the same thread runs another loop
        assertEquals(List.of(), trace.events());
        assertEquals(0, closed[0].metrics().queued());
    }
}
