package io.yieldpoint.processor.lower;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link StateGraph} of a method as the lowering walks it: opens states, writes their
 * operations, and remembers, for each state, where an exception thrown in it goes (its
 * {@link StateGraph.Handler}).
 *
 * <p>States are referred to by an id while lowering, allocated before they are written (a jump
 * forward names a state not yet begun). An open state in which nothing has been written yet is
 * reused for the next state with the same handler rather than left empty; the
 * {@link StateGraphPasses} remove what else turns out to do nothing.
 */
final class StateWriter {

    private final StateGraph graph = new StateGraph();
    private final Consumer<StateWriter> beforeLine;
    private final Set<Integer> jumpedTo;
    private int depth;
    private int nextId;
    private StateGraph.@Nullable State open;
    private String lastLine = "";

    /** Whether the point being written can be reached. */
    boolean reachable = true;

    /**
     * @param beforeLine runs before each line is written (to declare snapshots the line needs)
     * @param jumpedTo the states something jumps to, which this writer adds its jumps to
     */
    StateWriter(Consumer<StateWriter> beforeLine, Set<Integer> jumpedTo) {
        this.beforeLine = beforeLine;
        this.jumpedTo = jumpedTo;
    }

    int newState() {
        return nextId++;
    }

    /** A mark for state {@code id} inside a line's text. */
    static String ref(int id) {
        return StateGraph.ref(id);
    }

    /**
     * Starts state {@code id}, entered by falling through (if the current point is reachable) or by
     * a jump (a state nothing enters is not written).
     */
    void begin(int id, String description, StateGraph.@Nullable Handler handler) {
        boolean fallsThrough = reachable;
        reachable = reachable || jumpedTo.contains(id);
        if (!reachable) {
            return;
        }
        StateGraph.State current = open;
        if (current != null && current.isEmpty() && Objects.equals(current.handler, handler)) {
            graph.forward(id, current.id);
            current.descriptions.add(description);
            return;
        }
        if (current != null) {
            current.fallsThrough = fallsThrough;
            current.next = id;
        }
        StateGraph.State state = new StateGraph.State(id, description, handler);
        graph.add(state);
        open = state;
        depth = 0;
        lastLine = ""; // a state's first statement has its line comment, even the same as the last one
    }

    /** Ends the last state. */
    void close() {
        if (open != null) {
            open.fallsThrough = reachable;
        }
    }

    void line(String text) {
        add(text, false);
    }

    /** A store of a constant into a field of the machine: it cannot throw. */
    void store(String text) {
        add(text, true);
    }

    private void add(String text, boolean store) {
        beforeLine.accept(this);
        lastLine = text;
        op(new StateGraph.Code(depth, text, store));
    }

    void lines(String text) {
        for (String l : text.split("\n", -1)) {
            line(l);
        }
    }

    /** Records that something enters state {@code id} other than by falling into it. */
    void entered(int id) {
        jumpedTo.add(id);
    }

    /** {@code label = target; continue dispatch;}: the point after it cannot be reached. */
    void jump(int target) {
        jumpInBranch(target);
        reachable = false;
    }

    /** {@code label = target; continue dispatch;} inside a branch: the point after the branch may be reached. */
    void jumpInBranch(int target) {
        jumpedTo.add(target);
        beforeLine.accept(this);
        lastLine = "";
        op(new StateGraph.Jump(depth, target));
    }

    /** {@code if (condition) { label = target; continue dispatch; }}. */
    void branch(String condition, int target) {
        jumpedTo.add(target);
        beforeLine.accept(this);
        lastLine = "";
        op(new StateGraph.Branch(depth, condition, target));
    }

    private void op(StateGraph.Op op) {
        Objects.requireNonNull(open, "a state is open").ops.add(op);
    }

    /** A line comment ({@code // Fetcher.java:12}), unless the previous line is the same comment. */
    void comment(String text) {
        if (!text.equals(lastLine)) {
            beforeLine.accept(this);
            lastLine = text;
            op(new StateGraph.Comment(depth, text));
        }
    }

    void indent() {
        depth++;
    }

    void outdent() {
        depth--;
    }

    /** The graph written so far. */
    StateGraph graph() {
        return graph;
    }
}
