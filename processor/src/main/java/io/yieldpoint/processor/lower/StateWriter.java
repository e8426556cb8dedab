package io.yieldpoint.processor.lower;

import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code switch (label)} of a state machine: opens and closes states, numbers them in
 * output order, and remembers, for each state, where an exception thrown in it goes (its
 * {@link Handler}).
 *
 * <p>States are referred to by an id while lowering; a reference to a state not yet written is a
 * placeholder, resolved in {@link #finish}. An open state in which nothing has been written yet
 * is reused for the next state (with the same handler) rather than left empty.
 *
 * <p>{@code label} holds the current state whenever code that can throw runs: jumps and
 * suspensions set it, and falling through into a state with another handler sets it explicitly.
 */
final class StateWriter {

    /**
     * Where an exception thrown in a state goes: {@code code} runs with the exception in {@code t},
     * then the machine continues at state {@code target}. Null: it leaves {@code step()}.
     */
    record Handler(String code, int target) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");

    private final StringBuilder out = new StringBuilder();
    private final List<LoweredMethod.State> states = new ArrayList<>();
    private final List<@Nullable Handler> handlerOfLabel = new ArrayList<>();
    private final Map<Integer, Integer> labelOf = new HashMap<>();
    private final Consumer<StateWriter> beforeLine;
    private int indent;
    private int nextId;
    private boolean stateOpen;
    private boolean stateHasCode;
    private String lastLine = "";

    /** Whether the point being written can be reached. */
    boolean reachable = true;

    private final String labelRef;

    /**
     * @param beforeLine runs before each line is written (to declare snapshots the line needs)
     * @param labelRef how the code names the machine's {@code label} field
     */
    StateWriter(Consumer<StateWriter> beforeLine, String labelRef) {
        this.beforeLine = beforeLine;
        this.labelRef = labelRef;
    }

    int newState() {
        return nextId++;
    }

    /** A placeholder for the label of state {@code id}. */
    static String ref(int id) {
        return "\u0000" + id + "\u0000";
    }

    /**
     * Starts state {@code id}, entered by falling through (if the current point is reachable) or by
     * a jump recorded in {@code jumpedTo}.
     */
    void begin(int id, String description, @Nullable Handler handler, boolean jumpedTo) {
        boolean fallsThrough = reachable;
        reachable = reachable || jumpedTo;
        if (!reachable) {
            return;
        }
        if (stateOpen && !stateHasCode && Objects.equals(handlerOfLabel.get(states.size() - 1), handler)) {
            int current = states.size() - 1;
            labelOf.put(id, current);
            states.set(current, new LoweredMethod.State(current, states.get(current).description() + ", " + description));
            return;
        }
        int label = states.size();
        if (stateOpen && fallsThrough && !Objects.equals(handlerOfLabel.get(label - 1), handler)) {
            line(labelRef + " = " + label + ";"); // a throw in the next state must find its own handler
        }
        close();
        labelOf.put(id, label);
        states.add(new LoweredMethod.State(label, description));
        handlerOfLabel.add(handler);
        line("case " + label + ": {");
        indent++;
        stateOpen = true;
        stateHasCode = false;
    }

    void close() {
        if (stateOpen) {
            indent--;
            line("}");
            stateOpen = false;
        }
    }

    void line(String text) {
        beforeLine.accept(this);
        lastLine = text;
        if (!text.startsWith("//")) {
            stateHasCode = true;
        }
        out.append("    ".repeat(Math.max(0, indent))).append(text).append('\n');
    }

    void lines(String text) {
        for (String l : text.split("\n", -1)) {
            line(l);
        }
    }

    /** A line comment, unless the previous line is the same comment. */
    void comment(String text) {
        if (!text.equals(lastLine)) {
            line(text);
        }
    }

    void indent() {
        indent++;
    }

    void outdent() {
        indent--;
    }

    List<LoweredMethod.State> states() {
        return states;
    }

    boolean hasHandlers() {
        return handlerOfLabel.stream().anyMatch(h -> h != null);
    }

    /** The cases of the exception router: states grouped by handler, in order. */
    String router() {
        Map<Handler, List<Integer>> byHandler = new LinkedHashMap<>();
        for (int label = 0; label < handlerOfLabel.size(); label++) {
            Handler h = handlerOfLabel.get(label);
            if (h != null) {
                byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(label);
            }
        }
        StringBuilder router = new StringBuilder();
        byHandler.forEach((h, labels) -> {
            for (int label : labels) {
                router.append("case ").append(label).append(":\n");
            }
            router.append("    ").append(h.code()).append('\n');
            router.append("    ").append(labelRef).append(" = ").append(ref(h.target())).append(";\n");
            router.append("    continue;\n");
        });
        return router.toString();
    }

    /** The switch's cases with every placeholder resolved. */
    String finish(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Integer label = labelOf.get(Integer.parseInt(m.group(1)));
            if (label == null) {
                throw new IllegalStateException("a jump to a state that was never written");
            }
            m.appendReplacement(sb, String.valueOf(label));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    String text() {
        return out.toString();
    }
}
