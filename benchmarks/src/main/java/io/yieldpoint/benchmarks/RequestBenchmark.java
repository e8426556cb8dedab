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
 * Request mix: {@code n} requests in flight, each awaiting three simulated I/O completions (a read
 * whose answer arrives at a later turn of the loop, as from a selector) and then computing
 * ({@link Work#compute}). Score: ns per invocation (the report divides by {@code n}: ns per
 * request). Single-threaded for Yieldpoint ({@code EventLoop.run}), Kotlin ({@code runBlocking}),
 * CompletableFuture ({@code thenCompose} on a trivial queue) and the floor. Threads block in each
 * read until a separate I/O thread completes it: one virtual thread per request, or a pool of 64
 * platform threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class RequestBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();
    private ExecutorService io;
    private ExecutorService virtual;
    private ExecutorService platform;

    @Setup
    public void setUp() {
        io = Alternatives.platformPool(1);
        platform = Alternatives.platformPool(64);
        if (VirtualThreads.available()) {
            virtual = VirtualThreads.perTaskExecutor();
        }
    }

    @TearDown
    public void tearDown() {
        io.shutdownNow();
        platform.shutdownNow();
        if (virtual != null) {
            virtual.shutdownNow();
        }
    }

    @Benchmark
    public long yieldpoint() {
        return EventLoop.run(() -> bodies.serve(n));
    }

    @Benchmark
    public long floor() {
        return Floor.serve(n);
    }

    @Benchmark
    public long completableFuture() {
        return Alternatives.cfServe(n);
    }

    @Benchmark
    public long kotlin() {
        return KotlinBodies.serve(n);
    }

    @Benchmark
    public long virtualThreads() {
        if (virtual == null) {
            VirtualThreads.perTaskExecutor(); // throws the clear "needs JDK 21" message
        }
        return Alternatives.serve(n, virtual, io);
    }

    @Benchmark
    public long platformThreads() {
        return Alternatives.serve(n, platform, io);
    }
}
