package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stress of the task core and the loop: many threads completing, cancelling and awaiting the same
 * tasks; a million timers; a storm of cancellations over sleeping coroutines. Seeded: see
 * {@link Stress}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoreStressTest {

    /**
     * Four threads race on one promise per round: each registers continuations, completes, fails,
     * cancels or joins it, in a seeded random mix. Exactly one completion wins, every continuation
     * runs exactly once, and every join sees the outcome that won.
     */
    @Test
    void manyThreadsCompletingCancellingAndAwaitingTheSameTask() throws Exception {
        int rounds = Stress.scaled(3_000);
        int threads = 4;
        int continuationsPerThread = 3;
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        @SuppressWarnings("unchecked")
        Promise<Integer>[] current = new Promise[1];
        AtomicInteger winners = new AtomicInteger();
        AtomicIntegerArray runs = new AtomicIntegerArray(threads * continuationsPerThread);
        ConcurrentLinkedQueue<Object> joined = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Random random = new Random(Stress.SEED + 500 + t);
            workers.add(TestThreads.start("racer-" + t, () -> {
                for (int round = 0; round < rounds; round++) {
                    start.await();
                    Promise<Integer> p = current[0];
                    for (int c = 0; c < continuationsPerThread; c++) {
                        int slot = me * continuationsPerThread + c;
                        p.whenComplete(done -> runs.incrementAndGet(slot));
                        switch (random.nextInt(5)) {
                            case 0 -> {
                                if (p.complete(me)) {
                                    winners.incrementAndGet();
                                }
                            }
                            case 1 -> {
                                if (p.fail(new IllegalStateException("t" + me))) {
                                    winners.incrementAndGet();
                                }
                            }
                            case 2 -> {
                                if (p.cancel()) {
                                    winners.incrementAndGet();
                                }
                            }
                            default -> Thread.onSpinWait();
                        }
                    }
                    if (me == 0 && p.complete(-1)) {
                        winners.incrementAndGet(); // so that every round completes
                    }
                    try {
                        joined.add(p.join());
                    } catch (RuntimeException e) {
                        joined.add(e);
                    }
                    end.await();
                }
            }));
        }
        for (int round = 0; round < rounds; round++) {
            Promise<Integer> p = new Promise<>();
            current[0] = p;
            winners.set(0);
            for (int i = 0; i < runs.length(); i++) {
                runs.set(i, 0);
            }
            joined.clear();
            start.await(); // the racers take this round's promise
            end.await(); // the racers are done with this round
            assertEquals(1, winners.get(), Stress.seed() + "round " + round + ": completions that won");
            for (int i = 0; i < runs.length(); i++) {
                assertEquals(1, runs.get(i), Stress.seed() + "round " + round + ": continuation " + i + " ran");
            }
            Object expected = p.isCompletedExceptionally() ? p.exceptionNow() : p.resultNow();
            for (Object j : joined) {
                assertTrue(j == expected || (j instanceof CancellationException && expected instanceof CancellationException),
                        Stress.seed() + "round " + round + ": a join saw " + j + " but the task holds " + expected);
            }
            assertEquals(threads, joined.size());
        }
        TestThreads.joinAll(workers.toArray(new Thread[0]));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * A million sleeps of random lengths, a third of them cancelled: the others fire exactly once,
     * each at exactly its deadline, in deadline order; the cancelled ones never fire.
     */
    @Test
    void aMillionTimers() {
        int n = Stress.scaled(1_000_000);
        Random random = new Random(Stress.SEED + 600);
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger early = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger firedCancelled = new AtomicInteger();
        long[] last = {Long.MIN_VALUE};
        int expected = TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            int live = 0;
            for (int i = 0; i < n; i++) {
                long delay = random.nextInt(3_600_000);
                long deadline = loop.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
                AbstractTask<Void> nap = AbstractTask.of(sleep(delay));
                boolean cancel = random.nextInt(3) == 0;
                nap.whenComplete(done -> {
                    if (done.isCancelled()) {
                        return;
                    }
                    if (cancel) {
                        firedCancelled.incrementAndGet();
                    }
                    long now = loop.nanoTime();
                    if (now != deadline) {
                        early.incrementAndGet();
                    }
                    if (now < last[0]) {
                        outOfOrder.incrementAndGet();
                    }
                    last[0] = now;
                    fired.incrementAndGet();
                });
                if (cancel) {
                    nap.cancel();
                } else {
                    live++;
                }
            }
            int liveTimers = live;
            return Script.start(() -> { }, last2 -> sleep(Duration.ofHours(2)), last2 -> Task.completed(liveTimers));
        });
        assertEquals(expected, fired.get(), Stress.seed());
        assertEquals(0, early.get(), "timers that fired off their deadline");
        assertEquals(0, outOfOrder.get());
        assertEquals(0, firedCancelled.get());
    }

    /**
     * 100,000 coroutines (parents awaiting children) sleep on a real-time loop; threads cancel
     * them at random, twice over, while the loop runs. Every coroutine ends cancelled, its finally
     * block ran exactly once, on the loop thread, and no coroutine is left live.
     */
    @Test
    void aCancellationStormUnwindsEveryCoroutineExactlyOnce() throws Exception {
        int pairs = Stress.scaled(50_000); // 100,000 coroutines: about 3 s
        AtomicIntegerArray finallies = new AtomicIntegerArray(2 * pairs);
        List<Task<Object>> coroutines = Collections.synchronizedList(new ArrayList<>());
        Thread loopThread = Thread.currentThread();
        AtomicInteger offLoop = new AtomicInteger();
        List<Thread> cancellers = new ArrayList<>();
        EventLoop[] loop = new EventLoop[1];
        EventLoop.run(() -> {
            loop[0] = EventLoop.current();
            List<Task<Void>> ended = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                int child = 2 * i;
                int parent = 2 * i + 1;
                Task<Object> c = Script.start(() -> ran(finallies, child, loopThread, offLoop),
                        last -> sleep(Duration.ofHours(1)));
                Task<Object> p = Script.start(() -> ran(finallies, parent, loopThread, offLoop), last -> c);
                coroutines.add(c);
                coroutines.add(p);
                ended.add(Coroutines.ended(c));
                ended.add(Coroutines.ended(p));
            }
            for (int t = 0; t < 3; t++) {
                Random random = new Random(Stress.SEED + 700 + t);
                cancellers.add(TestThreads.start("canceller-" + t, () -> {
                    for (int k = 0; k < 2 * pairs; k++) {
                        coroutines.get(random.nextInt(2 * pairs)).cancel();
                    }
                    for (Task<Object> task : List.copyOf(coroutines)) {
                        task.cancel(); // whatever the storm missed
                    }
                }));
            }
            return all(ended);
        });
        TestThreads.joinAll(cancellers.toArray(new Thread[0]));
        for (int i = 0; i < finallies.length(); i++) {
            assertEquals(1, finallies.get(i), Stress.seed() + "coroutine " + i + ": finally ran");
        }
        for (Task<Object> t : coroutines) {
            assertTrue(t.isCancelled());
        }
        assertEquals(0, offLoop.get(), "finally blocks that ran off the loop thread");
        assertEquals(0, loop[0].metrics().liveCoroutines());
    }

    private static void ran(AtomicIntegerArray finallies, int i, Thread loopThread, AtomicInteger offLoop) {
        finallies.incrementAndGet(i);
        if (Thread.currentThread() != loopThread) {
            offLoop.incrementAndGet();
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<Integer> plusOne(Task<Integer> task) { return done(await(task) + 1); }
     * }</pre>
     * whose first step announces that it is about to suspend, so that another thread completes the
     * awaited task at once and the next step runs on a pool thread while the first is still on its
     * way out.
     */
    static final class PlusOne extends CoroutineMachine<Integer> {
        private final Promise<Integer> task;
        private final AtomicInteger announce;

        PlusOne(Promise<Integer> task, AtomicInteger announce) {
            this.task = task;
            this.announce = announce;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            switch (label) {
                case 0:
                    announce.incrementAndGet();
                    if (suspendOn(task, 1)) {
                        for (int i = 0; i < 50; i++) {
                            Thread.onSpinWait(); // linger, as a deep step() would on its way out
                        }
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    returnValue(this.<Integer>awaitResult() + 1);
                    return RETURNED;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /**
     * A step that suspends hands the machine on; the next step, run at once by another thread,
     * returns. The first thread, still leaving its step, must not take that return for its own
     * (it would complete the task a second time, with whatever it read then).
     */
    @Test
    void aStepThatSuspendsNeverRacesTheNextStep() throws Exception {
        int n = Stress.scaled(20_000);
        Pool pool = Pool.cpu("race", 2);
        try {
            List<Promise<Integer>> promises = new ArrayList<>();
            List<Task<Integer>> results = new ArrayList<>();
            AtomicInteger announced = new AtomicInteger();
            for (int i = 0; i < n; i++) {
                promises.add(new Promise<>());
            }
            Thread completer = TestThreads.start("completer", () -> {
                for (int i = 0; i < n; i++) {
                    while (announced.get() <= i) {
                        Thread.onSpinWait();
                    }
                    promises.get(i).complete(i);
                }
            });
            for (int i = 0; i < n; i++) {
                Promise<Integer> p = promises.get(i);
                results.add(Dispatch.on(pool, () -> new PlusOne(p, announced).start()));
            }
            TestThreads.joinAll(completer);
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, results.get(i).join(), Stress.seed() + "machine " + i);
            }
        } finally {
            pool.close();
        }
    }
}
