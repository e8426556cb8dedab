package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blocking reading refuses to block an event-loop thread: a coroutine called through its plain
 * default method (not the generated class) on the loop, reaching an await of a pending task, throws
 * {@code IllegalStateException} instead of deadlocking the loop.
 */
class BlockingRefusalTest {

    @Test
    void plainDefaultMethodAwaitingAPendingTaskOnTheLoopIsRefused() {
        TaskCases.Recorder plain = new TaskCases.Recorder();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> plain.straightLine(1)));
        assertTrue(e.getMessage().contains("would block the event-loop thread"), e.getMessage());
        assertEquals(List.of("a1"), plain.log(), "the body ran up to the pending await, no further");
    }

    @Test
    void plainDefaultMethodAwaitingOnlyCompletedTasksOnTheLoopRuns() {
        TaskCases.Recorder plain = new TaskCases.Recorder();
        // awaitCompleted awaits only done(...) tasks: nothing would block, so nothing is refused.
        int value = EventLoop.run(() -> plain.awaitCompleted(2));
        assertEquals(2 + 1 + 30, value);
    }

    @Test
    void theGeneratedMachineOnTheLoopSuspendsInstead() {
        TaskCases.Recorder impl = new TaskCases.Recorder();
        int value = EventLoop.run(() -> TaskCorpusCoroutines.of(impl).straightLine(1));
        assertEquals(2, value);
        assertEquals(List.of("a1", "b", "c", "d"), impl.log());
    }

    @Test
    void joiningAPendingTaskOnTheLoopIsRefused() {
        TaskCases.Recorder impl = new TaskCases.Recorder();
        TaskCorpus generated = TaskCorpusCoroutines.of(impl);
        assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
            generated.quiet(1).join();
            return generated.quiet(2);
        }));
    }
}
