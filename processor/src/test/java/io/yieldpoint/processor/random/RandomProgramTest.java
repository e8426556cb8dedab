package io.yieldpoint.processor.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import io.yieldpoint.Task;
import io.yieldpoint.processor.random.GeneratorOptions.Feature;
import io.yieldpoint.runtime.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The random program tester: generated {@code @Coroutine} bodies ({@link ProgramGenerator}),
 * compiled in memory with the processor, each run through its generated state machine (inside
 * {@link EventLoop#run}) and through the blocking reading (the default method on a plain
 * implementation, on a plain thread), which must agree on the trace of side effects, the value and
 * the exception.
 *
 * <h2>System properties</h2>
 * <ul>
 *   <li>{@code yieldpoint.random.count}: how many programs (default 2000);</li>
 *   <li>{@code yieldpoint.random.seed}: the base seed (default: today's epoch day, so the programs
 *       change every day but a day's run can be repeated); program {@code i} has the seed
 *       {@link #programSeed(long, int) programSeed(base, i)};</li>
 *   <li>{@code yieldpoint.random.program}: run only the program of this seed (as printed in a
 *       failure report), and print its source;</li>
 *   <li>{@code yieldpoint.random.batch}: programs per compiled interface (default 25: the
 *       processor's time per method grows with the size of the interface, javac's per compilation
 *       is fixed, and 25 balances the two);</li>
 *   <li>{@code yieldpoint.random.threads}: batches compiled and run at once (default 2);</li>
 *   <li>{@code yieldpoint.random.exclude} / {@code .include}: grammar features to switch off / on
 *       ({@link Feature}; a seed reproduces its program only under the same switches);</li>
 *   <li>{@code yieldpoint.random.maxDepth}, {@code yieldpoint.random.maxStatements}: program size.</li>
 * </ul>
 *
 * <p>A failing program is printed with its seed, its source and both outcomes, and written with
 * the others to {@code target/random-programs/}. A program that javac or the processor rejects is
 * a failure too (a generator bug or a processor bug).
 */
class RandomProgramTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final int PRINTED_FAILURES = 8;
    private static final Path REPORTS = Path.of("target", "random-programs");

    @Test
    void generatedProgramsBehaveAlikeAsStateMachinesAndBlocking() throws Exception {
        GeneratorOptions options = GeneratorOptions.fromSystemProperties();
        long base = Long.getLong("yieldpoint.random.seed", LocalDate.now().toEpochDay());
        int count = Integer.getInteger("yieldpoint.random.count", 2000);
        int batchSize = Math.max(1, Integer.getInteger("yieldpoint.random.batch", 25));
        int threads = Math.max(1, Integer.getInteger("yieldpoint.random.threads", 2));
        String single = System.getProperty("yieldpoint.random.program");

        List<List<long[]>> batches = new ArrayList<>();
        if (single != null && !single.isBlank()) {
            batches.add(List.of(new long[] {Long.parseLong(single.trim()), -1}));
            count = 1;
        } else {
            for (int i = 0; i < count; i += batchSize) {
                List<long[]> batch = new ArrayList<>();
                for (int j = i; j < Math.min(count, i + batchSize); j++) {
                    batch.add(new long[] {programSeed(base, j), j});
                }
                batches.add(batch);
            }
        }
        System.out.printf("[random programs] %d programs, base seed %d (-Dyieldpoint.random.seed=%d), %d per interface,"
                + " %d threads; %s%n", count, base, base, batchSize, threads, options.describe());

        long start = System.nanoTime();
        Stats stats = new Stats();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("random-batch"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int b = 0; b < batches.size(); b++) {
                ProgramBatch batch = new ProgramBatch("Batch" + b, batches.get(b), options);
                if (single != null) {
                    System.out.println(batch.entries.get(0).program().source());
                }
                futures.add(pool.submit(() -> {
                    try (Runner runner = new Runner()) {
                        new BatchRun(batch, options, base, stats, failures, runner).run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("[random programs] %d programs run both ways, %d failures, %d ms"
                        + " (compiling %d ms of which %d ms CPU, running %d ms, summed over threads); %d of them threw,"
                        + " %d state machines suspended%n",
                stats.ran.get(), failures.size(), elapsed, stats.compileMillis.get(), stats.compileCpuMillis.get(), stats.runMillis.get(),
                stats.threw.get(), stats.suspended.get());

        if (!failures.isEmpty()) {
            Files.createDirectories(REPORTS);
            Path file = REPORTS.resolve("failures-" + (single != null ? "program-" + single.trim() : "seed-" + base) + ".txt");
            Files.writeString(file, String.join("\n", failures), StandardCharsets.UTF_8);
            for (int i = 0; i < Math.min(PRINTED_FAILURES, failures.size()); i++) {
                System.out.println(failures.get(i));
            }
            fail(failures.size() + " of " + count + " random programs failed (base seed " + base + ", " + options.describe()
                    + "); all reports in " + file.toAbsolutePath() + "\n\n" + failures.get(0));
        }
    }

    /**
     * The programs of {@link Feature#EXPRESSION_AWAITS} (off by default: this version of the
     * processor rejects yield points inside expressions) are valid Java: javac compiles them
     * without the processor. Keeps the generator ready for when the processor lowers them.
     */
    @Test
    void expressionPositionProgramsAreValidJava() {
        GeneratorOptions options = GeneratorOptions.fromSystemProperties().with(Feature.EXPRESSION_AWAITS, true);
        long base = Long.getLong("yieldpoint.random.seed", LocalDate.now().toEpochDay()) ^ 0x5EED;
        List<long[]> seeds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            seeds.add(new long[] {programSeed(base, i), i});
        }
        ProgramBatch batch = new ProgramBatch("ExpressionAwaits", seeds, options);
        Compilation compilation = batch.compile(false);
        if (compilation.status() != Compilation.Status.SUCCESS) {
            String errors = compilation.errors().stream().map(d -> ProgramBatch.describe(d) + "\n"
                    + sourceOf(batch.entryAt(d.getLineNumber()))).collect(Collectors.joining("\n"));
            fail("javac rejects programs of the generator with " + Feature.EXPRESSION_AWAITS + " (base seed " + base + "):\n" + errors);
        }
        assertEquals(true, batch.interfaceSource.contains("+ await("), "expression awaits were generated");
    }

    /** The default grammar reads async streams in for-each loops: the main test runs them both ways. */
    @Test
    void streamLoopsAreGenerated() {
        GeneratorOptions options = GeneratorOptions.fromSystemProperties();
        long generated = 0;
        for (int i = 0; i < 50; i++) {
            if (new ProgramGenerator(programSeed(7, i), options).generate("m").source().contains(" : each(")) {
                generated++;
            }
        }
        assertEquals(true, !options.has(Feature.FOR_EACH_STREAM) || generated > 0, "for-each loops over streams were generated");
    }

    /** The same seed gives the same program. */
    @Test
    void generationIsReproducible() {
        GeneratorOptions options = GeneratorOptions.fromSystemProperties();
        for (int i = 0; i < 20; i++) {
            long seed = programSeed(42, i);
            assertEquals(new ProgramGenerator(seed, options).generate("m").source(),
                    new ProgramGenerator(seed, options).generate("m").source());
        }
    }

    @Test
    void constantConditionsAreRecognised() {
        assertEquals(true, ProgramGenerator.isConstant("(2 & 1) == 0"));
        assertEquals(true, ProgramGenerator.isConstant("(int) 22L < (-3)"));
        assertEquals(true, ProgramGenerator.isConstant("(true ? 1 : 2) != 4"));
        assertEquals(false, ProgramGenerator.isConstant("(p & 1) == 0"));
        assertEquals(false, ProgramGenerator.isConstant("Math.max(1, 2) < 3"));
        assertEquals(false, ProgramGenerator.isConstant("\"a\".length() < 3"));
        assertEquals(true, ProgramGenerator.isConstant("(\"p\" + 1) == \"p1\""));
    }

    /** The seed of program {@code index} of a run with {@code base} (SplitMix64 of both). */
    static long programSeed(long base, int index) {
        long z = base * 0x9E3779B97F4A7C15L + index + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String sourceOf(ProgramBatch.Entry entry) {
        return entry == null ? "" : "program seed " + entry.seed() + ":\n" + entry.program().source();
    }

    private static final class Stats {
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger threw = new AtomicInteger();
        final AtomicInteger suspended = new AtomicInteger();
        final AtomicLong compileMillis = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();
        /** CPU time of the batch threads compiling (javac and the processor), independent of the machine's load. */
        final AtomicLong compileCpuMillis = new AtomicLong();
    }

    /** Compiles one batch and runs its programs both ways. */
    private static final class BatchRun {
        private final ProgramBatch batch;
        private final GeneratorOptions options;
        private final long base;
        private final Stats stats;
        private final List<String> failures;
        private final Runner runner;

        BatchRun(ProgramBatch batch, GeneratorOptions options, long base, Stats stats, List<String> failures, Runner runner) {
            this.batch = batch;
            this.options = options;
            this.base = base;
            this.stats = stats;
            this.failures = failures;
            this.runner = runner;
        }

        void run() throws Exception {
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            ProgramBatch b = batch;
            Compilation compilation = b.compile(true);
            if (compilation.status() != Compilation.Status.SUCCESS) {
                // Find the programs that do not compile, report each compiled alone, run the others.
                List<ProgramBatch.Entry> culprits = locate(b, compilation);
                if (culprits == null) {
                    culprits = b.entries;
                }
                List<ProgramBatch.Entry> good = new ArrayList<>(b.entries);
                for (ProgramBatch.Entry e : culprits) {
                    ProgramBatch one = new ProgramBatch(b.name, List.<long[]>of(new long[] {e.seed(), e.ordinal()}), options);
                    Compilation alone = one.compile(true);
                    if (alone.status() != Compilation.Status.SUCCESS) {
                        failures.add(compileFailure(one, alone));
                        good.remove(e);
                    }
                }
                if (good.size() == b.entries.size()) {
                    failures.add(compileFailure(b, compilation) + "(each program compiles alone, not together)\n");
                    return;
                }
                if (good.isEmpty()) {
                    return;
                }
                b = new ProgramBatch(b.name, good.stream().map(e -> new long[] {e.seed(), e.ordinal()}).toList(), options);
                compilation = b.compile(true);
                if (compilation.status() != Compilation.Status.SUCCESS) {
                    failures.add(compileFailure(b, compilation));
                    return;
                }
            }
            long t1 = System.nanoTime();
            stats.compileMillis.addAndGet(TimeUnit.NANOSECONDS.toMillis(t1 - t0));
            stats.compileCpuMillis.addAndGet(TimeUnit.NANOSECONDS.toMillis(
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0));
            ClassLoader loader;
            Class<?> iface;
            Class<?> impl;
            Method of;
            for (;;) {
                loader = new ProgramBatch.GeneratedClassLoader(compilation, RandomProgramTest.class.getClassLoader());
                String prefix = ProgramBatch.PACKAGE + "." + b.name;
                try {
                    // Initializing links and verifies: a VerifyError shows here, not in a program's run.
                    iface = Class.forName(prefix, true, loader);
                    impl = Class.forName(prefix + "Impl", true, loader);
                    Class<?> coroutines = Class.forName(prefix + "Coroutines", true, loader);
                    of = coroutines.getMethod("of", iface);
                    break;
                } catch (LinkageError error) {
                    ProgramBatch.Entry culprit = culpritOf(b, error);
                    String why = "a compiled class does not load (" + error.getClass().getSimpleName() + ")";
                    failures.add((culprit == null ? "=== random programs of " + b.name + " (base seed " + base + "): " + why + " ===\n"
                            : header(culprit, why))
                            + "  " + error.toString().lines().limit(8).collect(Collectors.joining("\n  ")) + "\n"
                            + (culprit == null ? b.interfaceSource : "--- program ---\n" + culprit.program().source()));
                    if (culprit == null || b.entries.size() == 1) {
                        return;
                    }
                    List<long[]> rest = b.entries.stream().filter(e -> e != culprit)
                            .map(e -> new long[] {e.seed(), e.ordinal()}).toList();
                    b = new ProgramBatch(b.name, rest, options);
                    compilation = b.compile(true);
                    if (compilation.status() != Compilation.Status.SUCCESS) {
                        failures.add(compileFailure(b, compilation));
                        return;
                    }
                }
            }
            for (ProgramBatch.Entry e : b.entries) {
                ProgramGenerator.Program program = e.program();
                Method method = iface.getMethod(program.methodName(), int.class, String.class);
                Outcome blocking = runner.run(impl, target -> blockingReading(target, method, program));
                Method ofMethod = of;
                Outcome machine = runner.run(impl, target -> stateMachine(target, ofMethod.invoke(null, target), method, program));
                stats.ran.incrementAndGet();
                if (blocking.thrown() != null) {
                    stats.threw.incrementAndGet();
                }
                if (!blocking.agreesWith(machine) || !blocking.expectedKind()) {
                    failures.add(report(e, b, compilation, blocking, machine));
                }
            }
            stats.runMillis.addAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
        }

        /**
         * The programs the errors of a failed compilation are in: by line in the interface, or by
         * the {@code // Name.java:line} comment above the error in the generated source; null if
         * some error cannot be placed.
         */
        private static List<ProgramBatch.Entry> locate(ProgramBatch b, Compilation compilation) {
            List<ProgramBatch.Entry> found = new ArrayList<>();
            List<String> generated = null;
            for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
                String file = d.getSource() == null ? "" : d.getSource().getName();
                long line = d.getLineNumber();
                if (file.endsWith("/" + b.name + "Coroutines.java")) {
                    if (generated == null) {
                        String text = b.generatedSource(compilation);
                        if (text == null) {
                            return null;
                        }
                        generated = text.lines().toList();
                    }
                    line = -1;
                    String marker = "// " + b.name + ".java:";
                    for (int i = (int) d.getLineNumber() - 1; i >= 0 && i < generated.size(); i--) {
                        String l = generated.get(i).strip();
                        if (l.startsWith(marker)) {
                            line = Long.parseLong(l.substring(marker.length()).replaceAll("\\D.*", ""));
                            break;
                        }
                    }
                } else if (!file.endsWith("/" + b.name + ".java")) {
                    return null;
                }
                ProgramBatch.Entry e = b.entryAt(line);
                if (e == null) {
                    return null;
                }
                if (!found.contains(e)) {
                    found.add(e);
                }
            }
            return found;
        }

        /** The program named in a VerifyError's "Location: pkg/Name.mK(...)", or null. */
        private static ProgramBatch.Entry culpritOf(ProgramBatch b, LinkageError error) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(b.name + "(?:Coroutines)?(?:\\$(\\w+)Machine)?\\.(\\w+)\\(")
                    .matcher(String.valueOf(error.getMessage()));
            if (!m.find()) {
                return null;
            }
            String method = m.group(1) != null ? Character.toLowerCase(m.group(1).charAt(0)) + m.group(1).substring(1) : m.group(2);
            return b.entries.stream().filter(e -> e.program().methodName().equals(method)).findFirst().orElse(null);
        }

        private static Outcome blockingReading(Object target, Method method, ProgramGenerator.Program program) throws Exception {
            try {
                Task<?> task = (Task<?>) method.invoke(target, program.p(), program.q());
                return Outcome.returned(log(target), task.join());
            } catch (InvocationTargetException e) {
                return Outcome.threw(log(target), e.getCause());
            } catch (RuntimeException | Error e) {
                return Outcome.threw(log(target), e);
            }
        }

        private Outcome stateMachine(Object target, Object coroutines, Method method, ProgramGenerator.Program program) {
            try {
                Object value = EventLoop.run(() -> {
                    try {
                        Task<?> task = (Task<?>) method.invoke(coroutines, program.p(), program.q());
                        if (!task.isDone()) {
                            stats.suspended.incrementAndGet();
                        }
                        return task;
                    } catch (InvocationTargetException e) {
                        throw sneaky(e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                });
                return Outcome.returned(log(target), value);
            } catch (RuntimeException | Error e) {
                return Outcome.threw(log(target), e);
            }
        }

        private String report(ProgramBatch.Entry e, ProgramBatch b, Compilation compilation, Outcome blocking, Outcome machine) {
            String why = !blocking.expectedKind() && blocking.agreesWith(machine)
                    ? "the blocking reading threw an exception the program does not throw"
                    : "the state machine and the blocking reading differ";
            String generated = b.generatedSource(compilation);
            String machineClass = generated == null ? "" : machineClassOf(generated, e.program().methodName());
            return header(e, why)
                    + "--- program (in interface " + b.name + ", lines " + e.firstLine() + "-" + e.lastLine() + ") ---\n"
                    + e.program().source()
                    + "--- blocking reading ---\n" + blocking.describe()
                    + "--- state machine ---\n" + machine.describe()
                    + "--- generated state machine ---\n" + machineClass + "\n";
        }

        private String compileFailure(ProgramBatch b, Compilation compilation) {
            List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>(compilation.errors());
            boolean inGenerated = errors.stream().anyMatch(d -> d.getSource() != null && d.getSource().getName().contains("Coroutines"));
            boolean processor = errors.stream().anyMatch(d -> d.getMessage(null).contains("[YP-"));
            boolean javac = errors.stream().anyMatch(d -> !d.getMessage(null).contains("[YP-") && d.getSource() != null
                    && !d.getSource().getName().contains("Coroutines"));
            String why = processor ? "the processor rejects the program"
                    : javac ? "javac rejects the program (generator bug)"
                    : inGenerated ? "the generated state machine does not compile (processor bug)"
                    : "the compilation fails";
            StringBuilder sb = new StringBuilder();
            ProgramBatch.Entry first = b.entries.size() == 1 ? b.entries.get(0) : null;
            sb.append(first != null ? header(first, why) : "=== random programs of " + b.name + " (base seed " + base + "): " + why + " ===\n");
            for (Diagnostic<? extends JavaFileObject> d : errors) {
                sb.append("  ").append(ProgramBatch.describe(d)).append('\n');
            }
            if (first != null) {
                sb.append("--- program ---\n").append(first.program().source());
            }
            String generated = b.generatedSource(compilation);
            if (inGenerated && generated != null) {
                sb.append("--- generated source around the errors ---\n");
                List<String> lines = generated.lines().toList();
                for (Diagnostic<? extends JavaFileObject> d : errors) {
                    if (d.getSource() != null && d.getSource().getName().contains("Coroutines")) {
                        int at = (int) d.getLineNumber();
                        for (int i = Math.max(1, at - 12); i <= Math.min(lines.size(), at + 4); i++) {
                            sb.append(String.format("%5d%s %s%n", i, i == at ? ">" : ":", lines.get(i - 1)));
                        }
                        sb.append("  ...\n");
                    }
                }
            }
            return sb.toString();
        }

        private String header(ProgramBatch.Entry e, String why) {
            String rerun = "-Dyieldpoint.random.program=" + e.seed() + optionsFlags();
            return "=== random program " + (e.ordinal() >= 0 ? "#" + e.ordinal() + " " : "") + "(seed " + e.seed()
                    + ", base seed " + base + "): " + why + " ===\n"
                    + "rerun: mvn -o test -pl api,runtime,processor -Dtest=RandomProgramTest -Dsurefire.failIfNoSpecifiedTests=false " + rerun + "\n"
                    + "arguments: p=" + e.program().p() + ", q=\"" + e.program().q() + "\"\n";
        }

        private String optionsFlags() {
            StringBuilder sb = new StringBuilder();
            for (String p : List.of("yieldpoint.random.exclude", "yieldpoint.random.include", "yieldpoint.random.maxDepth",
                    "yieldpoint.random.maxStatements")) {
                String v = System.getProperty(p);
                if (v != null && !v.isBlank()) {
                    sb.append(" -D").append(p).append('=').append(v);
                }
            }
            return sb.toString();
        }
    }

    /** The nested machine class of {@code method} in the generated source. */
    static String machineClassOf(String generated, String method) {
        String name = Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Machine";
        List<String> lines = generated.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("class " + name + " ")) {
                start = i;
                while (start > 0 && !lines.get(start - 1).isBlank()) {
                    start--;
                }
                break;
            }
        }
        if (start < 0) {
            return "(no class " + name + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            sb.append(lines.get(i)).append('\n');
            if (lines.get(i).equals("    }")) {
                break;
            }
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(Object target) {
        try {
            List<String> log = (List<String>) target.getClass().getField("log").get(target);
            synchronized (log) {
                return new ArrayList<>(log);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A program body run on a plain thread of its own, with a timeout. */
    interface Body {
        Outcome run(Object target) throws Exception;
    }

    /** Runs readings on a plain (non event-loop) thread, with a timeout; replaces a stuck thread. */
    private static final class Runner implements AutoCloseable {
        private ExecutorService thread = Executors.newSingleThreadExecutor(daemon("random-run"));

        Outcome run(Class<?> impl, Body body) throws Exception {
            Object target = impl.getConstructor().newInstance();
            Callable<Outcome> call = () -> body.run(target);
            Future<Outcome> f = thread.submit(call);
            try {
                return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                thread.shutdownNow();
                thread = Executors.newSingleThreadExecutor(daemon("random-run"));
                return Outcome.timeout(log(target));
            } catch (ExecutionException e) {
                throw new AssertionError("the harness failed", e.getCause());
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
