package io.yieldpoint.processor.random;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a program did: the {@code trace} calls in order, and its value or its exception.
 * Two runs agree when the traces, the values and the exceptions' classes and messages are equal;
 * for a {@code NullPointerException} thrown by the JVM only the class is compared (its "helpful"
 * message describes the code that ran, which legitimately differs between the readings).
 */
record Outcome(List<String> trace, Object value, Throwable thrown, boolean timedOut) {

    static Outcome returned(List<String> trace, Object value) {
        return new Outcome(List.copyOf(trace), value, null, false);
    }

    static Outcome threw(List<String> trace, Throwable thrown) {
        return new Outcome(List.copyOf(trace), null, thrown, false);
    }

    static Outcome timeout(List<String> trace) {
        return new Outcome(List.copyOf(trace), null, null, true);
    }

    boolean agreesWith(Outcome other) {
        if (timedOut || other.timedOut || !trace.equals(other.trace) || !Objects.equals(value, other.value)) {
            return false;
        }
        if (thrown == null || other.thrown == null) {
            return thrown == other.thrown;
        }
        if (thrown.getClass() != other.thrown.getClass()) {
            return false;
        }
        return thrown instanceof NullPointerException || Objects.equals(thrown.getMessage(), other.thrown.getMessage());
    }

    /** Whether the exception is one a program throws on purpose (E1, E2, E3 of the batch). */
    boolean expectedKind() {
        return thrown == null || thrown.getClass().getSimpleName().matches("E[123]");
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("  trace (").append(trace.size()).append("): ").append(trace).append('\n');
        if (timedOut) {
            sb.append("  TIMED OUT\n");
        } else if (thrown == null) {
            sb.append("  returned: ").append(value == null ? "null" : value.getClass().getSimpleName() + " " + quote(value)).append('\n');
        } else {
            sb.append("  threw: ").append(thrown.getClass().getName()).append(": ").append(thrown.getMessage()).append('\n');
            if (!expectedKind()) {
                StringWriter w = new StringWriter();
                thrown.printStackTrace(new PrintWriter(w));
                sb.append(w.toString().indent(4));
            }
        }
        return sb.toString();
    }

    private static String quote(Object value) {
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }
}
