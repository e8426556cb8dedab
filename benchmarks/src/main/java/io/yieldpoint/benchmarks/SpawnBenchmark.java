package io.yieldpoint.benchmarks;

import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import io.yieldpoint.runtime.EventLoop;
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
 * Spawn + one yield + complete, one thread: {@code n} children started, each yields once and
 * completes, and the parent collects them. Score: ns per invocation (the report divides by
 * {@code n} and shows millions per second). Threads: {@code n} virtual threads doing
 * {@code Thread.yield()} on one carrier; CompletableFuture: {@code supplyAsync} on a trivial
 * queue drained by the same thread (the hop to the queue is its yield).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
public class SpawnBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public int yieldpoint() {
        return EventLoop.run(() -> bodies.spawnMany(n));
    }

    @Benchmark
    public int floor() {
        return Floor.spawnMany(n);
    }

    @Benchmark
    public int completableFuture() {
        return Alternatives.cfSpawnMany(n);
    }

    @Benchmark
    public int kotlin() {
        return KotlinBodies.spawnMany(n);
    }

    @Benchmark
    public int virtualThreads() {
        return Alternatives.spawnMany(n, Alternatives::virtual);
    }
}
