package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.it.unwind.UnwindCorpus;
import io.yieldpoint.it.unwind.UnwindCorpusCoroutines;
import io.yieldpoint.runtime.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failure nobody can observe any more is reported while the loop still runs: once its task has
 * been collected unobserved, or at once for a task declared fire-and-forget; a task still held and
 * awaited later is not reported.
 */
@Timeout(30)
class UnobservedFailureTest {

    private final CancellationWaitsTest.Recorder impl = new CancellationWaitsTest.Recorder();
    private final UnwindCorpus corpus = UnwindCorpusCoroutines.of(impl);
    private final List<String> reported = new CopyOnWriteArrayList<>();

    private EventLoop.Builder loop() {
        return EventLoop.builder().uncaughtExceptionHandler((source, e) -> reported.add(source + ": " + e.getMessage()));
    }

    @Test
    void aDroppedFailingTaskIsReportedOnceCollectedWhileTheLoopRuns() {
        int turns = loop().run(() -> corpus.dropAFailingTask(() -> !reported.isEmpty(), 1_000));
        assertEquals(1, reported.size(), reported.toString());
        assertTrue(turns < 1_000, "reported before the loop ended, after " + turns + " collections");
        assertTrue(reported.get(0).startsWith("a coroutine collected without anyone awaiting it"), reported.get(0));
        assertTrue(reported.get(0).endsWith(": dropped"), reported.get(0));
    }

    @Test
    void aFailingTaskKeptAndAwaitedLaterIsNotReported() {
        assertEquals("awaited: kept", loop().run(() -> corpus.keepAFailingTaskThenAwaitIt(5)));
        assertEquals(List.of(), reported);
    }

    @Test
    void aDetachedTaskIsReportedAtOnce() {
        int turns = loop().run(() -> corpus.detachAFailingTask(() -> !reported.isEmpty(), 1_000));
        assertTrue(turns < 1_000, "reported before the loop ended");
        assertEquals(1, reported.size(), "reported once: " + reported);
        assertTrue(reported.get(0).endsWith(": detached"), reported.get(0));
    }
}
