package io.yieldpoint.processor.emit;

import io.yieldpoint.processor.model.LoweredMethod;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local records, enums and interfaces a machine declares as nested types, written into the
 * generated file as the user wrote them. The machine's {@code TypeSpec} holds a placeholder field
 * for each ({@link #placeholder}); {@link #fill} replaces it with the declaration, re-indented, under
 * a comment that says where it came from.
 */
final class NestedTypes {

    private static final String PREFIX = "$nestedType$";
    private static final Pattern PLACEHOLDER = Pattern.compile("(?m)^( *)int \\Q" + PREFIX + "\\E(\\w+);\\n");

    private NestedTypes() {}

    /** The name of the placeholder field for {@code type}. */
    static String placeholder(LoweredMethod.NestedType type) {
        return PREFIX + type.name();
    }

    /** {@code text} with each placeholder of {@code lowered}'s machines replaced by its declaration. */
    static String fill(String text, List<LoweredMethod> lowered) {
        if (lowered.stream().allMatch(m -> m.nestedTypes().isEmpty())) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int machine = 0;
        int last = 0;
        while (m.find()) {
            String indent = m.group(1);
            String name = m.group(2);
            LoweredMethod.NestedType type = null;
            // Placeholders come in the order of the machines, and of their types within each.
            for (; machine < lowered.size() && type == null; ) {
                for (LoweredMethod.NestedType t : lowered.get(machine).nestedTypes()) {
                    if (t.name().equals(name)) {
                        type = t;
                    }
                }
                if (type == null) {
                    machine++;
                }
            }
            if (type == null) {
                throw new IllegalStateException("no nested type " + name);
            }
            out.append(text, last, m.start());
            out.append(indent).append("/** The local ").append(kind(type.text())).append(" of the body (")
                    .append(type.origin()).append("), declared here so that every state sees it. */\n");
            out.append(reindented(type.text(), indent)).append('\n');
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    private static String kind(String declaration) {
        String d = declaration.strip();
        return d.startsWith("record") || d.contains(" record ") ? "record"
                : d.startsWith("enum") || d.contains(" enum ") ? "enum" : "interface";
    }

    /** {@code text} with its lines moved to {@code indent}, keeping their indentation relative to its last line. */
    private static String reindented(String text, String indent) {
        String[] lines = text.split("\n", -1);
        int base = lines.length > 1 ? leadingSpaces(lines[lines.length - 1]) : 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 ? lines[i].strip() : lines[i].substring(Math.min(base, leadingSpaces(lines[i])));
            if (i > 0) {
                sb.append('\n');
            }
            if (!line.isEmpty()) {
                sb.append(indent).append(line);
            }
        }
        return sb.toString();
    }

    private static int leadingSpaces(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
