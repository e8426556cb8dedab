package io.yieldpoint.processor.emit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The line tables at the end of a generated file: for each state machine, the original line of
 * each state and which lines of the user's file the lines of its {@code step()} came from.
 *
 * <p>Line numbers of the generated file are only known once JavaPoet has written it, so the
 * tables are computed from the finished text: a machine's lines begin at its class declaration;
 * a {@code // Fetcher.java:42} comment says where the statements below it came from; a state's
 * {@code case} of the dispatch switch starts the lines of that state's original line. The tables
 * go into a static block appended after everything else, which shifts no earlier line. At run
 * time the runtime ({@code io.yieldpoint.runtime.machine.LineTables}, format {@value #FORMAT}) uses them to write stack traces and dumps in the
 * user's terms.
 */
final class LineTables {

    private static final Pattern MACHINE = Pattern.compile("^\\s*private static final class (\\w+)\\b.*");
    private static final Pattern CASE = Pattern.compile("^(\\s*)case (\\d+): \\{$");
    private static final Pattern ORIGIN = Pattern.compile("\\(([^()]+):(\\d+)\\)$");

    /** The line-table format written here: {@code io.yieldpoint.runtime.machine.LineTables.FORMAT}. */
    static final int FORMAT = 1;

    private LineTables() {}

    /** One machine: its nested class name, method name and the original line of each state. */
    record MachineInfo(String className, String method, List<String> stateDescriptions) {}

    /**
     * {@code text} with the static block that registers the tables of {@code machines}, inserted
     * before the closing brace of the top-level class {@code generatedName}.
     */
    static String append(String text, String generatedName, String declaringClass, String file,
            List<MachineInfo> machines) {
        if (machines.isEmpty()) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        // One pass finds where each machine's class begins: the tables cost time linear in the file.
        Map<String, Integer> starts = new HashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher decl = machineDeclaration(lines[i]);
            if (decl != null) {
                starts.put(decl.group(1), i);
            }
        }
        Pattern comment = Pattern.compile("^\\s*// " + Pattern.quote(file) + ":(\\d+)$");
        StringBuilder block = new StringBuilder("\n    static {\n")
                .append("        // Where the lines of each state machine above came from: for stack traces and dumps.\n");
        for (MachineInfo m : machines) {
            int[] stateLines = stateLines(m);
            List<Integer> pairs = lineMap(lines, starts.getOrDefault(m.className(), -1), stateLines, comment);
            block.append("        io.yieldpoint.runtime.machine.LineTables.register(").append(FORMAT).append(", ")
                    .append(generatedName).append(".class, \"")
                    .append(m.className()).append("\", \"").append(declaringClass).append("\", \"").append(m.method())
                    .append("\", \"").append(file).append("\",\n");
            block.append("                \"").append(numbers(toList(stateLines), ",")).append("\",\n");
            block.append("                \"").append(lineMapText(pairs)).append("\");\n");
        }
        block.append("    }\n");
        int close = text.lastIndexOf('}');
        return text.substring(0, close) + block + text.substring(close);
    }

    /** The original line of each state, from its description ("after await (Fetcher.java:42)"). */
    private static int[] stateLines(MachineInfo m) {
        int[] result = new int[m.stateDescriptions().size()];
        for (int i = 0; i < result.length; i++) {
            Matcher matcher = ORIGIN.matcher(m.stateDescriptions().get(i));
            result[i] = matcher.find() ? Integer.parseInt(matcher.group(2)) : (i > 0 ? result[i - 1] : -1);
        }
        return result;
    }

    /** The match of a machine's class declaration on {@code line}, or null. */
    private static @Nullable Matcher machineDeclaration(String line) {
        if (!line.contains("private static final class ")) {
            return null;
        }
        Matcher m = MACHINE.matcher(line);
        return m.matches() ? m : null;
    }

    /**
     * Pairs (generated line, original line) for the lines of the machine whose class begins at line index {@code start}, 1-based: a
     * line maps to the original line of the last pair at or before it plus its distance from that
     * pair, since statements copied without yield points keep their lines.
     */
    private static List<Integer> lineMap(String[] lines, int start, int[] stateLines, Pattern comment) {
        List<Integer> pairs = new ArrayList<>();
        if (start < 0) {
            return pairs;
        }
        pairs.add(start + 1);
        pairs.add(stateLines.length > 0 ? stateLines[0] : -1);
        String caseIndent = null;
        int constant = -1; // after a state's case: the state's line, until the next comment
        for (int i = start + 1; i < lines.length; i++) {
            String line = lines[i];
            if (machineDeclaration(line) != null) {
                break; // the next machine
            }
            if (caseIndent == null && (line.trim().equals("switch (label) {") || line.trim().equals("switch (this.label) {"))) {
                caseIndent = line.substring(0, line.indexOf('s')) + "    ";
                continue;
            }
            boolean isComment = line.contains("// ");
            Matcher c = isComment ? comment.matcher(line) : null;
            Matcher k = !isComment && line.endsWith(": {") ? CASE.matcher(line) : null;
            if (c != null && c.matches()) {
                // Copied statements keep their lines: the lines below go on from the comment's line.
                constant = -1;
                pairs.add(i + 2);
                pairs.add(Integer.parseInt(c.group(1)));
            } else if (caseIndent != null && k != null && k.matches() && k.group(1).equals(caseIndent)) {
                int label = Integer.parseInt(k.group(2));
                constant = label < stateLines.length ? stateLines[label] : -1;
            }
            if (constant > 0) {
                // The resumption code of a state (reading the awaited value) is the await's line.
                pairs.add(i + 1);
                pairs.add(constant);
            }
        }
        return pairs;
    }

    /**
     * The pairs as text, {@code "61:16 115:17"}; a run of consecutive generated lines mapped to the
     * same original line is written once, as a range: {@code "133-136:21"}.
     */
    private static String lineMapText(List<Integer> pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.size(); i += 2) {
            int first = pairs.get(i);
            int original = pairs.get(i + 1);
            int last = first;
            while (i + 2 < pairs.size() && pairs.get(i + 2) == last + 1 && pairs.get(i + 3) == original) {
                last++;
                i += 2;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(first).append(last > first ? "-" + last : "")
                    .append(':').append(original);
        }
        return sb.toString();
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> list = new ArrayList<>(values.length);
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    /**
     * The numbers as the text of a string literal: {@code "16,18,21"}. Strings, not {@code int[]}
     * initializers: an array
     * initializer costs bytecode per element, and a file of hundreds of machines would exceed the
     * 64 KB limit of its static initializer; a string is one constant.
     */
    private static String numbers(List<Integer> values, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            sb.append(i > 0 ? separator : "").append(values.get(i));
        }
        return sb.toString();
    }
}
