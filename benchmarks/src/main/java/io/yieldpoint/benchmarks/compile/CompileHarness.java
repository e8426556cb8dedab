package io.yieldpoint.benchmarks.compile;

import java.io.IOException;
import java.io.StringWriter;
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
 * <p>Usage: {@code CompileHarness <api.jar:runtime.jar> <processor.jar> <warmups> <rounds> [out.csv [sizes]]};
 * a CSV line {@code mode,methods,medianMillis} per mode and size; sizes comma-separated.
 */
public final class CompileHarness {

    static final int METHODS = 500;

    static final String DEFAULT_SIZES = "50,100,200," + METHODS;

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
            csv.append(String.format(Locale.ROOT, "withProcessor,%d,%.1f%nwithoutProcessor,%d,%.1f%n",
                    methods, medians[0], methods, medians[1]));
        }
        if (args.length > 4) {
            Files.writeString(Path.of(args[4]), csv.toString());
        }
    }

    /** The medians with and without the processor, in ms, on an interface of {@code methods} coroutines. */
    private static double[] measure(String classPath, String processorJar, int warmups, int rounds, int methods)
            throws IOException {
        Path work = Files.createTempDirectory("yp-compile");
        Path src = work.resolve("src/bench/Many.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source(methods));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int i = 0; i < warmups + rounds; i++) {
            double a = compile(javac, src, work.resolve("with" + i), classPath, processorJar);
            double b = compile(javac, src, work.resolve("without" + i), classPath, null);
            if (i >= warmups) {
                with.add(a);
                without.add(b);
            }
            System.out.printf(Locale.ROOT, "%d methods, %s round %d: with processor %.1f ms, without %.1f ms%n",
                    methods, i < warmups ? "warm-up" : "measured", i + 1, a, b);
        }
        double mWith = median(with);
        double mWithout = median(without);
        System.out.printf(Locale.ROOT, "%d methods, median of %d: with processor %.1f ms, without %.1f ms, ratio %.2f%n",
                methods, rounds, mWith, mWithout, mWith / mWithout);
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return new double[] {mWith, mWithout};
    }

    private static double compile(JavaCompiler javac, Path src, Path out, String classPath, String processorJar)
            throws IOException {
        Files.createDirectories(out);
        List<String> options = new ArrayList<>(Arrays.asList("--release", "17", "-cp", classPath, "-d", out.toString(),
                "-s", out.toString(), "-implicit:none"));
        if (processorJar == null) {
            options.add("-proc:none");
        } else {
            options.addAll(List.of("-processorpath", processorJar));
        }
        StringWriter diagnostics = new StringWriter();
        long t0 = System.nanoTime();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(src);
            Boolean ok = javac.getTask(diagnostics, fm, null, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("javac failed:\n" + diagnostics);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (processorJar != null && !Files.exists(out.resolve("bench/ManyCoroutines.class"))) {
            throw new IllegalStateException("the processor did not run: no ManyCoroutines.class in " + out);
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

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }
}
