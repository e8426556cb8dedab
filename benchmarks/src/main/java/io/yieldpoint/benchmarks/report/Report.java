package io.yieldpoint.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Reads what {@code benchmarks/run.sh} measured (JMH's JSON, the memory and compile harnesses'
 * CSV) and writes {@code results.md}, a table of medians side by side with ratios to Yieldpoint,
 * and one PNG bar chart per metric. Run with {@code -Djava.awt.headless=true}.
 *
 * <p>Usage: {@code Report <rawDir> <outDir> <label>}: reads {@code rawDir/jmh*.json},
 * {@code rawDir/memory.csv} and {@code rawDir/compile.csv}; a missing input leaves its rows out.
 */
public final class Report {

    /** Columns, in order: key (JMH method name, harness competitor) and heading. */
    static final String[][] COMPETITORS = {
        {"yieldpoint", "Yieldpoint"},
        {"floor", "hand-written floor"},
        {"completableFuture", "CompletableFuture"},
        {"kotlin", "Kotlin coroutines"},
        {"virtualThreads", "virtual threads"},
        {"platformThreads", "platform threads"},
    };

    /**
     * A JMH metric: the benchmark class, what the row is called, its unit, whether the score is
     * divided by the {@code n} parameter, the Yieldpoint goal in that unit (NaN: none), and whether
     * to show a rate (millions per second) beside the time.
     */
    record Spec(String benchmarkClass, String id, String title, String unit, boolean perN, double goal,
            String goalText, boolean rate) {}

    static final List<Spec> SPECS = List.of(
            new Spec("SwitchBenchmark", "switch", "switch (suspend + resume), one thread", "ns per switch", true, 8,
                    "<= 8 ns", false),
            new Spec("HandoffBenchmark", "handoff", "channel handoff, one thread", "ns per element", true, 20,
                    "<= 20 ns", false),
            new Spec("SpawnBenchmark", "spawn", "spawn + one yield + complete, one thread", "ns per coroutine", true,
                    1e3 / 50, ">= 50 M/s (<= 20 ns)", true),
            new Spec("GeneratorBenchmark", "generator", "generator, boxed", "ns per element", true, 1.5, "<= 1.5 ns",
                    false),
            new Spec("FastPathBenchmark", "fastpath", "await of a completed task (fast path)", "ns per await", true,
                    Double.NaN, "allocation-free", false),
            new Spec("TimerBenchmark", "timers", "a million sleeping coroutines: schedule + fire", "ns per timer", true,
                    Double.NaN, "", true),
            new Spec("AllBenchmark", "all", "all of 1,000 tasks", "us per all", false, Double.NaN, "", false),
            new Spec("ChannelBenchmark", "channel", "channel throughput, 2 producers + 2 consumers, CPU pool",
                    "ns per element", true, Double.NaN, "", false),
            new Spec("RequestBenchmark", "request", "request mix (3 simulated I/O awaits + compute)",
                    "ns per request", true, Double.NaN, "", false));

    /** The median and spread of one benchmark, in its row's unit; bytes allocated per unit. */
    record Stat(double median, double min, double max, int count, double allocPerUnit) {}

    /** "ms (ratio)", or "-" when the mode was not measured. */
    private static String ratioCell(double ms, double baseline) {
        return Double.isNaN(ms) ? "-" : fmt(ms) + String.format(Locale.ROOT, " (%.2f)", ms / baseline);
    }

    private Report() {}

