package io.yieldpoint.processor.emit;

import io.yieldpoint.processor.model.LoweredMethod;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local records, enums and interfaces a machine declares as nested types, written into the
 * generated file as the user wrote them. JavaPoet cannot hold a type as source text, so the
 * machine's {@code TypeSpec} holds a placeholder field for each, named after the machine and the
 * type ({@link #placeholder}); {@link #fill} replaces it with the declaration, under a comment that
 * says where it came from.
 */
final class NestedTypes {

    private static final String PREFIX = "$nestedType$";
    private static final Pattern PLACEHOLDER = Pattern.compile("(?m)^( *)int (\\Q" + PREFIX + "\\E[^;\\s]+);\\n");

    private NestedTypes() {}

    /** The name of the placeholder field for {@code type} in the machine {@code machine}. */
    static String placeholder(String machine, LoweredMethod.NestedType type) {
        return PREFIX + machine + "$" + type.name();
    }

    /** {@code text} with each placeholder replaced by the declaration {@code types} gives for it. */
    static String fill(String text, Map<String, LoweredMethod.NestedType> types) {
        if (types.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            String indent = m.group(1);
            LoweredMethod.NestedType type = types.get(m.group(2));
            if (type == null) {
                throw new IllegalStateException("no nested type for " + m.group(2));
            }
            out.append(text, last, m.start());
            out.append(indent).append("/** The local ").append(type.kind()).append(" of the body (")
                    .append(type.origin()).append("), declared here so that every state sees it. */\n");
            out.append(reindented(type.text(), indent)).append('\n');
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /**
     * {@code text} with its lines moved to {@code indent}, keeping their indentation relative to its
     * last line (the closing brace). A declaration with a text block keeps its lines as they are,
     * since their indentation is part of the string's value.
     */
    private static String reindented(String text, String indent) {
        if (text.contains("\"\"\"")) {
            return indent + text.strip();
        }
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
