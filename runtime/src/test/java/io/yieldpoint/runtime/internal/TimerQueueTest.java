package io.yieldpoint.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.internal.TimerQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TimerQueue} on its own: order, ties, cancellation, wrap-around, time to the next timer. */
class TimerQueueTest {

    private final TimerQueue timers = new TimerQueue();
    private final List<String> fired = new ArrayList<>();

    private TimerQueue.Timer add(long deadline, String name) {
        TimerQueue.Timer t = timers.newTimerAt(deadline, () -> fired.add(name));
        timers.add(t);
        return t;
    }

    private void fireDue(long now) {
        timers.fireDue(now, Runnable::run);
    }

    @Test
    void firesOnlyWhatIsDueInDeadlineOrder() {
        add(30, "c");
        add(10, "a");
        add(20, "b");

        fireDue(9);
        assertEquals(List.of(), fired);
        fireDue(20); // a deadline equal to now is due
        assertEquals(List.of("a", "b"), fired);
        fireDue(100);
        assertEquals(List.of("a", "b", "c"), fired);
        assertEquals(0, timers.size());
    }

    @Test
    void equalDeadlinesFireFirstComeFirstServed() {
        for (int i = 0; i < 20; i++) {
            add(5, "t" + i);
        }
        fireDue(5);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("t" + i);
        }
        assertEquals(expected, fired);
    }

    @Test
    void theOrderMatchesASortForRandomDeadlines() {
        Random random = new Random(42);
        List<long[]> added = new ArrayList<>(); // {deadline, sequence}
        for (int i = 0; i < 500; i++) {
            long deadline = random.nextInt(100);
            add(deadline, deadline + "#" + i);
            added.add(new long[] {deadline, i});
        }
        added.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<String> expected = new ArrayList<>();
        for (long[] a : added) {
            expected.add(a[0] + "#" + a[1]);
        }
        fireDue(1_000);
        assertEquals(expected, fired);
    }

    @Test
    void cancelledTimersAreSkippedAndDropped() {
        TimerQueue.Timer a = add(1, "a");
        add(2, "b");
        TimerQueue.Timer c = add(3, "c");
        a.cancel();
        c.cancel();

        assertEquals(2, timers.nanosToNext(0), "the cancelled timer at the top is dropped");
        fireDue(10);
        assertEquals(List.of("b"), fired);
        assertEquals(0, timers.size());
    }

    @Test
    void nanosToNextIsMinusOneWhenNothingIsLiveAndZeroWhenOverdue() {
        assertEquals(-1, timers.nanosToNext(0));
        TimerQueue.Timer t = add(100, "t");
        assertEquals(60, timers.nanosToNext(40));
        assertEquals(0, timers.nanosToNext(150));
        t.cancel();
        assertEquals(-1, timers.nanosToNext(0));
    }

    @Test
    void deadlinesAcrossTheWrapOfNanoTimeKeepTheirOrder() {
        long nearMax = Long.MAX_VALUE - 10;
        add(nearMax + 30, "after the wrap, 30"); // overflows to a negative value
        add(nearMax + 5, "before the wrap, 5");
        add(nearMax + 20, "after the wrap, 20");

        assertEquals(5, timers.nanosToNext(nearMax));
        fireDue(nearMax + 25);
        assertEquals(List.of("before the wrap, 5", "after the wrap, 20"), fired);
        fireDue(nearMax + 30);
        assertEquals(List.of("before the wrap, 5", "after the wrap, 20", "after the wrap, 30"), fired);
    }

    @Test
    void clearDropsEverything() {
        add(1, "a");
        add(2, "b");
        timers.clear();
        fireDue(10);
        assertEquals(List.of(), fired);
        assertEquals(-1, timers.nanosToNext(0));
    }

    @Test
    void cancelledTimersThatOutnumberTheLiveOnesArePurged() {
        // withTimeout around quick calls: each call leaves a far timer behind, cancelled.
        TimerQueue.Timer live = add(1_000_000, "live");
        for (int i = 0; i < 100_000; i++) {
            add(10_000 + i, "cancelled " + i).cancel();
        }
        assertTrue(timers.size() < 2_100, "the heap holds " + timers.size() + " timers for 1 live one");
        fireDue(2_000_000);
        assertEquals(List.of("live"), fired);
        assertEquals(0, timers.size());
        live.cancel(); // after firing: harmless
    }

    @Test
    void aTimerCancelledBeforeItIsAddedNeverEntersTheHeap() {
        TimerQueue.Timer t = timers.newTimerAt(10, () -> fired.add("never"));
        t.cancel();
        timers.add(t);
        assertEquals(0, timers.size());
        fireDue(100);
        assertEquals(List.of(), fired);
    }
}
