package io.yieldpoint.benchmarks;

import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import io.yieldpoint.runtime.EventLoop;
import java.util.concurrent.ExecutorService;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code all} of {@code n} (1,000) tasks, each yielding once before completing with its value;
 * the values gathered in order. Score: ns per {@code all} (not divided). Yieldpoint:
 * {@code await(all(tasks))} on {@code EventLoop.run}; Kotlin: {@code awaitAll} in
 * {@code runBlocking}; CompletableFuture: {@code allOf} of {@code supplyAsync} on a trivial queue;
 * threads: {@code invokeAll} on a virtual-thread-per-task executor, or on a fixed pool of one
 * platform thread per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class AllBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();
    private ExecutorService virtual;
    private ExecutorService platform;

    @Setup
    public void setUp() {
        platform = Alternatives.platformPool(Runtime.getRuntime().availableProcessors());
        if (VirtualThreads.available()) {
            virtual = VirtualThreads.perTaskExecutor();
        }
    }

    @TearDown
    public void tearDown() {
        platform.shutdownNow();
        if (virtual != null) {
            virtual.shutdownNow();
        }
    }

    @Benchmark
    public int yieldpoint() {
        return EventLoop.run(() -> bodies.gather(n));
    }

    @Benchmark
    public int floor() {
        return Floor.gather(n);
    }

    @Benchmark
    public int completableFuture() {
        return Alternatives.cfGather(n);
    }

    @Benchmark
    public int kotlin() {
        return KotlinBodies.gather(n);
    }

    @Benchmark
    public int virtualThreads() {
        if (virtual == null) {
            VirtualThreads.perTaskExecutor(); // throws the clear "needs JDK 21" message
        }
        return Alternatives.gather(n, virtual);
    }

    @Benchmark
    public int platformThreads() {
        return Alternatives.gather(n, platform);
    }
}
