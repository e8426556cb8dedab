package io.yieldpoint.runtime;

import static io.yieldpoint.runtime.VirtualClock.ms;
import static io.yieldpoint.runtime.VirtualClock.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Cancellable;
import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers of the event loop, on virtual time: order, thread, cancellation, and {@code sleep}. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopTimersTest {

    @Test
    void timersDueTogetherFireInDeadlineOrderThenInSchedulingOrder() {
        VirtualClock clock = new VirtualClock();
        List<String> fired = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> last = new Promise<>();
            loop.schedule(nanos(30), () -> fired.add("30"));
            loop.schedule(nanos(10), () -> fired.add("10"));
            loop.schedule(nanos(40), () -> {
                fired.add("40");
                last.complete(null);
            });
            loop.schedule(nanos(20), () -> fired.add("20"));
            loop.schedule(nanos(10), () -> fired.add("10, scheduled later"));
            clock.advance(ms(100)); // every timer is due at the first turn
            return last;
        });
        assertEquals(List.of("10", "10, scheduled later", "20", "30", "40"), fired);
    }

    @Test
    void timersFireInDeadlineOrderAsTimeMovesOnTheLoopThread() {
        VirtualClock clock = new VirtualClock();
        Thread loopThread = Thread.currentThread();
        List<String> fired = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> last = new Promise<>();
            long[] delays = {35, 5, 25, 15, 45};
            for (long d : delays) {
                loop.schedule(nanos(d), () -> {
                    fired.add(d + "ms");
                    threads.add(Thread.currentThread());
                    if (d == 45) {
                        last.complete(null);
                    }
                });
            }
            // A ticker moves virtual time 1 ms per turn, so the timers come due one by one.
            loop.execute(new Runnable() {
                @Override
                public void run() {
                    if (!last.isDone()) {
                        clock.advance(ms(1));
                        loop.execute(this);
                    }
                }
            });
            return last;
        });
        assertEquals(List.of("5ms", "15ms", "25ms", "35ms", "45ms"), fired);
        threads.forEach(t -> assertSame(loopThread, t));
    }

    @Test
    void aTimerIsNotFiredBeforeItsDeadline() {
        VirtualClock clock = new VirtualClock();
        List<String> trace = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            loop.schedule(nanos(10), () -> {
                trace.add("timer");
                done.complete(null);
            });
            // Three turns without moving time: the timer is not due.
            loop.execute(() -> loop.execute(() -> loop.execute(() -> {
                trace.add("three turns later");
                clock.advance(ms(10));
            })));
            return done;
        });
        assertEquals(List.of("three turns later", "timer"), trace);
    }

    @Test
    void aCancelledTimerDoesNotFire() {
        VirtualClock clock = new VirtualClock();
        List<String> fired = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            Cancellable a = loop.schedule(nanos(10), () -> fired.add("a"));
            loop.schedule(nanos(20), () -> fired.add("b"));
            Cancellable c = loop.schedule(nanos(30), () -> fired.add("c"));
            loop.schedule(nanos(40), () -> done.complete(null));
            a.cancel();
            c.cancel();
            c.cancel(); // harmless
            clock.advance(ms(50));
            return done;
        });
        assertEquals(List.of("b"), fired);
    }

    @Test
    void cancellingTheOnlyTimerLetsTheLoopWaitForOtherWork() throws Exception {
        VirtualClock clock = new VirtualClock();
        Thread loopThread = Thread.currentThread();
        Thread[] completer = new Thread[1];
        String result = EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<String> p = new Promise<>();
            // Far in virtual time, and the clock never moves: only cancelling it lets the loop park
            // with no deadline, until another thread submits.
            Cancellable never = loop.schedule(Duration.ofDays(1).toNanos(), () -> p.complete("timer"));
            never.cancel();
            completer[0] = TestThreads.whenBlocked(loopThread, () -> loop.execute(() -> p.complete("other")));
            return p;
        });
        assertEquals("other", result);
        TestThreads.joinAll(completer[0]);
    }

    @Test
    void timersScheduledFromAnotherThreadFireOnTheLoopThread() throws Exception {
        VirtualClock clock = new VirtualClock();
        Thread loopThread = Thread.currentThread();
        List<Thread> firedOn = Collections.synchronizedList(new ArrayList<>());
        Thread[] scheduler = new Thread[1];
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            scheduler[0] = TestThreads.start("scheduler", () -> {
                loop.schedule(nanos(2), () -> firedOn.add(Thread.currentThread()));
                loop.schedule(nanos(3), () -> {
                    firedOn.add(Thread.currentThread());
                    done.complete(null);
                });
                clock.advance(ms(5));
                loop.execute(() -> { }); // wake the loop if it is parked
            });
            return done;
        });
        assertEquals(List.of(loopThread, loopThread), firedOn);
        TestThreads.joinAll(scheduler[0]);
    }

    @Test
    void timersKeepTheirOrderAcrossTheWrapOfNanoTime() {
        // nanoTime may wrap: deadlines are compared by difference, not by value.
        VirtualClock clock = new VirtualClock(Long.MAX_VALUE - nanos(5));
        List<String> fired = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            loop.schedule(nanos(20), () -> {
                fired.add("20, past the wrap");
                done.complete(null);
            });
            loop.schedule(nanos(1), () -> fired.add("1, before the wrap"));
            loop.schedule(nanos(10), () -> fired.add("10, past the wrap"));
            clock.advance(ms(30));
            return done;
        });
        assertEquals(List.of("1, before the wrap", "10, past the wrap", "20, past the wrap"), fired);
    }

    // ------------------------------------------------------------------ sleep on the loop

    @Test
    void sleepOnTheLoopCompletesOnTheLoopThreadInVirtualTime() {
        VirtualClock clock = VirtualClock.jumping(Duration.ofDays(1));
        Thread loopThread = Thread.currentThread();
        CompletableFuture<Thread> completedOn = new CompletableFuture<>();
        Object value = EventLoop.run(clock, () -> {
            Task<Void> nap = Co.sleep(Duration.ofHours(1)); // an hour, in virtual time
            assertFalse(nap.isDone());
            nap.toCompletableFuture().whenComplete((v, e) -> completedOn.complete(Thread.currentThread()));
            return nap;
        });
        assertNull(value);
        assertSame(loopThread, completedOn.join());
    }

    @Test
    void sleepsOnTheLoopCompleteInTheOrderOfTheirDeadlines() {
        VirtualClock clock = new VirtualClock();
        List<Integer> order = new ArrayList<>();
        EventLoop.run(clock, () -> {
            List<Task<Void>> naps = new ArrayList<>();
            for (int d : new int[] {30, 10, 20}) {
                Task<Void> nap = Co.sleep(d);
                nap.toCompletableFuture().thenRun(() -> order.add(d));
                naps.add(nap);
            }
            clock.advance(ms(100));
            return Co.all(naps);
        });
        assertEquals(List.of(10, 20, 30), order);
    }

    @Test
    void aCancelledSleepOnTheLoopCompletesAtOnceAndItsTimerNeverFires() {
        VirtualClock clock = new VirtualClock();
        List<String> trace = new ArrayList<>();
        EventLoop.run(clock, () -> {
            EventLoop loop = EventLoop.current();
            Task<Void> nap = Co.sleep(10);
            nap.toCompletableFuture().whenComplete((v, e) -> trace.add(
                    e instanceof CancellationException ? "cancelled" : "completed"));
            assertTrue(nap.cancel());
            assertTrue(nap.isCancelled());
            assertEquals(List.of("cancelled"), trace);
            Promise<Void> later = new Promise<>();
            loop.schedule(nanos(20), () -> later.complete(null));
            clock.advance(ms(30)); // the cancelled sleep's deadline passes
            return later;
        });
        assertEquals(List.of("cancelled"), trace);
    }

    @Test
    void sleepOnTheLoopInRealTimeCompletes() {
        assertNull(EventLoop.run(() -> Co.sleep(2)));
        assertNull(EventLoop.run(() -> Co.sleep(Duration.ZERO)));
    }

    @Test
    void joinOfASleepOnTheLoopIsRefused() {
        IllegalStateException e = EventLoop.run(() -> {
            Task<Void> nap = Co.sleep(Duration.ofHours(1));
            IllegalStateException refused = assertThrows(IllegalStateException.class, nap::join);
            nap.cancel();
            return Task.completed(refused);
        });
        EventLoopTest.assertMentionsEventLoop(e);
    }
}
