package io.yieldpoint.it;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Coroutines;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coroutines.firstCompleted: the first task to complete, whichever way; nothing cancelled. */
class FirstCompletedTest {

    public interface Race {
        @Coroutine
        default Task<String> after(long millis, String value, boolean fails) {
            await(sleep(Duration.ofMillis(millis)));
            if (fails) {
                throw new IllegalStateException(value + " failed");
            }
            return done(value);
        }

        @Coroutine
        default Task<List<Object>> race(boolean fastFails) {
            Task<String> slow = after(30, "slow", false);
            Task<String> fast = after(10, "fast", fastFails);
            Task<String> medium = after(20, "medium", false);
            Task<String> winner = await(Coroutines.firstCompleted(List.of(slow, fast, medium)));
            boolean othersRunning = !slow.isDone() && !medium.isDone();
            String outcome;
            try {
                outcome = await(winner); // the winner's own outcome: a value, or its failure rethrown
            } catch (IllegalStateException e) {
                outcome = e.getMessage();
            }
            String loser = await(slow);
            return done(List.of(winner == fast, othersRunning, outcome, loser));
        }
    }

    private static final Race RACE = FirstCompletedTest_RaceCoroutines.create();

    @Test
    void theFirstToCompleteWinsAndTheOthersGoOn() {
        assertEquals(List.of(true, true, "fast", "slow"), TestEventLoop.run(() -> RACE.race(false)));
    }

    @Test
    void aFailureCanWinAndIsNotThrownByTheRaceItself() {
        assertEquals(List.of(true, true, "fast failed", "slow"), TestEventLoop.run(() -> RACE.race(true)));
    }

    @Test
    void anEmptyRaceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Coroutines.firstCompleted(List.of()));
        Task<String> done = Task.completed("x");
        Task<Task<String>> first = Coroutines.firstCompleted(List.of(done));
        assertTrue(first.isDone());
        assertSame(done, first.join());
        assertFalse(first.isCancelled());
    }
}
