package io.yieldpoint.benchmarks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The same work as {@link Bodies}, written the way a user of {@code CompletableFuture}, of
 * platform threads or of virtual threads would write it. "Thread" bodies take a starter
 * ({@code Thread::startVirtualThread}-like), so one method serves both kinds of thread.
 */
public final class Alternatives {

    private Alternatives() {}

    /** Starts a platform thread. */
    public static Thread platform(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Starts a virtual thread (JDK 21+). */
    public static Thread virtual(Runnable r) {
        return VirtualThreads.start(r);
    }

    // ================================================================ CompletableFuture

    /** Switch: {@code n} steps, each a future completed at a later turn of a trivial queue. */
    public static int cfYieldTimes(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        CompletableFuture<Integer> result = cfYieldFrom(0, n, queue);
        Floor.drain(queue);
        return result.join();
    }

    private static CompletableFuture<Integer> cfYieldFrom(int i, int n, ArrayDeque<Runnable> queue) {
        if (i == n) {
            return CompletableFuture.completedFuture(n);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        queue.add(() -> turn.complete(null));
        return turn.thenCompose(v -> cfYieldFrom(i + 1, n, queue));
    }

    /** Spawn: {@code n} {@code supplyAsync} on a queue drained by this thread, then each joined. */
    public static int cfSpawnMany(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        List<CompletableFuture<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(CompletableFuture.supplyAsync(() -> 1, queue::add));
        }
        Floor.drain(queue);
        int sum = 0;
        for (CompletableFuture<Integer> t : tasks) {
            sum += t.join();
        }
        return sum;
    }

    /** {@code allOf} of {@code n} {@code supplyAsync}, values gathered in order. */
    public static int cfGather(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] tasks = (CompletableFuture<Integer>[]) new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = CompletableFuture.supplyAsync(() -> 1, queue::add);
        }
        CompletableFuture<List<Integer>> all = CompletableFuture.allOf(tasks).thenApply(v -> {
            List<Integer> values = new ArrayList<>(tasks.length);
            for (CompletableFuture<Integer> t : tasks) {
                values.add(t.join());
            }
            return values;
        });
        Floor.drain(queue);
        return all.join().size();
    }

    /** Timers: {@code n} tasks on {@code delayedExecutor} (the JDK's one delay-scheduler thread). */
    public static int cfSleepMany(int n, long delayNanos) {
        AtomicInteger fired = new AtomicInteger();
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] tasks = (CompletableFuture<Void>[]) new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = CompletableFuture.runAsync(fired::incrementAndGet,
                    CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS, Runnable::run));
        }
        CompletableFuture.allOf(tasks).join();
        return fired.get();
    }

    private static CompletableFuture<Integer> cfRead(int value, ArrayDeque<Runnable> queue) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        queue.add(() -> f.complete(value));
        return f;
    }

    /** Request mix: three reads as a {@code thenCompose} chain, reads completed at later turns. */
    public static long cfServe(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        List<CompletableFuture<Integer>> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(cfRead(i, queue).thenCompose(a -> cfRead(a + 1, queue)
                    .thenCompose(b -> cfRead(b + 1, queue).thenApply(c -> Work.compute(a, b, c)))));
        }
        Floor.drain(queue);
        long sum = 0;
        for (CompletableFuture<Integer> r : requests) {
            sum += r.join();
        }
        return sum;
    }

    /** Fast path: combines completed futures. */
    public static long cfSumCompleted(CompletableFuture<Integer>[] completed) {
        CompletableFuture<Long> sum = CompletableFuture.completedFuture(0L);
        for (CompletableFuture<Integer> f : completed) {
            sum = sum.thenCombine(f, (a, b) -> a + b);
        }
        return sum.join();
    }

    // ================================================================ threads

    /**
     * Switch: two threads hand a turn back and forth {@code n} times with park/unpark; returns
     * the number of switches ({@code 2n}).
     */
    @SuppressWarnings("ReturnValueIgnored") // the two threads end on their own; done marks the end of the run
    public static int pingPong(int n, Function<Runnable, Thread> starter) {
        final class Turn {
            volatile int owner; // 0: ping's turn, 1: pong's
            volatile Thread ping;
            volatile Thread pong;
        }
        Turn turn = new Turn();
        CountDownLatch done = new CountDownLatch(1);
        starter.apply(() -> {
            turn.pong = Thread.currentThread();
            for (int i = 0; i < n; i++) {
                while (turn.owner != 1) {
                    LockSupport.park();
                }
                turn.owner = 0;
                LockSupport.unpark(turn.ping);
            }
        });
        starter.apply(() -> {
            turn.ping = Thread.currentThread();
            while (turn.pong == null) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < n; i++) {
                turn.owner = 1;
                LockSupport.unpark(turn.pong);
                while (turn.owner != 0) {
                    LockSupport.park();
                }
            }
            done.countDown();
        });
        await(done);
        return 2 * n;
    }

    /** Channel handoff: a {@code SynchronousQueue} between two threads. */
    public static long handoff(int n, Function<Runnable, Thread> starter) {
        SynchronousQueue<Integer> q = new SynchronousQueue<>();
        AtomicLong sum = new AtomicLong();
        Thread consumer = starter.apply(() -> {
            long s = 0;
            try {
                for (int i = 0; i < n; i++) {
                    s += q.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sum.set(s);
        });
        Thread producer = starter.apply(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    q.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        VirtualThreads.join(producer);
        VirtualThreads.join(consumer);
        return sum.get();
    }

    /** Spawn: {@code n} threads that each yield once, then joined. */
    @SuppressWarnings("ThreadPriorityCheck") // a yield is what each thread's body is: the cost of one switch
    public static int spawnMany(int n, Function<Runnable, Thread> starter) {
        Thread[] threads = new Thread[n];
        AtomicInteger sum = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            threads[i] = starter.apply(() -> {
                Thread.yield();
                sum.incrementAndGet();
            });
        }
        for (Thread t : threads) {
            VirtualThreads.join(t);
        }
        return sum.get();
    }

    /** {@code all}: {@code invokeAll} of {@code n} calls that yield once, values in order. */
    @SuppressWarnings("ThreadPriorityCheck") // a yield is what each call's body is: the cost of one switch
    public static int gather(int n, ExecutorService executor) {
        List<Callable<Integer>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(() -> {
                Thread.yield();
                return 1;
            });
        }
        try {
            List<Integer> values = new ArrayList<>(n);
            for (Future<Integer> f : executor.invokeAll(calls)) {
                values.add(f.get());
            }
            return values.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Timers: {@code n} virtual threads, each in {@code Thread.sleep}. */
    public static int vtSleepMany(int n, long delayNanos) {
        AtomicInteger fired = new AtomicInteger();
        ExecutorService ex = VirtualThreads.perTaskExecutor();
        for (int i = 0; i < n; i++) {
            ex.execute(() -> {
                try {
                    Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                fired.incrementAndGet();
            });
        }
        shutdownAndWait(ex);
        return fired.get();
    }

    /** Timers: a {@code ScheduledThreadPoolExecutor} with one platform thread. */
    @SuppressWarnings("FutureReturnValueIgnored") // the latch observes the timers, which cannot fail
    public static int scheduledSleepMany(int n, long delayNanos) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1);
        AtomicInteger fired = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            ex.schedule(() -> {
                fired.incrementAndGet();
                all.countDown();
            }, delayNanos, TimeUnit.NANOSECONDS);
        }
        await(all);
        ex.shutdown();
        return fired.get();
    }

    /**
     * Request mix with threads: each request blocks on three reads that a separate I/O thread
     * completes (as a selector thread would), then computes.
     */
    public static long serve(int n, ExecutorService requests, ExecutorService io) {
        List<Future<Integer>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            answers.add(requests.submit(() -> {
                int a = blockingRead(id, io);
                int b = blockingRead(a + 1, io);
                int c = blockingRead(b + 1, io);
                return Work.compute(a, b, c);
            }));
        }
        long sum = 0;
        try {
            for (Future<Integer> f : answers) {
                sum += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return sum;
    }

    private static int blockingRead(int value, ExecutorService io) {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        io.execute(() -> f.complete(value));
        return f.join();
    }

    /**
     * Channel throughput: {@code producers} threads put {@code perProducer} elements each into
     * an {@code ArrayBlockingQueue} of {@code capacity}, {@code consumers} threads take until a
     * poison pill; the number of elements taken.
     */
    public static long mpmc(int producers, int consumers, int perProducer, int capacity,
            Function<Runnable, Thread> starter) {
        BlockingQueue<Integer> q = new ArrayBlockingQueue<>(capacity);
        Integer poison = Integer.valueOf(-1);
        AtomicLong taken = new AtomicLong();
        List<Thread> ps = new ArrayList<>();
        List<Thread> cs = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            cs.add(starter.apply(() -> {
                long count = 0;
                try {
                    while (!poison.equals(q.take())) {
                        count++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                taken.addAndGet(count);
            }));
        }
        for (int p = 0; p < producers; p++) {
            ps.add(starter.apply(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        q.put(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        ps.forEach(VirtualThreads::join);
        try {
            for (int c = 0; c < consumers; c++) {
                q.put(poison);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cs.forEach(VirtualThreads::join);
        return taken.get();
    }

    // ================================================================ helpers

    public static ExecutorService platformPool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    public static void shutdownAndWait(ExecutorService ex) {
        ex.shutdown();
        try {
            if (!ex.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("executor did not terminate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
