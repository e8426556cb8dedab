package io.yieldpoint.benchmarks;

import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import java.util.Iterator;
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
 * Generator: iterate {@code n} boxed integers and sum them. Score: ns per invocation (the report
 * divides by {@code n}). Yieldpoint: a {@code Generator<Integer>} coroutine with {@code emit};
 * Kotlin: {@code sequence { yield(i) }}; floor: a hand-written iterator with a resume label.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class GeneratorBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public long yieldpoint() {
        long sum = 0;
        for (int v : bodies.range(n)) {
            sum += v;
        }
        return sum;
    }

    @Benchmark
    public long floor() {
        return sum(Floor.range(n));
    }

    @Benchmark
    public long kotlin() {
        return sum(KotlinBodies.range(n));
    }

    private static long sum(Iterator<Integer> it) {
        long sum = 0;
        while (it.hasNext()) {
            sum += it.next();
        }
        return sum;
    }
}
