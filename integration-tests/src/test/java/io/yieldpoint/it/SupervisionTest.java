package io.yieldpoint.it;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.TaskGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** TaskGroup.supervisorScope: a failing child is reported and fails alone; a failing body fails the group. */
class SupervisionTest {

    public interface Work {
        @Coroutine
        default Task<String> child(String name, boolean fails, List<String> log) {
            try {
                await(yieldNow());
                if (fails) {
                    throw new IllegalStateException(name + " failed");
                }
                await(sleep(Duration.ofMillis(1)));
                log.add(name + " done");
                return done(name);
            } finally {
                log.add(name + " ended");
            }
        }

        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<String> threeChildren(TaskGroup group, List<String> log) {
            group.start(() -> child("a", false, log));
            group.start(() -> child("b", true, log));
            group.start(() -> child("c", false, log));
            await(yieldNow());
            return done("body done");
        }

        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<String> failingBody(TaskGroup group, List<String> log) {
            group.start(() -> child("long", false, log));
            await(yieldNow());
            throw new IllegalArgumentException("the body failed");
        }
    }

    private static final Work WORK = SupervisionTest_WorkCoroutines.create();

    @Test
    void aFailingChildIsReportedAndTheOthersGoOn() {
        List<String> log = new CopyOnWriteArrayList<>();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        String result = EventLoop.builder().uncaughtExceptionHandler((source, e) -> uncaught.add(e))
                .run(() -> TaskGroup.supervisorScope(group -> WORK.threeChildren(group, log)));
        assertEquals("body done", result);
        assertTrue(log.containsAll(List.of("a done", "c done", "a ended", "b ended", "c ended")), String.valueOf(log));
        assertEquals(1, uncaught.size(), String.valueOf(uncaught));
        assertEquals("b failed", uncaught.get(0).getMessage());
    }

    @Test
    void aFailingBodyCancelsTheChildrenAndFailsTheGroup() {
        List<String> log = new CopyOnWriteArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventLoop.run(() -> TaskGroup.supervisorScope(group -> WORK.failingBody(group, log))));
        assertEquals("the body failed", e.getMessage());
        assertEquals(List.of("long ended"), log, "the child was cancelled, its finally ran, before the group failed");
    }

    @Test
    void anOrdinaryScopeStillCancelsTheSiblingsOfAFailure() {
        List<String> log = new CopyOnWriteArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> TaskGroup.scope(group -> WORK.threeChildren(group, log))));
        assertEquals("b failed", e.getMessage());
        assertTrue(!log.contains("a done") && !log.contains("c done"), String.valueOf(log));
    }
}
