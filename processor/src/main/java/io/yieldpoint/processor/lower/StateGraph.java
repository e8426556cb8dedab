package io.yieldpoint.processor.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The intermediate form between the lowering and the text of {@code step()}: a coroutine body as
 * the states of its machine, each a list of operations, joined by jumps, falls into the next state
 * and exception handlers.
 *
 * <h2>Why a graph, not text</h2>
 * The lowering walks the tree once and decides states as it meets statements, so it makes states
 * that, once everything is known, turn out to do nothing but go on: the empty state before a
 * {@code try}, the end of a protected region that only says "go on" to its finally block, a jump
 * to the state that follows anyway. Written as text at once, those states stay. Kept as a graph
 * until the whole body is lowered, they are removed by {@link StateGraphPasses} (each a small pass
 * over this form, tested on its own), and the numbers users see ({@code case 3:}) are given by
 * {@link StateGraphPrinter} only once the states are final.
 *
 * <h2>Operations</h2>
 * {@link Code} is a line of Java (the user's statements after the {@link Rewriter}, suspensions,
 * the lowering's own statements); {@link Jump} and {@link Branch} are the lowering's own jumps,
 * which passes may retarget or drop. A line of code may still name a state inside its text (a
 * suspension's resume state, a {@code break} inside a copied statement that leaves a lowered loop);
 * such a name is a {@link #ref} mark, resolved by the printer through the same map the passes
 * update, so a removed state is never named.
 *
 * <p>States are identified by the ids the lowering allocates; several ids may name one state (an
 * empty state reused for the next), and a removed state's id forwards to the state it went on to.
 */
final class StateGraph {

    /**
     * Where an exception thrown in a state goes: {@code code} runs with the exception in {@code t},
     * then the machine continues at state {@code target}. Null (no handler): it leaves {@code step()}.
     */
    record Handler(String code, int target) {}

    /** An operation of a state, at a nesting depth (0: the state's own block). */
    sealed interface Op permits Code, Jump, Branch, Comment {
        int depth();
    }

    /**
     * A line of Java. {@code store} marks a store of a constant into a field of the machine, which
     * cannot throw and so may move to another state (see {@link StateGraphPasses}).
     */
    record Code(int depth, String text, boolean store) implements Op {}

    /** {@code label = target; continue dispatch;}. */
    record Jump(int depth, int target) implements Op {}

    /** {@code if (condition) { label = target; continue dispatch; }}. */
    record Branch(int depth, String condition, int target) implements Op {}

    /** A comment line ({@code // Fetcher.java:12}), which maps the lines below it to the user's. */
    record Comment(int depth, String text) implements Op {}

    /** A state: its operations, its handler, whether control falls off its end into the next. */
    static final class State {
        final int id;
        final List<String> descriptions = new ArrayList<>();
        @Nullable Handler handler;
        final List<Op> ops = new ArrayList<>();
        /** Whether control can reach the end of {@link #ops}: it then goes on in the next state in order. */
        boolean fallsThrough;
        /** The id of the state written after this one, into which it falls through; -1 for the last. */
        int next = -1;

        State(int id, String description, @Nullable Handler handler) {
            this.id = id;
            this.descriptions.add(description);
            this.handler = handler;
        }

        /** Whether the state runs no code: nothing but comments. */
        boolean isEmpty() {
            return ops.stream().allMatch(o -> o instanceof Comment);
        }

        @Override
        public String toString() {
            return "State" + id + descriptions + ops + (fallsThrough ? " falls through" : "");
        }
    }

    private static final char MARK = '\u0000';

    /** The states in output order; the first is where the machine starts. */
    final List<State> states = new ArrayList<>();

    private final Map<Integer, State> byId = new HashMap<>();

    /** For each id, the id it stands for: an alias of a reused state, or the state a removed one went on to. */
    private final Map<Integer, Integer> forwards = new HashMap<>();

    /** A mark naming state {@code id} inside the text of a {@link Code}. */
    static String ref(int id) {
        return MARK + Integer.toString(id) + MARK;
    }

    /** Adds {@code state} after the others. */
    void add(State state) {
        states.add(state);
        byId.put(state.id, state);
    }

    /** Removes {@code state}, whose id then stands for {@code target}. */
    void remove(State state, int target) {
        states.remove(state);
        byId.remove(state.id);
        forward(state.id, target);
    }

    /** Makes {@code id} stand for {@code target} from now on. */
    void forward(int id, int target) {
        if (id != target) {
            forwards.put(id, target);
        }
    }

    /** The id of the state that {@code id} stands for (following aliases and removed states). */
    int resolve(int id) {
        int current = id;
        Set<Integer> seen = new HashSet<>();
        for (Integer next = forwards.get(current); next != null && seen.add(current); next = forwards.get(current)) {
            current = next;
        }
        return current;
    }

    /** The state {@code id} stands for, or null if none was written. */
    @Nullable State state(int id) {
        return byId.get(resolve(id));
    }

    /** Each state id named inside {@code text} (see {@link #ref}), in order. */
    static void refsIn(String text, IntConsumer action) {
        int at = text.indexOf(MARK);
        while (at >= 0) {
            int end = text.indexOf(MARK, at + 1);
            action.accept(Integer.parseInt(text, at + 1, end, 10));
            at = text.indexOf(MARK, end + 1);
        }
    }

    /** {@code text} with each state mark replaced by {@code label}'s answer for it. */
    static String resolveRefs(String text, java.util.function.IntUnaryOperator label) {
        int at = text.indexOf(MARK);
        if (at < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (at >= 0) {
            int end = text.indexOf(MARK, at + 1);
            out.append(text, from, at).append(label.applyAsInt(Integer.parseInt(text, at + 1, end, 10)));
            from = end + 1;
            at = text.indexOf(MARK, from);
        }
        return out.append(text, from, text.length()).toString();
    }
}
