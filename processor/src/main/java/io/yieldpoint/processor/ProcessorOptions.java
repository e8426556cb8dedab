package io.yieldpoint.processor;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The processor's options, given to javac as {@code -A<name>[=<value>]} (Maven:
 * {@code <compilerArgs><arg>-Ayieldpoint.debug</arg></compilerArgs>}; Gradle:
 * {@code options.compilerArgs += "-Ayieldpoint.debug"}). Documented in docs/build-integration.md.
 *
 * @param debug {@code yieldpoint.debug}: a javac note per interface (what was generated, its states
 *     and lifted locals, and the time taken), and one saying which processing environment the
 *     processor reached javac's Trees through
 * @param lineComments {@code yieldpoint.lineComments}: the {@code // File.java:line} comment before
 *     each lowered statement (on unless set to false)
 */
record ProcessorOptions(boolean debug, boolean lineComments) {

    static final String DEBUG = "yieldpoint.debug";
    static final String LINE_COMMENTS = "yieldpoint.lineComments";

    /** The names javac must not warn about as unrecognized. */
    static final Set<String> NAMES = Set.of(DEBUG, LINE_COMMENTS);

    /** An option whose value is neither {@code true} nor {@code false}. */
    record Invalid(String name, String value) {}

    static final ProcessorOptions DEFAULTS = new ProcessorOptions(false, true);

    /**
     * The options in javac's {@code -A} map: a flag given without a value ({@code -Ayieldpoint.debug}) or
     * with an empty one means true; {@code false} (any case) means false. Values that are neither are
     * found by {@link #invalid}, which the processor reports; here they mean the default.
     */
    static ProcessorOptions from(Map<String, String> options) {
        return new ProcessorOptions(flag(options, DEBUG, false), flag(options, LINE_COMMENTS, true));
    }

    /** The first option with a value other than true or false, or null. */
    static @Nullable Invalid invalid(Map<String, String> options) {
        for (String name : new String[] {DEBUG, LINE_COMMENTS}) {
            String value = options.get(name);
            if (value != null && !value.isEmpty() && !value.equalsIgnoreCase("true")
                    && !value.equalsIgnoreCase("false")) {
                return new Invalid(name, value);
            }
        }
        return null;
    }

    private static boolean flag(Map<String, String> options, String name, boolean byDefault) {
        if (!options.containsKey(name)) {
            return byDefault;
        }
        String value = options.get(name);
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        return byDefault; // another value: invalid() finds it, and the processor reports it
    }
}
