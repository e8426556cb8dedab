package io.yieldpoint.processor.lower;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Simplifies a {@link StateGraph} before it is printed, so that the machine has fewer states and
 * javac fewer lines to compile. Each pass keeps what the machine does: the same code runs in the
 * same order, under the same exception handler where it can throw.
 *
 * <ul>
 *   <li><b>Empty states</b> that fall into the next state are merged into it (their line comments
 *       go with them): the lowering opens a state before it knows that nothing will be written
 *       in it, as before a {@code try} whose first statement is itself lowered.</li>
 *   <li><b>States that only jump</b> are removed: whatever names them names their target.</li>
 *   <li><b>Trampolines</b>, states that store a constant or two and jump (the normal exit of a
 *       protected region: {@code finallyExit1 = 0; label = 8; continue dispatch;}), are copied into
 *       the jumps that enter them, and removed when nothing else names them. A store of a constant
 *       cannot throw, so it may run under another state's handler.</li>
 *   <li><b>A jump to the state that follows</b> at the end of a state becomes falling into it
 *       (the printer sets {@code label} where the next state's handler differs).</li>
 * </ul>
 * The first state is where the machine starts, and its line is the method's (the line a dump
 * shows for a coroutine not yet started): it is never removed.
 */
final class StateGraphPasses {

    /** The most stores a trampoline may hold to be copied into the jumps that enter it. */
    static final int MAX_TRAMPOLINE_STORES = 2;

    private StateGraphPasses() {}

    /** Runs every pass until none changes the graph. */
    static void simplify(StateGraph graph) {
        boolean changed = true;
        while (changed) {
            // every pass runs in each round (no short circuit): each may enable the others
            boolean merged = mergeEmptyStates(graph);
            boolean removed = removeJumpOnlyStates(graph);
            boolean inlined = inlineTrampolines(graph);
            boolean fell = fallIntoNext(graph);
            changed = merged || removed || inlined || fell;
        }
    }

    /** Empty states that fall into the next are merged into it. */
    static boolean mergeEmptyStates(StateGraph graph) {
        boolean changed = false;
        // The first state keeps its own description: its line is the method's, for dumps and traces.
        for (int i = 1; i < graph.states.size() - 1; i++) {
            StateGraph.State s = graph.states.get(i);
            StateGraph.State after = graph.states.get(i + 1);
            if (s.isEmpty() && s.fallsThrough && s.next >= 0 && graph.resolve(s.next) == after.id) {
                after.ops.addAll(0, s.ops);
                after.descriptions.addAll(0, s.descriptions);
                graph.remove(s, after.id);
                i--;
                changed = true;
            }
        }
        return changed;
    }

