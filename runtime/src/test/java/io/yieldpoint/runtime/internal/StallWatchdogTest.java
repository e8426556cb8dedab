package io.yieldpoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.LogCapture;
import io.yieldpoint.runtime.debug.SourceLines;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's judgement of one loop, on a clock the test moves ({@link StallWatchdog.Watch}):
 * when a stall is reported, once, what it says, its end, and time the watchdog did not see pass
 * (a pause of the whole process) left out. The loop is an engine owned by the test thread that the
 * test steps by hand, so "the loop thread's stack" is this test's.
 */
class StallWatchdogTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LoopCore loop = new LoopCore(new RealTime(System::nanoTime), (s, e) -> { }, Duration.ofSeconds(1), true);
    private final StallReport report = new StallReport(SourceLines::rewrite, SourceLines::coroutineFrame);

    /** Runs one step on the loop: its step counter moves on, and the loop looks busy after it. */
    private void step() {
        loop.execute(() -> { });
        loop.runTurn();
    }

    private List<LogCapture.Entry> records(LogCapture log) {
        return log.of(RuntimeLog.STALL).stream().filter(e -> e.message().startsWith(loop.name())).toList();
    }

    @Test
    void aStepPastTheThresholdIsReportedOnceWithTheLoopThreadsStackThenItsEnd() {
        try (LogCapture log = LogCapture.start()) {
            step();
            StallWatchdog.Watch w = new StallWatchdog.Watch(loop, 100 * MS, report, 0);
            w.look(50 * MS, 0);
            assertEquals(List.of(), records(log), "under the threshold");
            w.look(100 * MS, 0);
            w.look(200 * MS, 0);
            List<LogCapture.Entry> stalls = records(log);
            assertEquals(1, stalls.size(), stalls::toString);
            LogCapture.Entry stall = stalls.get(0);
            assertEquals(Level.WARNING, stall.level());
            assertTrue(stall.message().startsWith(loop.name() + " stalled: a step has run for 100 ms without returning"
                    + " to the loop (stall threshold 100 ms)"), stall.message());
            assertNotNull(stall.thrown(), "the loop thread's stack");
            assertTrue(Arrays.stream(stall.thrown().getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(StallWatchdogTest.class.getName())), "this test is on it");

            step(); // the stalled step has returned: another one began
            w.look(250 * MS, 0);
            List<LogCapture.Entry> all = records(log);
            assertEquals(2, all.size(), all::toString);
            assertEquals(Level.INFO, all.get(1).level());
            assertEquals(loop.name() + ": the stalled step (a step) returned to the loop after about 250 ms",
                    all.get(1).message());
        }
    }

    @Test
    void timeTheWatchdogDidNotSeePassIsNotCounted() {
        try (LogCapture log = LogCapture.start()) {
            step();
            StallWatchdog.Watch w = new StallWatchdog.Watch(loop, 100 * MS, report, 0);
            w.look(50 * MS, 0);
            w.look(400 * MS, 320 * MS); // 350 ms later, 320 of them beyond its usual sleep: the process was paused
            assertEquals(List.of(), records(log), "50 + 30 ms seen: no stall");
            w.look(420 * MS, 0);
            assertEquals(1, records(log).size(), "50 + 30 + 20 ms seen");
            assertTrue(records(log).get(0).message().contains(" has run for 100 ms "), records(log)::toString);
        }
    }

    @Test
    void aLoopWhoseThreadDiedIsDroppedWithoutAReport() throws Exception {
        LoopCore[] made = new LoopCore[1];
        Thread t = new Thread(() -> made[0] = new LoopCore(new RealTime(System::nanoTime), (s, e) -> { },
                Duration.ofSeconds(1), true), "loop-that-dies");
        t.start();
        t.join();
        try (LogCapture log = LogCapture.start()) {
            StallWatchdog.Watch w = new StallWatchdog.Watch(made[0], 100 * MS, report, 0);
            assertTrue(w.closed(500 * MS), "dropped: its thread is gone, and the loop never closed");
            assertEquals(List.of(), log.of(RuntimeLog.STALL).stream()
                    .filter(e -> e.message().contains("loop-that-dies")).toList());
        }
    }

    @Test
    void aLoopThatMovesOnIsNeverStalled() {
        try (LogCapture log = LogCapture.start()) {
            StallWatchdog.Watch w = new StallWatchdog.Watch(loop, 100 * MS, report, 0);
            for (long t = 0; t < 1000; t += 60) {
                step();
                w.look(t * MS, 0);
            }
            assertEquals(List.of(), records(log));
        }
    }
}
