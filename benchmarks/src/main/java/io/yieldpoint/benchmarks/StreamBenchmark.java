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
 * Async stream: produce {@code n} boxed integers and sum them on an event loop. Score: ns per
 * invocation (divide by {@code n} for the cost per value). Yieldpoint: an {@code AsyncStream<Integer>}
 * coroutine that emits, read by a {@code for (int v : each(stream))} loop in a {@code Task}
 * coroutine, in {@code EventLoop.run}; Kotlin: {@code flow { emit(i) }.collect { }} in
 * {@code runBlocking}. Kotlin's collector runs inside {@code emit} (a push, no suspension per value);
 * Yieldpoint's consumer pulls each value, and the producer suspends at each {@code emit}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class StreamBenchmark {

    @Param({"1000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public long yieldpoint() {
        return EventLoop.run(() -> bodies.sumStream(bodies.streamRange(n)));
    }

    @Benchmark
    public long kotlin() {
        return KotlinBodies.flowSum(n);
    }

    /**
     * The values gathered by {@code AsyncStream.toList()} (the library's own pump, not a
     * coroutine's loop), then summed.
     */
    @Benchmark
    public long yieldpointToList() {
        long sum = 0;
        for (int v : EventLoop.run(() -> bodies.streamRange(n).toList())) {
            sum += v;
        }
        return sum;
    }

    @Benchmark
    public long kotlinToList() {
        return KotlinBodies.flowToListSum(n);
    }
}
