package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.runtime.Machines.Drain;
import io.yieldpoint.runtime.Machines.Produce;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.sync.Channel;
import io.yieldpoint.runtime.sync.Mutex;
import io.yieldpoint.runtime.sync.Select;
import io.yieldpoint.runtime.sync.Semaphore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stress: channels, selects, semaphores and mutexes used by many threads and coroutines at once,
 * with cancellations racing the hand-overs. Every element sent is received exactly once, in each
 * sender's order; no permit is lost or duplicated. Seeded: see {@link Stress}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyncStressTest {

    private static final int SENDERS = 4;
    private static final int RECEIVERS = 4;

    /** Element {@code i} of sender {@code s}. */
    private static int element(int s, int i) {
        return s * 1_000_000 + i;
    }

    private static IntFunction<Channel<Integer>> kind(String name) {
        return switch (name) {
            case "rendezvous" -> n -> Channel.rendezvous();
            case "bounded" -> n -> Channel.bounded(4);
            default -> n -> Channel.unbounded();
        };
    }

    /**
     * Threads send and receive through one channel, each operation cancelled now and then right
     * after it is made, racing the counterpart that serves it. A send cancelled in time did not
     * send; a receive whose cancel lost has its element.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rendezvous", "bounded", "unbounded"})
    void everyElementSentIsReceivedExactlyOnceDespiteCancellations(String kind) throws Exception {
        int perSender = Stress.scaled(5_000);
        Channel<Integer> ch = kind(kind).apply(0);
        List<List<Integer>> sent = new ArrayList<>();
        List<List<Integer>> received = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        CountDownLatch sendersDone = new CountDownLatch(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            List<Integer> mine = new ArrayList<>();
            sent.add(mine);
            Random random = new Random(Stress.SEED + s);
            threads.add(TestThreads.start("sender-" + s, () -> {
                for (int i = 0; i < perSender; i++) {
                    Task<Void> send = ch.send(element(sender, i));
                    if (random.nextInt(8) == 0 && send.cancel()) {
                        continue; // withdrawn in time: not sent
                    }
                    send.join();
                    mine.add(element(sender, i));
                }
                sendersDone.countDown();
            }));
        }
        for (int r = 0; r < RECEIVERS; r++) {
            Random random = new Random(Stress.SEED + 100 + r);
            threads.add(TestThreads.start("receiver-" + r, () -> {
                List<Integer> mine = new ArrayList<>();
                for (;;) {
                    Task<Integer> receive = ch.receiveOrNull();
                    if (random.nextInt(8) == 0 && receive.cancel()) {
                        continue; // withdrawn before any element reached it
                    }
                    Integer v = receive.join();
                    if (v == null) {
                        break;
                    }
                    mine.add(v);
                }
                received.add(mine);
            }));
        }
        sendersDone.await();
        ch.close();
        TestThreads.joinAll(threads.toArray(new Thread[0]));
        assertExactlyOnceInSenderOrder(sent, received);
    }

    private static void assertExactlyOnceInSenderOrder(List<List<Integer>> sent, List<List<Integer>> received) {
        List<Integer> all = new ArrayList<>();
        for (List<Integer> r : received) {
            all.addAll(r);
            int[] last = new int[SENDERS];
            java.util.Arrays.fill(last, -1);
            for (int v : r) {
                int s = v / 1_000_000;
                assertTrue(v % 1_000_000 > last[s], Stress.seed() + "a receiver saw sender " + s + "'s elements out of order");
                last[s] = v % 1_000_000;
            }
        }
        List<Integer> expected = new ArrayList<>();
        sent.forEach(expected::addAll);
        Collections.sort(all);
        Collections.sort(expected);
        assertEquals(expected.size(), all.size(), Stress.seed() + "received " + all.size() + " of " + expected.size());
        assertEquals(expected, all, Stress.seed() + "not exactly once");
    }

    /** Producer and consumer coroutines on two event loops share a channel. */
    @Test
    void coroutinesOnTwoEventLoopsShareAChannelExactlyOnce() throws Exception {
        int perProducer = Stress.scaled(10_000);
        Channel<Integer> ch = Channel.bounded(16);
        AtomicInteger producersLeft = new AtomicInteger(SENDERS);
        List<List<Integer>> sent = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < perProducer; i++) {
                mine.add(element(s, i));
            }
            sent.add(mine);
        }
        List<List<Integer>> received = Collections.synchronizedList(new ArrayList<>());
        List<Thread> loops = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            int loop = l;
            loops.add(TestThreads.start("loop-" + l, () -> EventLoop.run(() -> {
                for (int s = loop; s < SENDERS; s += 2) {
                    AbstractTask.of(Produce.of(ch, sent.get(s), false)).whenComplete(done -> {
                        if (producersLeft.decrementAndGet() == 0) {
                            ch.close();
                        }
                    });
                }
                List<Task<List<Integer>>> consumers = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    consumers.add(Drain.of(ch));
                }
                return Script.start(() -> { }, last -> all(consumers), last -> {
                    @SuppressWarnings("unchecked")
                    List<List<Integer>> lists = (List<List<Integer>>) last;
                    received.addAll(lists);
                    return Task.completed(null);
                });
            })));
        }
        TestThreads.joinAll(loops.toArray(new Thread[0]));
        assertExactlyOnceInSenderOrder(sent, received);
    }

    /**
     * Receivers select over two channels, some selects cancelled right away; senders send to
     * either channel. Every element is received exactly once: a select never takes two.
     */
    @Test
    void selectsOverTwoChannelsTakeEachElementExactlyOnce() throws Exception {
        int perSender = Stress.scaled(5_000);
        Channel<Integer> a = Channel.rendezvous();
        Channel<Integer> b = Channel.bounded(2);
        List<List<Integer>> sent = new ArrayList<>();
        List<List<Integer>> received = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        CountDownLatch sendersDone = new CountDownLatch(SENDERS);
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            List<Integer> mine = new ArrayList<>();
            sent.add(mine);
            Random random = new Random(Stress.SEED + 200 + s);
            threads.add(TestThreads.start("sender-" + s, () -> {
                for (int i = 0; i < perSender; i++) {
                    (random.nextBoolean() ? a : b).send(element(sender, i)).join();
                    mine.add(element(sender, i));
                }
                sendersDone.countDown();
            }));
        }
        AtomicInteger closedSeen = new AtomicInteger();
        for (int r = 0; r < RECEIVERS; r++) {
            Random random = new Random(Stress.SEED + 300 + r);
            threads.add(TestThreads.start("receiver-" + r, () -> {
                List<Integer> mine = new ArrayList<>();
                for (;;) {
                    Task<Integer> select = new Select<Integer>()
                            .onReceiveOrNull(a, v -> v == null ? -1 : v)
                            .onReceiveOrNull(b, v -> v == null ? -1 : v)
                            .start();
                    if (random.nextInt(6) == 0 && select.cancel()) {
                        continue;
                    }
                    int v = select.join();
                    if (v == -1) {
                        closedSeen.incrementAndGet();
                        break;
                    }
                    mine.add(v);
                }
                received.add(mine);
            }));
        }
        sendersDone.await();
        a.close();
        b.close();
        // A receiver stops at the first closed channel it sees; the other may still hold elements.
        TestThreads.joinAll(threads.toArray(new Thread[0]));
        List<Integer> rest = new ArrayList<>();
        for (Integer v = a.tryReceive(); v != null; v = a.tryReceive()) {
            rest.add(v);
        }
        for (Integer v = b.tryReceive(); v != null; v = b.tryReceive()) {
            rest.add(v);
        }
        received.add(rest.stream().sorted().toList());
        assertEquals(RECEIVERS, closedSeen.get());
        List<Integer> all = new ArrayList<>();
        received.forEach(all::addAll);
        List<Integer> expected = new ArrayList<>();
        sent.forEach(expected::addAll);
        Collections.sort(all);
        Collections.sort(expected);
        assertEquals(expected, all, Stress.seed() + "not exactly once");
    }

    /** Threads acquire and release with cancellations racing the hand-overs: no permit is lost. */
    @Test
    void aSemaphoreNeverOverbooksAndLosesNoPermit() throws Exception {
        int permits = 3;
        int rounds = Stress.scaled(20_000);
        Semaphore semaphore = new Semaphore(permits);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Random random = new Random(Stress.SEED + 400 + t);
            threads.add(TestThreads.start("acquirer-" + t, () -> {
                for (int i = 0; i < rounds; i++) {
                    Task<Void> acquire = semaphore.acquire();
                    if (random.nextInt(4) == 0 && acquire.cancel()) {
                        continue;
                    }
                    acquire.join();
                    int now = inside.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    if (now > permits) {
                        errors.add(now + " holders");
                    }
                    inside.decrementAndGet();
                    semaphore.release();
                }
            }));
        }
        TestThreads.joinAll(threads.toArray(new Thread[0]));
        assertEquals(List.of(), List.copyOf(errors), Stress.seed());
        assertTrue(most.get() <= permits);
        assertEquals(permits, semaphore.availablePermits(), Stress.seed() + "a permit was lost or duplicated");
        assertEquals(0, semaphore.queueLength());
    }

    /**
     * Coroutines on two event loops increment a plain counter in a read, yield, write section
     * under one mutex: without mutual exclusion updates would be lost.
     */
    @Test
    void aMutexMakesAReadYieldWriteSectionAtomicAcrossLoops() throws Exception {
        int perLoop = Stress.scaled(5_000);
        Mutex mutex = new Mutex();
        int[] counter = {0};
        List<Thread> loops = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            loops.add(TestThreads.start("loop-" + l, () -> EventLoop.run(() -> {
                List<Task<Object>> sections = new ArrayList<>();
                for (int i = 0; i < perLoop; i++) {
                    int[] read = new int[1];
                    sections.add(mutex.withLock(() -> Script.start(() -> { },
                            last -> {
                                read[0] = counter[0];
                                return yieldNow(); // let the other coroutines run in the middle
                            },
                            last -> {
                                counter[0] = read[0] + 1;
                                return Task.completed(null);
                            })));
                }
                return all(sections);
            })));
        }
        TestThreads.joinAll(loops.toArray(new Thread[0]));
        assertEquals(2 * perLoop, counter[0], Stress.seed()); // joining the loops made their writes visible
        assertTrue(!mutex.isLocked());
    }
}
