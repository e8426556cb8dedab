package io.yieldpoint.benchmarks.memory;

import io.yieldpoint.Task;
import io.yieldpoint.benchmarks.Alternatives;
import io.yieldpoint.benchmarks.Bodies;
import io.yieldpoint.benchmarks.BodiesCoroutines;
import io.yieldpoint.benchmarks.Floor;
import io.yieldpoint.benchmarks.VirtualThreads;
import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import io.yieldpoint.internal.Promise;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import kotlinx.coroutines.CompletableDeferred;
import kotlinx.coroutines.CompletableDeferredKt;

/**
 * Memory per suspended coroutine, measured (not JMH: one JVM per competitor and N, started by
 * {@code benchmarks/run.sh}).
 *
 * <p>For each competitor it first makes N "pending I/O" handles (the thing each coroutine will
 * await: a {@code Promise}, a {@code CompletableFuture}, a {@code CompletableDeferred}, the floor's
 * cell), forces garbage collection and reads the heap in use (MemoryMXBean) and the process's
 * resident set (VmRSS of /proc/self/status). Then it suspends N coroutines, each awaiting its own
 * handle, which nobody completes, collects again and reads both again. The difference divided by
 * N is the cost of one suspended coroutine: its frame or machine object, its registration on the
 * handle, its stack for threads; the handle itself is not counted.
 *
 * <p>With {@code shared}, all N coroutines await one handle instead (the first), as when many
 * coroutines wait for one result: what is measured then includes the registration of many waiters
 * on one task (a node per waiter, or a link in the waiter itself).
 *
 * <p>Usage: {@code MemoryHarness <competitor> <N> [out.csv] [shared]}, competitor one of yieldpoint,
 * floor, completableFuture, kotlin, virtualThreads, platformThreads. Prints (and appends to out.csv)
 * one line: {@code competitor,N,heapBytesPerCoroutine,rssBytesPerCoroutine}. Run it with
 * {@code -XX:+UseSerialGC} and a heap large enough for N.
 */
public final class MemoryHarness {

    private MemoryHarness() {}

    public static void main(String[] args) throws Exception {
        String competitor = args[0];
        int n = Integer.parseInt(args[1]);
        boolean shared = args.length > 3 && args[3].equals("shared");
        Object[] handles = handles(competitor, shared ? 1 : n);
        Object[] awaited = handles;
        if (shared) {
            awaited = new Object[n];
            Arrays.fill(awaited, handles[0]);
        }
        long heap0 = heapAfterGc();
        long rss0 = rss();
        Object keep = suspend(competitor, awaited);
        try {
            long heap1 = heapAfterGc();
            long rss1 = rss();
            double heapPer = (heap1 - heap0) / (double) n;
            double rssPer = (rss1 - rss0) / (double) n;
            String line = String.format(Locale.ROOT, "%s,%d,%.1f,%.1f", competitor, n, heapPer, rssPer);
            System.out.println(line);
            if (args.length > 2) {
                Files.writeString(Path.of(args[2]), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } finally {
            Reference.reachabilityFence(handles);
            Reference.reachabilityFence(awaited);
            Reference.reachabilityFence(keep);
        }
        System.exit(0); // threads and coroutines stay suspended forever
    }

    private static Object[] handles(String competitor, int n) {
        Object[] h = new Object[n];
        for (int i = 0; i < n; i++) {
            h[i] = switch (competitor) {
                case "yieldpoint" -> new Promise<Integer>();
                case "floor" -> new Floor.Cell();
                case "kotlin" -> CompletableDeferredKt.<Integer>CompletableDeferred(null);
                case "completableFuture", "virtualThreads", "platformThreads" -> new CompletableFuture<Integer>();
                default -> throw new IllegalArgumentException("unknown competitor " + competitor);
            };
        }
        return h;
    }

    /** Suspends one coroutine per handle; returns what must stay reachable besides the handles. */
    // FutureReturnValueIgnored: the dependent of a CompletableFuture is the suspended computation
    // being measured; the handle keeps it reachable, and nothing completes it.
    @SuppressWarnings({"unchecked", "FutureReturnValueIgnored"})
    private static Object suspend(String competitor, Object[] handles) throws InterruptedException {
        switch (competitor) {
            case "yieldpoint" -> {
                Bodies bodies = BodiesCoroutines.create();
                for (Object h : handles) {
                    Task<Integer> t = bodies.awaitForever((Promise<Integer>) h);
                    if (t.isDone()) {
                        throw new AssertionError("not suspended");
                    }
                }
                return bodies;
            }
            case "floor" -> {
                for (Object h : handles) {
                    Floor.awaitForever((Floor.Cell) h);
                }
                return null;
            }
            case "completableFuture" -> {
                for (Object h : handles) {
                    ((CompletableFuture<Integer>) h).thenApply(v -> v + 1);
                }
                return null;
            }
            case "kotlin" -> {
                for (Object h : handles) {
                    KotlinBodies.awaitForever((CompletableDeferred<Integer>) h);
                }
                return null;
            }
            case "virtualThreads" -> {
                return blockThreads(handles, true);
            }
            case "platformThreads" -> {
                return blockThreads(handles, false);
            }
            default -> throw new IllegalArgumentException(competitor);
        }
    }

    /** One thread per handle, blocked in {@code join()}; returns once all of them are waiting. */
    @SuppressWarnings("unchecked")
    private static Object blockThreads(Object[] handles, boolean virtual) throws InterruptedException {
        Function<Runnable, Thread> starter = virtual ? Alternatives::virtual : Alternatives::platform;
        AtomicInteger started = new AtomicInteger();
        Thread last = null;
        for (Object h : handles) {
            CompletableFuture<Integer> f = (CompletableFuture<Integer>) h;
            last = starter.apply(() -> {
                started.incrementAndGet();
                f.join();
            });
        }
        while (started.get() < handles.length) {
            Thread.sleep(10);
        }
        while (last != null && last.getState() != Thread.State.WAITING) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        return null;
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Resident set size of this process, in bytes; -1 where /proc is not there. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+", -1)[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
