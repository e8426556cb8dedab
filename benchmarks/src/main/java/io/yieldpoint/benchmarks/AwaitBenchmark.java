package io.yieldpoint.benchmarks;

import io.yieldpoint.runtime.EventLoop;
import java.util.concurrent.CompletableFuture;
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
 * A smoke test of the harness: awaiting completed tasks (the fast path) and suspending through the
 * event loop, beside the same chain written with {@code CompletableFuture}. The side-by-side suite
 * is in the other {@code *Benchmark} classes (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AwaitBenchmark {

    @Param({"100"})
    int n;

    private final Chains chains = ChainsCoroutines.create();

    @Benchmark
    public long yieldpointCompletedAwaits() {
        return chains.sumCompleted(n).join();
    }

    @Benchmark
    public long completableFutureCompleted() {
        CompletableFuture<Long> sum = CompletableFuture.completedFuture(0L);
        for (int i = 0; i < n; i++) {
            int v = i;
            sum = sum.thenCombine(CompletableFuture.completedFuture(v), (a, b) -> a + b);
        }
        return sum.join();
    }

    @Benchmark
    public int yieldpointSuspensions() {
        return EventLoop.run(() -> chains.yieldTimes(n));
    }
}
