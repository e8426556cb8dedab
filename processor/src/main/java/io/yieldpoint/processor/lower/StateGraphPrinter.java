package io.yieldpoint.processor.lower;

import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a {@link StateGraph} as the body of {@code step()}: a {@code switch (label)} inside a
 * labeled {@code for (;;)}, one {@code case} per state, numbered in output order; and, if any state
 * has a handler, the {@code try}/{@code catch} around it whose router sends an exception, by
 * {@code label}, to its handler's state.
 *
 * <p>{@code label} must name the current state whenever code that can throw runs: jumps and
 * suspensions set it, and a state that falls into one with another handler sets it explicitly.
 */
final class StateGraphPrinter {

    private final StateGraph graph;
    private final String labelRef;
    private final String dispatchLabel;
    private final Map<Integer, Integer> labels = new HashMap<>();

    StateGraphPrinter(StateGraph graph, String labelRef, String dispatchLabel) {
        this.graph = graph;
        this.labelRef = labelRef;
        this.dispatchLabel = dispatchLabel;
        for (int i = 0; i < graph.states.size(); i++) {
            labels.put(graph.states.get(i).id, i);
        }
    }

    /** The {@code case} label of the state {@code id} names. */
    int label(int id) {
        Integer label = labels.get(graph.resolve(id));
        if (label == null) {
            throw new IllegalStateException("a jump to a state that was never written: " + id);
        }
        return label;
    }

    /** Each state's label and description, in order. */
    List<LoweredMethod.State> states() {
        List<LoweredMethod.State> out = new ArrayList<>();
        for (int i = 0; i < graph.states.size(); i++) {
            out.add(new LoweredMethod.State(i, String.join(", ", graph.states.get(i).descriptions)));
        }
        return out;
    }

    /** The text of the body of {@code step()}. */
    String stepBody() {
        StringBuilder sw = new StringBuilder();
        sw.append(dispatchLabel).append(":\nfor (;;) {\n    switch (").append(labelRef).append(") {\n");
        cases(sw, "        ");
        sw.append("        default:\n            throw new IllegalStateException(\"no state \" + ").append(labelRef).append(");\n");
        sw.append("    }\n}\n");
        if (graph.states.stream().allMatch(s -> s.handler == null)) {
            return sw.toString();
        }
        StringBuilder out = new StringBuilder("for (;;) {\n    try {\n");
        sw.toString().lines().forEach(l -> out.append(l.isEmpty() ? "" : "        ").append(l).append('\n'));
        out.append("    } catch (Throwable t) {\n")
                .append("        // An exception goes to the catch clauses or the finally block around the state that threw it.\n")
                .append("        switch (").append(labelRef).append(") {\n");
        router(out, "            ");
        out.append("            default:\n                throw t;\n        }\n    }\n}\n");
        return out.toString();
    }

    private void cases(StringBuilder out, String pad) {
        for (int i = 0; i < graph.states.size(); i++) {
            StateGraph.State s = graph.states.get(i);
            out.append(pad).append("case ").append(i).append(": {\n");
            String inner = pad + "    ";
            List<StateGraph.Op> ops = s.ops;
            for (int k = 0; k < ops.size(); k++) {
                StateGraph.Op op = ops.get(k);
                String indent = inner + "    ".repeat(Math.max(0, op.depth()));
                if (op instanceof StateGraph.Comment && (k + 1 == ops.size() || ops.get(k + 1) instanceof StateGraph.Comment)) {
                    continue; // a line comment with no line of its own under it maps nothing
                }
                if (op instanceof StateGraph.Code c && c.store() && k + 1 < ops.size()
                        && ops.get(k + 1) instanceof StateGraph.Jump j && j.depth() == c.depth()) {
                    out.append(indent).append(c.text()).append(' ').append(jump(j.target())).append('\n');
                    k++;
                } else {
                    // The lines after the first of a copied statement keep their own indentation.
                    String[] lines = text(op).split("\n", -1);
                    for (int n = 0; n < lines.length; n++) {
                        String margin = n == 0 ? indent : pad;
                        out.append(lines[n].isEmpty() ? "" : margin + lines[n]).append('\n');
                    }
                }
            }
            if (s.fallsThrough && s.next >= 0) {
                int target = label(s.next);
                StateGraph.State following = i + 1 < graph.states.size() ? graph.states.get(i + 1) : null;
                if (target != i + 1) {
                    out.append(inner).append(jump(s.next)).append('\n');
                } else if (following != null && !Objects.equals(following.handler, s.handler)) {
                    // a throw in the next state must find its own handler
                    out.append(inner).append(labelRef).append(" = ").append(target).append(";\n");
                }
            }
            out.append(pad).append("}\n");
        }
    }

    private String text(StateGraph.Op op) {
        if (op instanceof StateGraph.Code c) {
            return StateGraph.resolveRefs(c.text(), this::label);
        } else if (op instanceof StateGraph.Jump j) {
            return jump(j.target());
        } else if (op instanceof StateGraph.Branch b) {
            return "if (" + StateGraph.resolveRefs(b.condition(), this::label) + ") { " + jump(b.target()) + " }";
        }
        return ((StateGraph.Comment) op).text();
    }

    private String jump(int target) {
        return labelRef + " = " + label(target) + "; continue " + dispatchLabel + ";";
    }

    /** The cases of the exception router: states grouped by handler, in order. */
    private void router(StringBuilder out, String pad) {
        Map<StateGraph.Handler, List<Integer>> byHandler = new LinkedHashMap<>();
        for (int i = 0; i < graph.states.size(); i++) {
            StateGraph.Handler h = graph.states.get(i).handler;
            if (h != null) {
                byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(i);
            }
        }
        byHandler.forEach((h, states) -> {
            for (int label : states) {
                out.append(pad).append("case ").append(label).append(":\n");
            }
            out.append(pad).append("    ").append(h.code()).append('\n');
            out.append(pad).append("    ").append(labelRef).append(" = ").append(label(h.target())).append(";\n");
            out.append(pad).append("    continue;\n");
        });
    }
}
