package io.yieldpoint.benchmarks;

import io.yieldpoint.Task;
import io.yieldpoint.benchmarks.kotlin.KotlinBodies;
import io.yieldpoint.runtime.Dispatch;
import io.yieldpoint.runtime.sync.Channel;
import java.util.ArrayList;
import java.util.List;
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
 * Channel throughput on the CPU pool: {@value #PRODUCERS} producers send {@code n} boxed integers
 * in all through a channel of capacity {@value #CAPACITY} to {@value #CONSUMERS} consumers. Score:
 * ns per invocation (the report divides by {@code n}: ns per element). Yieldpoint: coroutines
 * started on {@code Dispatch.cpu()} with {@code Dispatch.on}; Kotlin: {@code Dispatchers.Default};
 * threads: an {@code ArrayBlockingQueue}, virtual threads on the default scheduler.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(2)
public class ChannelBenchmark {

    static final int PRODUCERS = 2;
    static final int CONSUMERS = 2;
    static final int CAPACITY = 64;

    @Param({"100000"})
    public int n;

    private final Bodies bodies = BodiesCoroutines.create();

    @Benchmark
    public long yieldpoint() {
        Channel<Integer> channel = Channel.bounded(CAPACITY);
        List<Task<Void>> producers = new ArrayList<>();
        List<Task<Long>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(Dispatch.on(Dispatch.cpu(), () -> bodies.drain(channel)));
        }
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(Dispatch.on(Dispatch.cpu(), () -> bodies.produce(channel, n / PRODUCERS)));
        }
        producers.forEach(Task::join);
        channel.close();
        long received = 0;
        for (Task<Long> c : consumers) {
            received += c.join();
        }
        return received;
    }

    @Benchmark
    public long kotlin() {
        return KotlinBodies.mpmc(PRODUCERS, CONSUMERS, n / PRODUCERS, CAPACITY);
    }

    @Benchmark
    public long virtualThreads() {
        return Alternatives.mpmc(PRODUCERS, CONSUMERS, n / PRODUCERS, CAPACITY, Alternatives::virtual);
    }

    @Benchmark
    public long platformThreads() {
        return Alternatives.mpmc(PRODUCERS, CONSUMERS, n / PRODUCERS, CAPACITY, Alternatives::platform);
    }
}
