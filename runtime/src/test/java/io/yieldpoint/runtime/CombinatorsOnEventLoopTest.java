package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.any;
import static io.yieldpoint.Co.withTimeout;
import static io.yieldpoint.Co.yieldNow;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Machines.After;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code all}, {@code any}, {@code withTimeout} and {@code yieldNow} on an event loop, over
 * coroutines that sleep in virtual time; cancelled coroutines unwind from their yield point.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CombinatorsOnEventLoopTest {

    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private static final Duration THREE_HOURS = Duration.ofHours(3);

    private final VirtualClock clock = new VirtualClock();
    private final Trace trace = new Trace();

    /** Starts the ticker, then makes the root task; on the loop thread. */
    private void tick() {
        clock.tickEveryTurn(Duration.ofMinutes(1));
    }

    @Test
    void allGathersValuesInOrderOnTheLoop() {
        List<String> values = EventLoop.run(clock, () -> {
            tick();
            return all(After.value("a", THREE_HOURS, "a", trace), After.value("b", ONE_HOUR, "b", trace),
                    Task.<String>completed(null));
        });
        assertEquals(Arrays.asList("a", "b", null), values);
        assertEquals(List.of("b done", "a done"), trace.events(), "they completed in deadline order");
    }

    @Test
    void allFailsWithTheFirstFailureAndTheOthersUnwindFromTheirYieldPoints() {
        IOException boom = new IOException("boom");
        List<Task<String>> tasks = new ArrayList<>();
        Task<?>[] gathered = new Task<?>[1];
        EventLoop.run(clock, () -> {
            tick();
            tasks.add(After.value("a", TWO_HOURS, "a", trace));
            tasks.add(After.failure("boom", ONE_HOUR, boom, trace));
            tasks.add(After.value("c", THREE_HOURS, "c", trace));
            gathered[0] = all(tasks);
            return all(trace.when("a cancelled at its yield point"), trace.when("c cancelled at its yield point"));
        });

        assertSame(boom, assertThrows(Throwable.class, gathered[0]::join));
        assertTrue(tasks.get(0).isCancelled());
        assertTrue(tasks.get(2).isCancelled());
        assertEquals("boom fails", trace.events().get(0));
        assertFalse(trace.events().contains("a done"));
        assertFalse(trace.events().contains("c done"));
    }

    @Test
    void allOfNothingOnTheLoop() {
        assertEquals(List.of(), EventLoop.run(() -> all(List.<Task<Object>>of())));
    }

    @Test
    void anyGivesTheFirstValueAndTheLosersUnwind() {
        List<Task<String>> tasks = new ArrayList<>();
        Task<?>[] first = new Task<?>[1];
        EventLoop.run(clock, () -> {
            tick();
            tasks.add(After.value("slow", TWO_HOURS, "slow", trace));
            tasks.add(After.value("fast", ONE_HOUR, "fast", trace));
            tasks.add(After.value("slowest", THREE_HOURS, "slowest", trace));
            first[0] = any(tasks);
            return all(first[0], trace.when("slow cancelled at its yield point"),
                    trace.when("slowest cancelled at its yield point"));
        });

        assertEquals("fast", first[0].join());
        assertTrue(tasks.get(0).isCancelled());
        assertTrue(tasks.get(2).isCancelled());
        assertFalse(tasks.get(1).isCancelled());
    }

    @Test
    void anyWhenAllFailGivesTheFirstFailureWithTheOthersSuppressed() {
        IOException e1 = new IOException("1");
        IOException e2 = new IOException("2");
        Throwable thrown = assertThrows(Throwable.class, () -> EventLoop.run(clock, () -> {
            tick();
            return any(After.<String>failure("one", ONE_HOUR, e1, trace),
                    After.<String>failure("two", TWO_HOURS, e2, trace));
        }));
        assertSame(e1, thrown);
        assertArrayEquals(new Throwable[] {e2}, e1.getSuppressed());
    }

    @Test
    void anyOfNothingIsAnIllegalArgumentOnTheLoopToo() {
        assertThrows(IllegalArgumentException.class, () -> EventLoop.run(() -> any(List.<Task<Object>>of())));
    }

    @Test
    void withTimeoutGivesTheValueWhenTheTaskIsInTime() {
        String value = EventLoop.run(clock, () -> {
            tick();
            return withTimeout(TWO_HOURS, After.value("inner", ONE_HOUR, "in time", trace));
        });
        assertEquals("in time", value);
    }

    @Test
    void withTimeoutFailsAndCancelsTheTaskWhenTimeRunsOut() {
        Task<?>[] inner = new Task<?>[1];
        Task<?>[] bounded = new Task<?>[1];
        EventLoop.run(clock, () -> {
            tick();
            inner[0] = After.value("inner", TWO_HOURS, "late", trace);
            bounded[0] = withTimeout(ONE_HOUR, inner[0]);
            return trace.when("inner cancelled at its yield point");
        });

        Throwable thrown = assertThrows(Throwable.class, bounded[0]::join);
        assertTrue(thrown instanceof TimeoutException, "was " + thrown);
        assertTrue(inner[0].isCancelled());
        assertFalse(trace.events().contains("inner done"));
    }

    @Test
    void withTimeoutAsTheRootRethrowsTheTimeoutException() {
        assertThrows(TimeoutException.class, () -> EventLoop.run(clock, () -> {
            tick();
            return withTimeout(ONE_HOUR, After.value("inner", TWO_HOURS, "late", trace));
        }));
    }

    @Test
    void yieldNowLetsTheStepsAlreadyQueuedRunFirst() {
        Expect e = new Expect();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            e.expect(1);
            loop.execute(() -> e.expect(3));
            Task<Void> y = yieldNow();
            assertFalse(y.isDone(), "on a loop, yieldNow waits for its turn");
            y.toCompletableFuture().thenRun(() -> e.expect(4));
            e.expect(2);
            return y;
        });
        e.finish(5);
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<Void> ping(String name, int n) {
     *     for (int i = 0; i < n; i++) {
     *         trace(name + i);
     *         await(yieldNow());
     *     }
     *     return done();
     * }
     * }</pre>
     */
    static final class Yielder extends CoroutineMachine<Void> {
        private final String name;
        private final int n;
        private final Trace trace;
        private int i;

        Yielder(String name, int n, Trace trace) {
            this.name = name;
            this.n = n;
            this.trace = trace;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            for (;;) {
                switch (label) {
                    case 0:
                        if (i == n) {
                            returnValue(null);
                            return RETURNED;
                        }
                        trace.add(name + i);
                        if (suspendOn(yieldNow(), 1)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 1:
                        awaitResult();
                        i++;
                        label = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void coroutinesThatYieldTakeTurns() {
        EventLoop.run(() -> all(new Yielder("a", 3, trace).start(), new Yielder("b", 3, trace).start()));
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), trace.events());
    }
}
