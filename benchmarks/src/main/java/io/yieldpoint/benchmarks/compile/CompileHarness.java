package io.yieldpoint.benchmarks.compile;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The compile-time cost of the processor: javac, in this JVM ({@code javax.tools}), on one
 * generated interface of N {@code @Coroutine} methods (50, 100, 200 and 500 by default), with the
 * processor ({@code -processorpath}) and without it ({@code -proc:none}: the bodies are plain Java,
 * so the file compiles either way). For each size, warm-up rounds first, then measured rounds,
 * alternating; prints the median of each and their ratio. The sizes show whether the cost grows
 * linearly with the number of methods.
 *
 * <p>Two more modes split the cost, both {@code -proc:none}: javac on the interface and the
 * generated file the processor wrote ({@code generatedWithoutProcessor}: javac's share, the
 * processor's own work left out), and javac on the interface and a hand-written file of the
 * smallest machines that could do the same ({@code minimalMachines}, {@link #minimalMachines}: one
 * class per coroutine as the design has, with nothing but the states, no comment, no line table).
 * The last is a floor for any processor that writes a class per coroutine.
 *
 * <p>Times are the CPU time of the compiling thread ({@code ThreadMXBean}): javac and the processor
 * run in it, and the figure moves less than the wall clock when other work shares the machine
 * (the garbage collector's and JIT compiler's threads are not counted).
 *
 * <p>Usage: {@code CompileHarness <api.jar:runtime.jar> <processor.jar> <warmups> <rounds> [out.csv [sizes]]};
 * a CSV line {@code mode,methods,medianMillis} per mode and size; sizes comma-separated.
 */
public final class CompileHarness {

    static final int METHODS = 500;

    static final String DEFAULT_SIZES = "50,100,200," + METHODS;

    /** The modes, in the order of {@link #measure}'s answer and of the CSV lines. */
    static final List<String> MODES = List.of("withProcessor", "withoutProcessor", "generatedWithoutProcessor",
            "minimalMachines");

    private CompileHarness() {}

    public static void main(String[] args) throws IOException {
        String classPath = args[0]; // yieldpoint-api and yieldpoint-runtime
        String processorJar = args[1];
        int warmups = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String sizes = args.length > 5 ? args[5] : DEFAULT_SIZES;
        StringBuilder csv = new StringBuilder();
        for (String size : sizes.split(",", -1)) {
            int methods = Integer.parseInt(size.strip());
            double[] medians = measure(classPath, processorJar, warmups, rounds, methods);
            for (int m = 0; m < MODES.size(); m++) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%.1f%n", MODES.get(m), methods, medians[m]));
            }
        }
        if (args.length > 4) {
            Files.writeString(Path.of(args[4]), csv.toString());
        }
    }

    /** The median of each of {@link #MODES}, in ms of CPU, on an interface of {@code methods} coroutines. */
    private static double[] measure(String classPath, String processorJar, int warmups, int rounds, int methods)
            throws IOException {
        Path work = Files.createTempDirectory("yp-compile");
        Path src = work.resolve("src/bench/Many.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source(methods));
        Path minimal = work.resolve("minimal/bench/ManyCoroutines.java");
        Files.createDirectories(minimal.getParent());
        Files.writeString(minimal, minimalMachines(methods));
        Path generated = work.resolve("generated/bench/ManyCoroutines.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<List<Double>> times = new ArrayList<>();
        MODES.forEach(m -> times.add(new ArrayList<>()));
        for (int i = 0; i < warmups + rounds; i++) {
            Path out = work.resolve("with" + i);
            double[] round = {
                compile(javac, List.of(src), out, classPath, processorJar),
                compile(javac, List.of(src), work.resolve("without" + i), classPath, null),
                -1,
                compile(javac, List.of(src, minimal), work.resolve("minimal" + i), classPath, null),
            };
            if (i == 0) {
                Files.createDirectories(generated.getParent());
                Files.copy(out.resolve("bench/ManyCoroutines.java"), generated);
            }
            round[2] = compile(javac, List.of(src, generated), work.resolve("generated" + i), classPath, null);
            if (i >= warmups) {
                for (int m = 0; m < round.length; m++) {
                    times.get(m).add(round[m]);
                }
            }
            System.out.printf(Locale.ROOT, "%d methods, %s round %d: with processor %.1f ms, without %.1f ms,"
                    + " generated file without processor %.1f ms, minimal machines %.1f ms%n",
                    methods, i < warmups ? "warm-up" : "measured", i + 1, round[0], round[1], round[2], round[3]);
        }
        double[] medians = times.stream().mapToDouble(CompileHarness::median).toArray();
        System.out.printf(Locale.ROOT, "%d methods, median of %d: with processor %.1f ms, without %.1f ms, ratio %.2f;"
                + " generated file without processor %.1f ms (%.2f), minimal machines %.1f ms (%.2f)%n",
                methods, rounds, medians[0], medians[1], medians[0] / medians[1], medians[2], medians[2] / medians[1],
                medians[3], medians[3] / medians[1]);
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return medians;
    }

    /** The CPU time javac takes in this thread on {@code sources}, in ms. */
    private static double compile(JavaCompiler javac, List<Path> sources, Path out, String classPath,
            String processorJar) throws IOException {
        Files.createDirectories(out);
        List<String> options = new ArrayList<>(Arrays.asList("--release", "17", "-cp", classPath, "-d", out.toString(),
                "-s", out.toString(), "-implicit:none"));
        if (processorJar == null) {
            options.add("-proc:none");
        } else {
            options.addAll(List.of("-processorpath", processorJar));
        }
        StringWriter diagnostics = new StringWriter();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(sources.toArray(Path[]::new));
            Boolean ok = javac.getTask(diagnostics, fm, null, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("javac failed:\n" + diagnostics);
            }
        }
        double ms = (threads.getCurrentThreadCpuTime() - t0) / 1e6;
        if (!Files.exists(out.resolve("bench/ManyCoroutines.class")) && (processorJar != null || sources.size() > 1)) {
            throw new IllegalStateException("no ManyCoroutines.class in " + out);
        }
        return ms;
    }

    /** An interface of {@code methods} coroutines: a loop with an await, a try/finally with one. */
    static String source(int methods) {
        StringBuilder sb = new StringBuilder();
        sb.append("package bench;\n\n")
                .append("import static io.yieldpoint.Co.*;\n\n")
                .append("import io.yieldpoint.Coroutine;\n")
                .append("import io.yieldpoint.Task;\n\n")
                .append("public interface Many {\n");
        for (int m = 0; m < methods; m++) {
            sb.append("\n    @Coroutine\n")
                    .append("    default Task<Integer> m").append(m).append("(int n) {\n")
                    .append("        int sum = 0;\n")
                    .append("        for (int i = 0; i < n; i++) {\n")
                    .append("            int v = await(done(i));\n")
                    .append("            if (v % 3 == 0) {\n")
                    .append("                sum += v;\n")
                    .append("            }\n")
                    .append("        }\n")
                    .append("        try {\n")
                    .append("            await(yieldNow());\n")
                    .append("        } finally {\n")
                    .append("            sum++;\n")
                    .append("        }\n")
                    .append("        return done(sum + ").append(m).append(");\n")
                    .append("    }\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * The smallest machines that do what {@link #source}'s methods do, written by hand as the design
     * has them (a class per coroutine extending {@code CoroutineMachine}, a {@code switch} over the
     * label, the finally block's exit in a field): the floor of javac's time on generated machines.
     * It leaves out what the processor writes for people and tools: comments, Javadoc, one state per
     * {@code case} block, the line tables.
     */
    static String minimalMachines(int methods) {
        StringBuilder sb = new StringBuilder();
        sb.append("package bench;\n\n")
                .append("import static io.yieldpoint.Co.*;\n\n")
                .append("import io.yieldpoint.Task;\n")
                .append("import io.yieldpoint.runtime.machine.CoroutineMachine;\n\n")
                .append("@SuppressWarnings({\"unchecked\", \"rawtypes\", \"fallthrough\"})\n")
                .append("public final class ManyCoroutines implements Many {\n");
        for (int m = 0; m < methods; m++) {
            sb.append("    public Task<Integer> m").append(m).append("(int n) { return new M").append(m)
                    .append("Machine(n).start(); }\n")
                    .append("    private static final class M").append(m).append("Machine extends CoroutineMachine<Integer> {\n")
                    .append("        private int n, sum, i, finallyExit; private Throwable finallyThrown;\n")
                    .append("        M").append(m).append("Machine(int n) { this.n = n; }\n")
                    .append("        @Override protected boolean step() throws Throwable {\n")
                    .append("            for (;;) {\n")
                    .append("                try {\n")
                    .append("                    switch (label) {\n")
                    .append("                        case 0: sum = 0; i = 0;\n")
                    .append("                        case 1: if (!(i < n)) { label = 4; continue; }"
                            + " if (suspendOn(done(i), 2)) return SUSPENDED;\n")
                    .append("                        case 2: { int v = awaitInt(); if (v % 3 == 0) sum += v; }\n")
                    .append("                        case 3: i++; label = 1; continue;\n")
                    .append("                        case 4: if (suspendYield(5)) return SUSPENDED;\n")
                    .append("                        case 5: awaitResult(); finallyExit = 0; label = 6;\n")
                    .append("                        case 6: sum++; if (finallyExit == -1) throw finallyThrown;\n")
                    .append("                        case 7: returnValue(sum + ").append(m).append("); return RETURNED;\n")
                    .append("                        default: throw new IllegalStateException();\n")
                    .append("                    }\n")
                    .append("                } catch (Throwable t) {\n")
                    .append("                    if (label == 4 || label == 5) { finallyExit = -1; finallyThrown = t; label = 6; continue; }\n")
                    .append("                    throw t;\n")
                    .append("                }\n")
                    .append("            }\n")
                    .append("        }\n")
                    .append("    }\n");
        }
        return sb.append("}\n").toString();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }
}
