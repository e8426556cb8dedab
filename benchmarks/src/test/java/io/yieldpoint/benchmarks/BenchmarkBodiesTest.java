package io.yieldpoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What CI runs of the suite: every {@code @Benchmark} method of every benchmark class, once, with
 * a small {@code n}, and every competitor of a class must give the same answer (they do the same
 * work). Seconds, not minutes: it proves the benchmarks still run, not how fast. Virtual-thread
 * benchmarks are skipped on JDK 17-20.
 */
class BenchmarkBodiesTest {

    /** Each class with the small n it runs with here. */
    private static final Map<Class<?>, Integer> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put(SwitchBenchmark.class, 200);
        CLASSES.put(HandoffBenchmark.class, 200);
        CLASSES.put(SpawnBenchmark.class, 100);
        CLASSES.put(GeneratorBenchmark.class, 300);
        CLASSES.put(StreamBenchmark.class, 300);
        CLASSES.put(FastPathBenchmark.class, 300);
        CLASSES.put(TimerBenchmark.class, 2_000);
        CLASSES.put(AllBenchmark.class, 100);
        CLASSES.put(ChannelBenchmark.class, 2_000);
        CLASSES.put(RequestBenchmark.class, 100);
    }

    @TestFactory
    List<DynamicTest> everyCompetitorOfEveryBenchmarkGivesTheSameAnswer() {
        List<DynamicTest> tests = new ArrayList<>();
        CLASSES.forEach((cls, n) -> tests.add(DynamicTest.dynamicTest(cls.getSimpleName() + " n=" + n, () -> run(cls, n))));
        return tests;
    }

    private static void run(Class<?> cls, int n) throws Exception {
        Object state = cls.getConstructor().newInstance();
        cls.getField("n").setInt(state, n);
        invokeAnnotated(cls, state, Setup.class);
        Map<String, Object> answers = new LinkedHashMap<>();
        try {
            for (Method m : cls.getMethods()) {
                if (!m.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                if (m.getName().equals("virtualThreads") && !VirtualThreads.available()) {
                    continue; // JDK 17-20
                }
                answers.put(m.getName(), m.invoke(state));
            }
        } finally {
            invokeAnnotated(cls, state, TearDown.class);
        }
        assertTrue(answers.containsKey("yieldpoint"), cls + " has no yieldpoint benchmark");
        Object expected = answers.get("yieldpoint");
        answers.forEach((competitor, answer) ->
                assertEquals(expected, answer, cls.getSimpleName() + "." + competitor + " disagrees with yieldpoint"));
    }

    private static void invokeAnnotated(Class<?> cls, Object state, Class<? extends java.lang.annotation.Annotation> a)
            throws Exception {
        for (Method m : cls.getMethods()) {
            if (m.isAnnotationPresent(a) && !Modifier.isStatic(m.getModifiers())) {
                m.invoke(state);
            }
        }
    }

    /** JMH itself, in this JVM, on one benchmark for a tenth of a second: the harness still runs. */
    @org.junit.jupiter.api.Test
    void jmhRunsOneBenchmarkInProcess() throws Exception {
        // JMH refuses to start while another JMH holds /tmp/jmh.lock (someone benchmarking on the
        // same machine). This smoke run measures nothing, so it need not wait for the machine.
        System.setProperty("jmh.ignoreLock", "true");
        var options = new org.openjdk.jmh.runner.options.OptionsBuilder()
                .include(SwitchBenchmark.class.getName() + ".yieldpoint")
                .param("n", "100")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
                .build();
        var results = new org.openjdk.jmh.runner.Runner(options).run();
        assertEquals(1, results.size());
        assertTrue(results.iterator().next().getPrimaryResult().getScore() > 0);
    }

    @org.junit.jupiter.api.Test
    void reportReadsJmhJson() {
        Object parsed = io.yieldpoint.benchmarks.report.JsonAccess.parse(
                "[{\"benchmark\":\"a.B.c\",\"params\":{\"n\":\"10\"},\"primaryMetric\":{\"rawData\":[[1.5,2.0e1]]}}]");
        assertEquals("[{benchmark=a.B.c, params={n=10}, primaryMetric={rawData=[[1.5, 20.0]]}}]", parsed.toString());
    }
}