    public static void main(String[] args) throws IOException {
        Path raw = Path.of(args[0]);
        Path memory = raw.resolve("memory.csv");
        Path memoryShared = raw.resolve("memory-shared.csv");
        Path compile = raw.resolve("compile.csv");
        Path out = Path.of(args[1]);
        String label = args.length > 2 ? args[2] : "";
        Files.createDirectories(out);

        Map<String, Map<String, Stat>> rows = new LinkedHashMap<>();
        String jvm = "";
        Map<String, String> settingsByClass = new LinkedHashMap<>();
        List<Path> jsons;
        try (var files = Files.list(raw)) {
            jsons = files.filter(p -> p.getFileName().toString().matches("jmh.*\\.json")).sorted().toList();
        }
        for (Path jmh : jsons) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) Json.parse(Files.readString(jmh));
            for (Map<String, Object> r : results) {
                String bench = (String) r.get("benchmark");
                String cls = bench.substring(0, bench.lastIndexOf('.'));
                cls = cls.substring(cls.lastIndexOf('.') + 1);
                String method = bench.substring(bench.lastIndexOf('.') + 1);
                Spec spec = spec(cls);
                if (spec == null) {
                    continue;
                }
                jvm = r.get("jdkVersion") + " (" + r.get("vmName") + " " + r.get("vmVersion") + ")";
                settingsByClass.put(cls, "forks " + num(r.get("forks")) + ", warm-up " + num(r.get("warmupIterations")) + " x "
                        + r.get("warmupTime") + ", measurement " + num(r.get("measurementIterations")) + " x "
                        + r.get("measurementTime"));
                rows.computeIfAbsent(spec.id(), k -> new LinkedHashMap<>()).put(method, stat(spec, r));
            }
        }
        Map<String, Map<String, double[]>> mem = readMemory(memory); // N -> competitor -> {heap, rss}
        Map<String, Map<String, double[]>> memShared = readMemory(memoryShared); // all N await one task
        Map<String, Double> comp = readCompile(compile);

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `benchmarks/run.sh` (").append(label).append("); the method and what each number means are in ")
                .append("[../benchmarks.md](../benchmarks.md).\n\n");
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", ").append(memTotal()).append("\n");
        md.append("- JMH JVM: ").append(jvm.isEmpty() ? "-" : jvm).append("\n");
        Map<String, List<String>> classesBySettings = new LinkedHashMap<>();
        settingsByClass.forEach((c, s) -> classesBySettings.computeIfAbsent(s, k -> new ArrayList<>()).add(c));
        md.append("- JMH 1.37, mode average time, `-prof gc`; medians of all measured iterations of all forks:\n");
        classesBySettings.forEach((s, cs) -> md.append("  - ").append(s).append(": ").append(String.join(", ", cs)).append("\n"));
        md.append("\n");
        md.append("Each cell: the median, then in brackets the ratio to Yieldpoint (the competitor's number divided by ")
                .append("Yieldpoint's, in the row's unit): above 1, Yieldpoint is faster or smaller; below 1, the ")
                .append("competitor is. `-`: not measured for that competitor.\n\n");
        md.append("| metric | unit |");
        for (String[] c : COMPETITORS) {
            md.append(' ').append(c[1]).append(" |");
        }
        md.append(" Yieldpoint goal | goal met? |\n|---|---|");
        md.append("---:|".repeat(COMPETITORS.length)).append("---|---|\n");
        for (Spec spec : SPECS) {
            Map<String, Stat> row = rows.get(spec.id());
            if (row == null) {
                continue;
            }
            Stat yp = row.get("yieldpoint");
            md.append("| ").append(spec.title()).append(" | ").append(spec.unit()).append(" |");
            for (String[] c : COMPETITORS) {
                Stat s = row.get(c[0]);
                md.append(' ').append(s == null ? "-" : cell(s.median(), yp == null ? Double.NaN : yp.median(), spec.rate()))
                        .append(" |");
            }
            md.append(' ').append(spec.goalText()).append(" | ").append(goalMet(spec, yp)).append(" |\n");
            chart(out, spec.id(), spec.title(), spec.unit(), row);
        }
        memoryRows(md, out, mem, "per suspended coroutine", "memory", false);
        memoryRows(md, out, memShared, "per coroutine suspended on one task shared by all", "memory-shared", true);
        md.append("\n");

        // allocation (-prof gc)
        boolean anyAlloc = rows.values().stream().flatMap(m -> m.values().stream())
                .anyMatch(s -> !Double.isNaN(s.allocPerUnit()));
        if (anyAlloc) {
            md.append("## Allocation per unit (JMH `-prof gc`: `gc.alloc.rate.norm`, divided like the row)\n\n");
            md.append("Bytes allocated on the heap per unit of each row, median over iterations.\n\n| metric | unit |");
            for (String[] c : COMPETITORS) {
                md.append(' ').append(c[1]).append(" |");
            }
            md.append("\n|---|---|").append("---:|".repeat(COMPETITORS.length)).append("\n");
            for (Spec spec : SPECS) {
                Map<String, Stat> row = rows.get(spec.id());
                if (row == null) {
                    continue;
                }
                md.append("| ").append(spec.title()).append(" | ")
                        .append(spec.unit().replaceFirst("^(ns|us)", "bytes")).append(" |");
                for (String[] c : COMPETITORS) {
                    Stat s = row.get(c[0]);
                    md.append(' ').append(s == null || Double.isNaN(s.allocPerUnit()) ? "-" : fmt(s.allocPerUnit()))
                            .append(" |");
                }
                md.append("\n");
            }
            md.append("\n");
        }

        if (!comp.isEmpty()) {
            md.append("## Compile time: javac on one interface of N `@Coroutine` methods\n\n")
                    .append("ms of CPU of the compiling thread. Besides javac with and without the processor: javac without"
                            + " it on the interface and the file the processor generated (javac's share), and on the"
                            + " interface and hand-written minimal machines (the floor for a class per coroutine).\n\n")
                    .append("| methods | without the processor (`-proc:none`), ms | with the processor, ms | ratio |"
                            + " with, ms per method | generated file, no processor, ms (ratio) |"
                            + " minimal machines, ms (ratio) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>();
            comp.keySet().forEach(k -> sizes.add(Integer.parseInt(k.substring(k.indexOf(',') + 1))));
            for (int n : sizes) {
                double with = comp.getOrDefault("withProcessor," + n, Double.NaN);
                double without = comp.getOrDefault("withoutProcessor," + n, Double.NaN);
                double generated = comp.getOrDefault("generatedWithoutProcessor," + n, Double.NaN);
                double minimal = comp.getOrDefault("minimalMachines," + n, Double.NaN);
                md.append("| ").append(n).append(" | ").append(fmt(without)).append(" | ").append(fmt(with)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", with / without)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", with / n)).append(" | ")
                        .append(ratioCell(generated, without)).append(" | ")
                        .append(ratioCell(minimal, without)).append(" |\n");
            }
            md.append("\n");
            int largest = sizes.last();
            double with = comp.getOrDefault("withProcessor," + largest, Double.NaN);
            double without = comp.getOrDefault("withoutProcessor," + largest, Double.NaN);
            Map<String, Stat> chartRow = new LinkedHashMap<>();
            chartRow.put("without processor", new Stat(without, without, without, 1, Double.NaN));
            chartRow.put("with processor", new Stat(with, with, with, 1, Double.NaN));
            chart(out, "compile", "javac, " + largest + " @Coroutine methods", "ms", chartRow);
        }

        md.append("## Spread\n\nEvery benchmark: median, minimum and maximum over its measured iterations, in its row's unit.\n\n")
                .append("| benchmark | competitor | median | min | max | iterations |\n|---|---|---:|---:|---:|---:|\n");
        for (Spec spec : SPECS) {
            Map<String, Stat> row = rows.get(spec.id());
            if (row == null) {
                continue;
            }
            for (String[] c : COMPETITORS) {
                Stat s = row.get(c[0]);
                if (s != null) {
                    md.append("| ").append(spec.benchmarkClass()).append(" | ").append(c[1]).append(" | ")
                            .append(fmt(s.median())).append(" | ").append(fmt(s.min())).append(" | ")
                            .append(fmt(s.max())).append(" | ").append(s.count()).append(" |\n");
                }
            }
        }
        md.append("\n## Charts\n\n");
        try (var files = Files.list(out)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).sorted()
                    .forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n"));
        }
        Files.writeString(out.resolve("results.md"), md.toString());
        System.out.println("wrote " + out.resolve("results.md"));
    }

    private static Spec spec(String cls) {
        for (Spec s : SPECS) {
            if (s.benchmarkClass().equals(cls)) {
                return s;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Stat stat(Spec spec, Map<String, Object> r) {
        Map<String, Object> params = (Map<String, Object>) r.get("params");
        double n = params != null && params.get("n") != null ? Double.parseDouble((String) params.get("n")) : 1;
        double div = spec.perN() ? n : 1;
        double scale = spec.unit().startsWith("us") ? 1e-3 : 1;
        Map<String, Object> pm = (Map<String, Object>) r.get("primaryMetric");
        List<Double> raw = flatten(pm.get("rawData"));
        List<Double> v = new ArrayList<>();
        for (double x : raw) {
            v.add(x / div * scale);
        }
        v.sort(null);
        double alloc = Double.NaN;
        Map<String, Object> sec = (Map<String, Object>) r.get("secondaryMetrics");
        if (sec != null && sec.get("gc.alloc.rate.norm") != null) {
            List<Double> a = flatten(((Map<String, Object>) sec.get("gc.alloc.rate.norm")).get("rawData"));
            a.sort(null);
            alloc = median(a) / div;
        }
        return new Stat(median(v), v.get(0), v.get(v.size() - 1), v.size(), alloc);
    }

    @SuppressWarnings("unchecked")
    private static List<Double> flatten(Object rawData) {
        List<Double> out = new ArrayList<>();
        for (Object fork : (List<Object>) rawData) {
            for (Object x : (List<Object>) fork) {
                out.add((Double) x);
            }
        }
        return out;
    }

    private static double median(List<Double> sorted) {
        int k = sorted.size();
        if (k == 0) {
            return Double.NaN;
        }
        return k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
    }

    private static String cell(double v, double yp, boolean rate) {
        String s = fmt(v);
        if (rate) {
            s += " = " + fmt(1e3 / v) + " M/s";
        }
        if (!Double.isNaN(yp) && yp > 0) {
            s += String.format(Locale.ROOT, " (%s)", ratio(v / yp));
        }
        return s;
    }

    private static String ratio(double r) {
        return r >= 10 ? String.format(Locale.ROOT, "%.0fx", r)
                : r >= 0.1 ? String.format(Locale.ROOT, "%.2fx", r) : String.format(Locale.ROOT, "%.3fx", r);
    }

    private static String goalMet(Spec spec, Stat yp) {
        if (yp == null) {
            return "";
        }
        if (spec.id().equals("fastpath")) {
            if (Double.isNaN(yp.allocPerUnit())) {
                return "(run with -prof gc)";
            }
            return yp.allocPerUnit() < 1 ? String.format(Locale.ROOT, "yes: %.3f B per await", yp.allocPerUnit())
                    : String.format(Locale.ROOT, "no: %.1f B per await", yp.allocPerUnit());
        }
        if (Double.isNaN(spec.goal())) {
            return "";
        }
        if (yp.median() <= spec.goal()) {
            return "yes";
        }
        return String.format(Locale.ROOT, "no: %.2fx the goal", yp.median() / spec.goal());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static void chart(Path out, String id, String title, String unit, Map<String, Stat> row) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String[] c : COMPETITORS) {
            Stat s = row.get(c[0]);
            if (s != null && s.median() > 0) {
                names.add(c[1]);
                values.add(s.median());
            }
        }
        for (Map.Entry<String, Stat> e : row.entrySet()) { // rows not keyed by competitor (compile)
            if (!isCompetitor(e.getKey()) && e.getValue().median() > 0) {
                names.add(e.getKey());
                values.add(e.getValue().median());
            }
        }
        if (names.isEmpty()) {
            return;
        }
        double max = values.stream().mapToDouble(d -> d).max().orElse(1);
        double min = values.stream().mapToDouble(d -> d).min().orElse(1);
        boolean log = max / min > 50;
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title)
                .yAxisTitle(unit + (log ? " (log scale)" : "") + ", lower is better").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(log);
        if (log) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        } else {
            chart.getStyler().setYAxisMin(0.0);
        }
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.##");
        chart.getStyler().setXAxisLabelRotation(12);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries(unit, names, values);
        BitmapEncoder.saveBitmap(chart, out.resolve(id + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static boolean isCompetitor(String key) {
        for (String[] c : COMPETITORS) {
            if (c[0].equals(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rows of one memory case: heap and RSS per coroutine for each N. The heap goal is 48 bytes
     * for a coroutine awaiting its own task, and 1.5x the floor's for one of many awaiting one task.
     */
    private static void memoryRows(StringBuilder md, Path out, Map<String, Map<String, double[]>> mem, String what,
            String chartPrefix, boolean relativeToFloor) throws IOException {
        for (Map.Entry<String, Map<String, double[]>> e : mem.entrySet()) {
            String n = String.format(Locale.ROOT, "%,d", Long.parseLong(e.getKey()));
            for (int k = 0; k < 2; k++) {
                boolean heap = k == 0;
                Map<String, double[]> byComp = e.getValue();
                double[] yp = byComp.get("yieldpoint");
                double[] floor = byComp.get("floor");
                md.append("| ").append(heap ? "heap" : "RSS").append(' ').append(what).append(", N = ").append(n)
                        .append(" | bytes |");
                Map<String, Stat> chartRow = new LinkedHashMap<>();
                for (String[] c : COMPETITORS) {
                    double[] v = byComp.get(c[0]);
                    md.append(' ').append(v == null ? "-" : cell(v[k], yp == null ? Double.NaN : yp[k], false)).append(" |");
                    if (v != null) {
                        chartRow.put(c[0], new Stat(v[k], v[k], v[k], 1, Double.NaN));
                    }
                }
                double limit = relativeToFloor ? (floor == null ? Double.NaN : 1.5 * floor[0]) : 48;
                String goal = !heap || yp == null ? "" : relativeToFloor ? "<= 1.5x the floor" : "<= 48 B";
                String met = !heap || yp == null || Double.isNaN(limit) ? "" : yp[0] <= limit ? "yes" : String.format(Locale.ROOT,
                        "no: %.1f B, %.2fx the goal", yp[0], yp[0] / limit);
                md.append(' ').append(goal).append(" | ").append(met).append(" |\n");
                chart(out, chartPrefix + "-" + (heap ? "heap" : "rss") + "-" + e.getKey(),
                        (heap ? "heap" : "RSS") + " " + what + ", N = " + n, "bytes", chartRow);
            }
        }
    }

    /** N -> competitor -> {heap bytes, RSS bytes} per suspended coroutine. */
    private static Map<String, Map<String, double[]>> readMemory(Path csv) throws IOException {
        Map<String, Map<String, double[]>> m = new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        if (!Files.exists(csv)) {
            return m;
        }
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.trim().split(",", -1);
            if (f.length < 4) {
                continue;
            }
            m.computeIfAbsent(f[1], k -> new LinkedHashMap<>())
                    .put(f[0], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
        }
        return m;
    }

    private static Map<String, Double> readCompile(Path csv) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return m;
        }
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.trim().split(",", -1);
            if (f.length >= 3) {
                m.put(f[0] + "," + f[1], Double.parseDouble(f[2]));
            }
        }
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.substring(9).trim().split("\\s+", -1)[0]);
                    return String.format(Locale.ROOT, "%.1f GiB RAM", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "";
    }

    private static String num(Object o) {
        return o instanceof Double d ? String.valueOf(d.longValue()) : String.valueOf(o);
    }
}
