package io.yieldpoint.benchmarks;

import io.yieldpoint.Task;
import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import java.util.concurrent.CompletableFuture;
import kotlinx.coroutines.Deferred;
import org.openjdk.jmh.annotations.Setup;
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
 * Await of a task that has already completed (the fast path: no suspension), {@code n} times in
 * one coroutine started on the JMH thread. Score: ns per invocation (the report divides by
 * {@code n}); run with {@code -prof gc} it shows the bytes allocated per invocation, which for
 * Yieldpoint are the machine and the boxed result only, whatever {@code n}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class FastPathBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();
    private Task<Integer>[] tasks;
    private Floor.Cell[] cells;
    private CompletableFuture<Integer>[] futures;
    private Deferred<Integer>[] deferreds;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        tasks = (Task<Integer>[]) new Task<?>[n];
        cells = new Floor.Cell[n];
        futures = (CompletableFuture<Integer>[]) new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = Task.completed(i);
            cells[i] = Floor.Cell.completed(i);
            futures[i] = CompletableFuture.completedFuture(i);
        }
        deferreds = KotlinBodies.completed(n);
    }

    @Benchmark
    public long yieldpoint() {
        return bodies.sumCompleted(tasks).join();
    }

    @Benchmark
    public long floor() {
        return Floor.sumCompleted(cells);
    }

    @Benchmark
    public long completableFuture() {
        return Alternatives.cfSumCompleted(futures);
    }

    @Benchmark
    public long kotlin() {
        return KotlinBodies.sumCompletedNow(deferreds);
    }
}
