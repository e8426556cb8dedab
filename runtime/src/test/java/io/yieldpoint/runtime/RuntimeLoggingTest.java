package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.debug.SourceLines;
import io.yieldpoint.runtime.internal.RuntimeLog;
import io.yieldpoint.runtime.internal.StallWatchdog;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the runtime says through {@code System.Logger}: failures nobody observed (the default
 * uncaught-exception handler), loops stalled by a long step, and shutdown reports. The records are
 * captured by this module's test {@code LoggerFinder} ({@link LogCapture}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RuntimeLoggingTest {

    private static final String UNCAUGHT = "io.yieldpoint.uncaught";

    private LogCapture log;

    @BeforeEach
    void capture() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    /** The records of {@code logger} that mention {@code mark}: this test's, not another loop's still closing. */
    private List<LogCapture.Entry> ofThisTest(String logger, String mark) {
        return log.of(logger).stream().filter(e -> e.message().contains(mark)).toList();
    }

    // ------------------------------------------------------------------ uncaught failures

    @Test
    void theDefaultHandlerLogsAnUnobservedFailureAsAnError() {
        IOException failure = new IOException("logged");
        EventLoop.run(() -> {
            Script.start(() -> { }, last -> Task.failed(failure));
            return Task.completed(null);
        });
        List<LogCapture.Entry> records = ofThisTest(UNCAUGHT, "java.io.IOException: logged");
        assertEquals(1, records.size(), records::toString);
        LogCapture.Entry e = records.get(0);
        assertEquals(Level.ERROR, e.level());
        assertTrue(e.message().contains("uncaught exception in Script[failed: java.io.IOException: logged]"), e.message());
        assertSame(failure, e.thrown());
    }

    @Test
    void aHandlerThatThrowsIsLoggedWithTheFailureItWasGiven() {
        IOException failure = new IOException("handed over");
        IllegalStateException broken = new IllegalStateException("broken handler");
        EventLoop.builder().uncaughtExceptionHandler((source, e) -> { throw broken; }).run(() -> {
            Script.start(() -> { }, last -> Task.failed(failure));
            return Task.completed(null);
        });
        LogCapture.Entry e = ofThisTest(UNCAUGHT, "the uncaught-exception handler").get(0);
        assertEquals(Level.ERROR, e.level());
        assertTrue(e.message().startsWith("uncaught exception in the uncaught-exception handler"), e.message());
        assertSame(broken, e.thrown());
        assertSame(failure, broken.getSuppressed()[0]);
    }

    // ------------------------------------------------------------------ stalls

    /**
     * A hand-written machine with line tables, as if generated from {@code demo.Blocker.block} in
     * {@code Blocker.java}: generated lines map to the same lines (the table {@code "1:1"}), so the
     * user's line of the blocking call is this file's.
     */
    static final class BlockerCoroutines {
        static {
            SourceLines.register(BlockerCoroutines.class, "BlockMachine", "demo.Blocker", "block", "Blocker.java", "1", "1:1");
        }

        /** The entry method, as generated: initializes this class, and so registers the tables. */
        static Task<Integer> block(LogCapture log) {
            return new BlockMachine(log).start();
        }

        static final class BlockMachine extends CoroutineMachine<Integer> {
            private final LogCapture log;

            BlockMachine(LogCapture log) {
                this.log = log;
            }

            @Override
            protected boolean step() throws Throwable {
                // Blocks its loop until the watchdog has said so: the most common coroutine bug.
                int line = new Throwable().getStackTrace()[0].getLineNumber(); log.await(RuntimeLog.STALL, e -> e.level() == Level.WARNING);
                returnValue(line);
                return RETURNED;
            }
        }
    }

    @Test
    void aStepThatHoldsTheLoopIsReportedWithItsCoroutineAndLineThenItsEnd() throws Exception {
        int line = EventLoop.builder().stallThreshold(Duration.ofMillis(20))
                .run(() -> BlockerCoroutines.block(log));

        LogCapture.Entry stall = log.await(RuntimeLog.STALL, e -> e.level() == Level.WARNING);
        String loop = "event-loop[" + Thread.currentThread().getName() + "]";
        assertTrue(stall.message().startsWith(loop + " stalled: a step of Blocker.block has run for "), stall.message());
        assertTrue(stall.message().contains(" ms without returning to the loop at Blocker.java:" + line
                + " (stall threshold 20 ms)"), stall.message());
        assertNotNull(stall.thrown(), "the loop thread's stack");
        List<StackTraceElement> stack = Arrays.asList(stall.thrown().getStackTrace());
        assertTrue(stack.contains(new StackTraceElement("demo.Blocker", "block", "Blocker.java", line)), stack::toString);

        LogCapture.Entry end = log.await(RuntimeLog.STALL, e -> e.level() == Level.INFO);
        assertTrue(end.message().startsWith(loop + ": the stalled step (a step of Blocker.block) returned to the loop after about "),
                end.message());
    }

    @Test
    void aWatchedLoopCountsTheStepsItBeginsAndAnUnwatchedOneDoesNot() {
        List<Long> seen = new ArrayList<>();
        Runnable look = () -> seen.add(EventLoop.current().core().stepSequence());
        EventLoop.builder().stallThreshold(Duration.ofSeconds(10)).run(() -> Script.start(() -> { },
                last -> { look.run(); return io.yieldpoint.Co.yieldNow(); }, last -> { look.run(); return Task.completed(null); }));
        EventLoop.builder().stallThreshold(Duration.ZERO).run(() -> Script.start(() -> { },
                last -> { look.run(); return io.yieldpoint.Co.yieldNow(); }, last -> { look.run(); return Task.completed(null); }));
        assertEquals(List.of(1L, 2L, 0L, 0L), seen, "the main coroutine's first step counts; a loop without a threshold counts nothing");
    }

    @Test
    void theStallThresholdIsPositiveOrZero() {
        assertThrows(IllegalArgumentException.class, () -> EventLoop.builder().stallThreshold(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> EventLoopGroup.builder().stallThreshold(Duration.ofMillis(-1)));
    }

    @Test
    void theDefaultStallThresholdComesFromASystemProperty() {
        String was = System.getProperty(LoopSettings.STALL_THRESHOLD_PROPERTY);
        try {
            System.clearProperty(LoopSettings.STALL_THRESHOLD_PROPERTY);
            assertEquals(EventLoop.DEFAULT_STALL_THRESHOLD, LoopSettings.defaultStallThreshold());
            System.setProperty(LoopSettings.STALL_THRESHOLD_PROPERTY, "250");
            assertEquals(Duration.ofMillis(250), LoopSettings.defaultStallThreshold());
            System.setProperty(LoopSettings.STALL_THRESHOLD_PROPERTY, "off");
            assertEquals(Duration.ZERO, LoopSettings.defaultStallThreshold());
            System.setProperty(LoopSettings.STALL_THRESHOLD_PROPERTY, "fast");
            assertEquals(EventLoop.DEFAULT_STALL_THRESHOLD, LoopSettings.defaultStallThreshold());
            LogCapture.Entry e = log.of(RuntimeLog.RUNTIME).get(0);
            assertEquals(Level.WARNING, e.level());
            assertTrue(e.message().contains("-Dyieldpoint.stallThreshold=fast is neither milliseconds nor 'off'"), e.message());
        } finally {
            if (was == null) {
                System.clearProperty(LoopSettings.STALL_THRESHOLD_PROPERTY);
            } else {
                System.setProperty(LoopSettings.STALL_THRESHOLD_PROPERTY, was);
            }
        }
    }

    @Test
    void theWatchdogThreadIsADaemonNamedForWhatItDoes() throws Exception {
        Thread[] seen = new Thread[1];
        EventLoop.builder().stallThreshold(Duration.ofSeconds(10)).run(() -> {
            seen[0] = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(StallWatchdog.THREAD_NAME)).findFirst().orElse(null);
            return Task.completed(null);
        });
        assertNotNull(seen[0], "a watched loop has a watchdog");
        assertTrue(seen[0].isDaemon());
    }

    // ------------------------------------------------------------------ shutdown reports

    @Test
    void aShutdownSaysWhichCoroutinesItLeftLiveAndWhichFailuresNobodyObserved() {
        List<Object> handed = new ArrayList<>();
        Promise<Void> never = new Promise<>();
        EventLoop.builder().shutdownTimeout(Duration.ZERO).uncaughtExceptionHandler((source, e) -> handed.add(e))
                .run(() -> {
                    Script.start(() -> { }, last -> Cancellation.shield(never)); // does not unwind
                    Script.start(() -> { }, last -> Task.failed(new IOException("nobody looked")));
                    return Task.completed(null);
                });
        String loop = "event-loop[" + Thread.currentThread().getName() + "]";
        List<LogCapture.Entry> records = ofThisTest(RuntimeLog.SHUTDOWN, loop);
        assertEquals(1, records.size(), records::toString);
        LogCapture.Entry e = records.get(0);
        assertEquals(Level.WARNING, e.level());
        String m = e.message();
        assertTrue(m.startsWith(loop + " shut down in "), m);
        assertTrue(m.contains("; 1 coroutine still live when it closed, which did not finish unwinding (shutdown timeout 0 ms):\n  Script@"), m);
        assertTrue(m.contains("\n1 failure nobody observed (each reported to the uncaught-exception handler):\n  Script@"), m);
        assertTrue(m.endsWith(": java.io.IOException: nobody looked"), m);
        assertEquals(2, handed.size(), handed::toString);
        assertInstanceOf(IllegalStateException.class, handed.get(0));
        assertInstanceOf(IOException.class, handed.get(1));
    }

    @Test
    void aCleanShutdownIsOnlyADebugRecord() {
        EventLoop.run(() -> Task.completed(null));
        List<LogCapture.Entry> records = ofThisTest(RuntimeLog.SHUTDOWN, "event-loop[" + Thread.currentThread().getName() + "]");
        assertEquals(1, records.size(), records::toString);
        assertEquals(Level.DEBUG, records.get(0).level());
        assertTrue(records.get(0).message().contains(" shut down cleanly in "), records.get(0).message());
    }

    @Test
    void eachLoopOfAGroupReportsItsOwnShutdown() {
        EventLoopGroup.builder().loops(2).threadName("reporting").run(() -> {
            Script.start(() -> { }, last -> Task.failed(new IOException("on the first loop")));
            return Task.completed(null);
        });
        List<LogCapture.Entry> records = ofThisTest(RuntimeLog.SHUTDOWN, "event-loop[reporting-");
        records = new ArrayList<>(records);
        records.addAll(ofThisTest(RuntimeLog.SHUTDOWN, "event-loop[" + Thread.currentThread().getName() + "]"));
        assertEquals(2, records.size(), records::toString);
        LogCapture.Entry warning = records.stream().filter(r -> r.level() == Level.WARNING).findFirst().orElseThrow();
        assertTrue(warning.message().contains("1 failure nobody observed"), warning.message());
        assertTrue(warning.message().contains("java.io.IOException: on the first loop"), warning.message());
        assertEquals(1, records.stream().filter(r -> r.level() == Level.DEBUG).count(), records::toString);
    }
}
