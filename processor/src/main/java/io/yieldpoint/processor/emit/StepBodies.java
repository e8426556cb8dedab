package io.yieldpoint.processor.emit;

import java.util.Map;

/**
 * The bodies of the machines' {@code step()} methods, written into the generated file after JavaPoet
 * has written the rest. JavaPoet writes a file twice (once to collect its imports) and indents a
 * code block line by line, character by character; the step bodies are most of the file's lines
 * and name their types as text, not through JavaPoet, so there is nothing for JavaPoet to do with
 * them but that work. (On an interface of 500 coroutines, JavaPoet's writing of the file had about a
 * quarter of the processor's profile samples; the step bodies are the larger part of its lines.) The
 * machine's {@code step()} holds a placeholder statement ({@link #placeholder}); {@link #fill}
 * replaces it with the body, each non-empty line at the placeholder's indent, as JavaPoet would
 * have written it.
 */
final class StepBodies {

    private static final String PREFIX = "$stepBody$";

    private StepBodies() {}

    /** The placeholder statement for the step body of the machine {@code machine}, a line of its own. */
    static String placeholder(String machine) {
        return PREFIX + machine + ";";
    }

    /** {@code text} with each placeholder line replaced by the body {@code bodies} has for it. */
    static String fill(String text, Map<String, String> bodies) {
        StringBuilder out = new StringBuilder(text.length() + bodies.values().stream().mapToInt(String::length).sum() * 2);
        int at = 0;
        int found = 0;
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            int next = end < 0 ? text.length() : end + 1;
            int indent = at;
            while (indent < text.length() && text.charAt(indent) == ' ') {
                indent++;
            }
            if (text.startsWith(PREFIX, indent) && end > indent) {
                String key = text.substring(indent, end);
                String body = bodies.get(key);
                if (body == null) {
                    throw new IllegalStateException("no step body for " + key);
                }
                appendIndented(out, body, text.substring(at, indent));
                found++;
            } else {
                out.append(text, at, next);
            }
            at = next;
        }
        if (found != bodies.size()) {
            throw new IllegalStateException(bodies.size() + " step bodies, " + found + " placeholders");
        }
        return out.toString();
    }

    /** {@code body}'s lines, each non-empty one after {@code indent}, as JavaPoet indents a code block. */
    private static void appendIndented(StringBuilder out, String rawBody, String indent) {
        // javac's line terminators (CR, LF, CR LF) all end a line, as JavaPoet treated them
        String body = rawBody.indexOf('\r') < 0 ? rawBody : rawBody.replace("\r\n", "\n").replace('\r', '\n');
        int at = 0;
        while (at < body.length()) {
            int end = body.indexOf('\n', at);
            int next = end < 0 ? body.length() : end + 1;
            if ((end < 0 ? body.length() : end) > at) {
                out.append(indent);
            }
            out.append(body, at, next);
            at = next;
        }
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
    }
}
