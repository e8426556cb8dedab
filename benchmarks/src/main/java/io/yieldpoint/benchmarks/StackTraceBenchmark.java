package io.yieldpoint.benchmarks;

import io.yieldpoint.internal.AbstractTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the rewritten stack traces cost (docs/debugging.md): a chain of three coroutines whose
 * innermost throws, with the rewriting on (the default) and off
 * ({@code -Dyieldpoint.stackTraces=false}), beside the same three calls as plain methods. Only
 * failures pay: the paths that do not throw have no rewriting code on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StackTraceBenchmark {

    private final FailingChain chain = FailingChainCoroutines.create();

    /** The chain fails without suspending: the first step of each runs on this thread. */
    @Benchmark
    public Throwable coroutinesTracesOn() {
        return AbstractTask.of(chain.top(1)).exceptionNow();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "-Dyieldpoint.stackTraces=false")
    public Throwable coroutinesTracesOff() {
        return AbstractTask.of(chain.top(1)).exceptionNow();
    }

    @Benchmark
    public Throwable plainJava() {
        try {
            return new IllegalStateException("unexpected " + FailingChain.plainTop(1));
        } catch (IllegalStateException e) {
            return e;
        }
    }
}
