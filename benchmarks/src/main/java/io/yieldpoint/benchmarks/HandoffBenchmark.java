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
 * Channel handoff: one producer passes {@code n} boxed integers to one consumer through a
 * rendezvous channel, on one thread. Score: ns per invocation (the report divides by {@code n}).
 * Yieldpoint: {@code Channel.rendezvous()} on {@code EventLoop.run}; Kotlin: {@code Channel<Int>()}
 * in {@code runBlocking}; threads: a {@code SynchronousQueue} (virtual threads on one carrier);
 * floor: two hand-written machines and a one-slot rendezvous.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
public class HandoffBenchmark {

    @Param({"10000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public long yieldpoint() {
        return EventLoop.run(() -> bodies.handoff(n));
    }

    @Benchmark
    public long floor() {
        return Floor.handoff(n);
    }

    @Benchmark
    public long kotlin() {
        return KotlinBodies.handoff(n);
    }

    @Benchmark
    public long virtualThreads() {
        return Alternatives.handoff(n, Alternatives::virtual);
    }

    @Benchmark
    public long platformThreads() {
        return Alternatives.handoff(n, Alternatives::platform);
    }
}
