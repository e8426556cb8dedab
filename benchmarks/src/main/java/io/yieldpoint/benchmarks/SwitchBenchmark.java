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
 * Switch: one suspension and one resumption, on one thread. Score: ns per invocation of
 * {@code n} switches (the report divides by {@code n}).
 *
 * <ul>
 *   <li>yieldpoint: a coroutine doing {@code await(yieldNow())} n times on {@code EventLoop.run};</li>
 *   <li>floor: a hand-written machine re-queuing itself on an {@code ArrayDeque};</li>
 *   <li>completableFuture: a {@code thenCompose} chain, each step a future completed at a later
 *       turn of a trivial queue drained by the same thread;</li>
 *   <li>kotlin: {@code yield()} n times in {@code runBlocking};</li>
 *   <li>virtualThreads: two virtual threads handing a turn to each other with park/unpark, on
 *       one carrier thread ({@code jdk.virtualThreadScheduler.parallelism=1});</li>
 *   <li>platformThreads: the same with two platform threads (two cores: a real OS context
 *       switch per handoff).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
public class SwitchBenchmark {

    @Param({"10000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public int yieldpoint() {
        return EventLoop.run(() -> bodies.yieldTimes(n));
    }

    @Benchmark
    public int floor() {
        return Floor.yieldTimes(n);
    }

    @Benchmark
    public int completableFuture() {
        return Alternatives.cfYieldTimes(n);
    }

    @Benchmark
    public int kotlin() {
        return KotlinBodies.yieldTimes(n);
    }

    @Benchmark
    public int virtualThreads() {
        return Alternatives.pingPong(n / 2, Alternatives::virtual);
    }

    @Benchmark
    public int platformThreads() {
        return Alternatives.pingPong(n / 2, Alternatives::platform);
    }
}