    /** States whose only code is a jump are removed; their id names the jump's target. */
    static boolean removeJumpOnlyStates(StateGraph graph) {
        boolean changed = false;
        for (StateGraph.State s : new ArrayList<>(graph.states)) {
            if (s == graph.states.get(0)) {
                continue;
            }
            List<StateGraph.Op> code = code(s);
            if (code.size() == 1 && code.get(0) instanceof StateGraph.Jump j && j.depth() == 0
                    && graph.resolve(j.target()) != s.id) {
                graph.remove(s, graph.resolve(j.target()));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Trampolines (a store or two of a constant, then a jump) are copied into the jumps and the
     * falls that enter them, and removed once nothing else enters them.
     */
    static boolean inlineTrampolines(StateGraph graph) {
        boolean changed = false;
        for (StateGraph.State t : new ArrayList<>(graph.states)) {
            List<StateGraph.Op> body = trampoline(graph, t);
            if (body == null) {
                continue;
            }
            for (StateGraph.State s : graph.states) {
                if (s == t) {
                    continue;
                }
                for (int i = 0; i < s.ops.size(); i++) {
                    if (s.ops.get(i) instanceof StateGraph.Jump j && graph.resolve(j.target()) == t.id) {
                        s.ops.remove(i);
                        s.ops.addAll(i, atDepth(body, j.depth()));
                        i += body.size() - 1;
                        changed = true;
                    }
                }
                if (s.fallsThrough && s.next >= 0 && graph.resolve(s.next) == t.id) {
                    s.ops.addAll(body);
                    s.fallsThrough = false;
                    changed = true;
                }
            }
            if (t != graph.states.get(0) && !referenced(graph).contains(t.id)) {
                StateGraph.Jump last = (StateGraph.Jump) body.get(body.size() - 1);
                graph.remove(t, graph.resolve(last.target()));
                changed = true;
            }
        }
        return changed;
    }

    /** A jump at the end of a state to the state printed right after it becomes a fall into it. */
    static boolean fallIntoNext(StateGraph graph) {
        boolean changed = false;
        for (int i = 0; i < graph.states.size() - 1; i++) {
            StateGraph.State s = graph.states.get(i);
            int followingId = graph.states.get(i + 1).id;
            if (!s.ops.isEmpty() && s.ops.get(s.ops.size() - 1) instanceof StateGraph.Jump j && j.depth() == 0
                    && graph.resolve(j.target()) == followingId) {
                s.ops.remove(s.ops.size() - 1);
                s.fallsThrough = true;
                s.next = followingId;
                changed = true;
            }
        }
        return changed;
    }

    /** The body of {@code t} (its stores and final jump) if it is a trampoline, else null. */
    private static @Nullable List<StateGraph.Op> trampoline(StateGraph graph, StateGraph.State t) {
        List<StateGraph.Op> code = code(t);
        if (code.size() < 2 || code.size() > MAX_TRAMPOLINE_STORES + 1
                || !(code.get(code.size() - 1) instanceof StateGraph.Jump j) || j.depth() != 0
                || graph.resolve(j.target()) == t.id) {
            return null;
        }
        for (StateGraph.Op op : code.subList(0, code.size() - 1)) {
            if (!(op instanceof StateGraph.Code c) || !c.store() || c.depth() != 0) {
                return null;
            }
        }
        return code;
    }

    private static List<StateGraph.Op> atDepth(List<StateGraph.Op> ops, int depth) {
        List<StateGraph.Op> out = new ArrayList<>();
        for (StateGraph.Op op : ops) {
            out.add(withDepth(op, depth));
        }
        return out;
    }

    static StateGraph.Op withDepth(StateGraph.Op op, int depth) {
        if (op instanceof StateGraph.Code c) {
            return new StateGraph.Code(depth, c.text(), c.store());
        } else if (op instanceof StateGraph.Jump j) {
            return new StateGraph.Jump(depth, j.target());
        } else if (op instanceof StateGraph.Branch b) {
            return new StateGraph.Branch(depth, b.condition(), b.target());
        }
        return new StateGraph.Comment(depth, ((StateGraph.Comment) op).text());
    }

    /** The operations of {@code s} but its comments. */
    private static List<StateGraph.Op> code(StateGraph.State s) {
        return s.ops.stream().filter(o -> !(o instanceof StateGraph.Comment)).toList();
    }

    /** The ids of the states that something enters: a jump, a mark in code, a handler, a fall. */
    static Set<Integer> referenced(StateGraph graph) {
        Set<Integer> out = new HashSet<>();
        for (StateGraph.State s : graph.states) {
            for (StateGraph.Op op : s.ops) {
                if (op instanceof StateGraph.Jump j) {
                    out.add(graph.resolve(j.target()));
                } else if (op instanceof StateGraph.Branch b) {
                    out.add(graph.resolve(b.target()));
                } else if (op instanceof StateGraph.Code c) {
                    StateGraph.refsIn(c.text(), id -> out.add(graph.resolve(id)));
                }
            }
            if (s.handler != null) {
                out.add(graph.resolve(s.handler.target()));
            }
            if (s.fallsThrough && s.next >= 0) {
                out.add(graph.resolve(s.next));
            }
        }
        if (!graph.states.isEmpty()) {
            out.add(graph.states.get(0).id);
        }
        return out;
    }
}
