package io.yieldpoint.benchmarks;

import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import io.yieldpoint.runtime.EventLoop;
import java.time.Duration;
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
 * Timers: {@code n} (a million) coroutines each sleeping 1 ms at the same time: schedule them all,
 * let every timer fire, collect. Score: ns per invocation (the report divides by {@code n}: the
 * cost of scheduling and firing one timer, 1 ms of waiting amortized over n). CompletableFuture:
 * {@code delayedExecutor} (the JDK's one scheduler thread); platform threads: a
 * {@code ScheduledThreadPoolExecutor} with one thread (a million sleeping platform threads cannot
 * be made); virtual threads: a million in {@code Thread.sleep}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx4g")
public class TimerBenchmark {

    private static final long DELAY_NANOS = 1_000_000;

    @Param({"1000000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public int yieldpoint() {
        return EventLoop.run(() -> bodies.sleepMany(n, Duration.ofNanos(DELAY_NANOS)));
    }

    @Benchmark
    public int floor() {
        return Floor.sleepMany(n, DELAY_NANOS);
    }

    @Benchmark
    public int completableFuture() {
        return Alternatives.cfSleepMany(n, DELAY_NANOS);
    }

    @Benchmark
    public int kotlin() {
        return KotlinBodies.sleepMany(n, DELAY_NANOS / 1_000_000);
    }

    @Benchmark
    public int virtualThreads() {
        return Alternatives.vtSleepMany(n, DELAY_NANOS);
    }

    @Benchmark
    public int platformThreads() {
        return Alternatives.scheduledSleepMany(n, DELAY_NANOS);
    }
}
