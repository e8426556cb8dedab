package io.yieldpoint.runtime;

import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoopShutdownTest.Collected;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TaskGroup}: waits for every child, first failure cancels the rest, cancellation goes down. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TaskGroupTest {

    private final Trace trace = new Trace();

    /** A child that sleeps {@code ms}, traces, and returns its name; traces its finally block. */
    private Task<Object> child(String name, long ms) {
        return Script.start(() -> trace.add(name + " finally"), last -> sleep(ms), last -> {
            trace.add(name + " done at " + TestEventLoopTest.nowMs());
            return Task.completed(name);
        });
    }

    /** A child that sleeps {@code ms} then fails with {@code e}. */
    private Task<Object> failing(String name, long ms, Exception e) {
        return Script.start(() -> trace.add(name + " finally"), last -> sleep(ms), last -> {
            trace.add(name + " fails at " + TestEventLoopTest.nowMs());
            return Task.failed(e);
        });
    }

    private Function<Object, Task<?>> traceNow(String what) {
        return last -> {
            trace.add(what + " at " + TestEventLoopTest.nowMs());
            return Task.completed(last);
        };
    }

    @Test
    void aScopeCompletesWithItsBodysValueOnceEveryChildHasEnded() {
        String value = TestEventLoop.run(() -> Script.start(() -> { },
                last -> TaskGroup.scope(group -> {
                    group.add(child("a", 20));
                    group.add(child("b", 10));
                    return Task.completed("body value"); // the body ends at once; the scope waits
                }),
                traceNow("scope done")));
        assertEquals("body value", value);
        assertEquals(List.of("b done at 10", "b finally", "a done at 20", "a finally", "scope done at 20"),
                trace.events());
    }

    @Test
    void childrenCanAddChildrenWhileTheGroupWaits() {
        TestEventLoop.run(() -> TaskGroup.scope(group -> {
            group.add(Script.start(() -> { }, last -> sleep(10), last -> {
                group.add(child("grandchild", 15));
                return Task.completed(null);
            }));
            return Task.completed(null);
        }));
        assertEquals(List.of("grandchild done at 25", "grandchild finally"), trace.events());
    }

    @Test
    void theFirstFailureCancelsTheSiblingsAndTheBodyAndIsRethrownAfterTheyHaveUnwound() {
        IOException boom = new IOException("boom");
        IOException thrown = assertThrows(IOException.class, () -> TestEventLoop.run(() -> Script.start(
                () -> trace.add("parent finally"),
                last -> TaskGroup.scope(group -> {
                    group.add(child("slow", 1_000));
                    group.add(failing("failing", 10, boom));
                    return Script.start(() -> trace.add("body finally"), last2 -> sleep(500));
                }))));
        assertSame(boom, thrown);
        assertEquals(0, thrown.getSuppressed().length);
        assertEquals(List.of("failing fails at 10", "failing finally", "slow finally", "body finally",
                "parent finally"), trace.events(), "every child unwound before the parent saw the failure");
    }

    @Test
    void failuresThrownByCancelledSiblingsWhileUnwindingAreSuppressedInTheFirst() {
        IOException boom = new IOException("first");
        IllegalStateException fromFinally = new IllegalStateException("thrown while unwinding");
        Collected uncaught = new Collected();
        IOException thrown = assertThrows(IOException.class, () -> EventLoop.builder()
                .clock(VirtualClock.jumping(Duration.ofSeconds(1))).uncaughtExceptionHandler(uncaught)
                .run(() -> TaskGroup.scope(group -> {
                    group.add(Script.start(() -> {
                        throw fromFinally;
                    }, last -> sleep(Duration.ofDays(1))));
                    group.add(Script.start(() -> { }, last -> sleep(1), last -> Task.failed(boom)));
                    return Task.completed(null);
                })));
        assertSame(boom, thrown);
        assertEquals(List.of(fromFinally), List.of(thrown.getSuppressed()));
        assertEquals(List.of(), uncaught.exceptions, "the group took charge of it");
    }

    /** A task whose cancellation loses, as a channel waiter's does once it has been claimed. */
    static final class Claimed extends io.yieldpoint.internal.AbstractTask<String> {
        @Override
        public boolean cancel() {
            return false;
        }

        void failNow(Throwable t) {
            completeExceptionally(t);
        }
    }

    @Test
    void aSiblingThatFailsOnItsOwnDespiteTheCancellationIsSuppressed() {
        TaskGroup group = new TaskGroup();
        Promise<String> a = new Promise<>();
        Claimed b = new Claimed();
        IOException first = new IOException("first");
        IOException second = new IOException("second");
        group.add(a);
        group.add(b);
        Task<Void> joined = group.join();
        a.fail(first); // the group cancels b, in vain
        assertFalse(joined.isDone(), "b has not ended");
        b.failNow(second);
        assertSame(first, assertThrows(IOException.class, joined::join));
        assertEquals(List.of(second), List.of(first.getSuppressed()));
    }

    @Test
    void aChildCancelledFromElsewhereIsNoFailure() {
        String value = TestEventLoop.run(() -> TaskGroup.scope(group -> {
            Task<Object> victim = group.add(child("victim", 1_000));
            group.add(child("survivor", 20));
            return Script.start(() -> { }, last -> sleep(10), last -> {
                victim.cancel();
                return Task.completed("ok");
            });
        }));
        assertEquals("ok", value);
        assertEquals(List.of("victim finally", "survivor done at 20", "survivor finally"), trace.events());
    }

    @Test
    void cancellingTheParentCancelsTheScopeAndEveryChild() {
        TestEventLoop.run(() -> {
            Task<Object> parent = Script.start(() -> trace.add("parent finally"),
                    last -> TaskGroup.scope(group -> {
                        group.add(child("a", 1_000));
                        group.add(child("b", 2_000));
                        return Script.start(() -> trace.add("body finally"), last2 -> sleep(3_000));
                    }));
            return Script.start(() -> { }, last -> sleep(10), last -> {
                assertTrue(parent.cancel());
                return Task.completed(null);
            });
        });
        // The cancelled children unwind at their next step; the loop waits for them before it ends.
        assertEquals(List.of("a finally", "b finally", "body finally", "parent finally"), trace.events(),
                "children unwind first, in the order they were added, then the parent");
    }

    @Test
    void anExplicitGroupJoinsItsChildren() {
        TestEventLoop.run(() -> {
            TaskGroup group = new TaskGroup();
            group.add(child("a", 30));
            group.start(() -> child("b", 10));
            assertEquals(2, group.size());
            return Script.start(() -> { }, last -> group.join(), traceNow("joined"), last -> {
                assertTrue(group.isDone());
                assertSame(group.join(), group.join());
                assertThrows(IllegalStateException.class, () -> group.add(Task.completed(1)));
                return Task.completed(null);
            });
        });
        assertEquals(List.of("b done at 10", "b finally", "a done at 30", "a finally", "joined at 30"), trace.events());
    }

    @Test
    void anEmptyGroupCompletesWhenJoined() {
        TaskGroup group = new TaskGroup();
        assertFalse(group.isDone());
        assertEquals(null, group.join().join());
    }

    @Test
    void aChildAddedToAFailingGroupIsCancelledAtOnceAndStartDoesNotEvenCallIt() {
        TaskGroup group = new TaskGroup();
        group.add(Task.failed(new IOException("failed")));
        Promise<String> late = new Promise<>();
        group.add(late);
        assertTrue(late.isCancelled());
        List<String> called = new ArrayList<>();
        Task<String> skipped = group.start(() -> {
            called.add("called");
            return Task.completed("x");
        });
        assertTrue(skipped.isCancelled());
        assertEquals(List.of(), called);
        assertThrows(IOException.class, () -> group.join().join());
    }

    @Test
    void cancellingAGroupCancelsItsChildrenAndCompletesAtOnce() {
        TaskGroup group = new TaskGroup();
        Promise<String> a = new Promise<>();
        group.add(a);
        assertTrue(group.cancel());
        assertTrue(a.isCancelled());
        assertThrows(CancellationException.class, () -> group.join().join());
        assertFalse(group.cancel());
    }

    @Test
    void aBodyThatThrowsFailsTheScope() {
        IllegalStateException boom = new IllegalStateException("body");
        Task<Object> scope = TaskGroup.scope(group -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, scope::join));
    }

    /**
     * Seeded random trees of scopes: children sleep, fail or spawn nested scopes. Whatever
     * happens, no coroutine is still live when the root scope's outcome is seen, and every
     * coroutine's finally ran exactly once.
     */
    @Test
    void noChildOutlivesItsScopeInRandomTrees() {
        for (int round = 0; round < 50; round++) {
            Random random = new Random(Stress.SEED + 800 + round);
            int[] started = {0};
            int[] finallies = {0};
            int[] liveAtOutcome = {-1};
            try {
                TestEventLoop.run(() -> Script.start(() -> { }, last -> randomScope(random, 0, started, finallies),
                        last -> {
                            liveAtOutcome[0] = EventLoop.current().metrics().liveCoroutines();
                            return Task.completed(null);
                        }));
            } catch (Throwable t) {
                if (!(t instanceof IOException)) {
                    throw t; // a random failure may reach the root; nothing else may
                }
            }
            assertEquals(started[0], finallies[0], Stress.seed() + "round " + round);
            assertTrue(liveAtOutcome[0] <= 1, "round " + round + ": " + liveAtOutcome[0]
                    + " live coroutines when the root scope completed (only the reader itself may be)");
        }
    }

    private Task<Object> randomScope(Random random, int depth, int[] started, int[] finallies) {
        return TaskGroup.scope(group -> {
            int children = 1 + random.nextInt(4);
            for (int i = 0; i < children; i++) {
                int kind = depth < 3 ? random.nextInt(4) : random.nextInt(2);
                long ms = random.nextInt(100);
                started[0]++;
                switch (kind) {
                    case 0 -> group.add(Script.start(() -> finallies[0]++, last -> sleep(ms)));
                    case 1 -> group.add(Script.start(() -> finallies[0]++, last -> sleep(ms),
                            last -> random.nextInt(4) == 0 ? Task.failed(new IOException("random")) : Task.completed(null)));
                    default -> group.add(Script.start(() -> finallies[0]++, last -> sleep(ms),
                            last -> randomScope(random, depth + 1, started, finallies)));
                }
            }
            return Task.completed(null);
        });
    }
}
