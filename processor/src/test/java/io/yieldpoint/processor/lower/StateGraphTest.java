package io.yieldpoint.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.processor.model.LoweredMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state graph on its own: graphs written as the lowering writes them, then simplified and
 * printed. Each pass must leave a machine that runs the same code in the same order, under the
 * same handler wherever the code can throw.
 */
class StateGraphTest {

    /** The handler of a region protected by a finally block that starts at state {@code target}. */
    private static StateGraph.Handler finallyAt(int target) {
        return new StateGraph.Handler("finallyExit1 = -1; finallyThrown1 = t;", target);
    }

    private final StateWriter w = new StateWriter(writer -> { }, new java.util.HashSet<>());

    private String print() {
        w.close();
        StateGraphPasses.simplify(w.graph());
        return new StateGraphPrinter(w.graph(), "label", "dispatch").stepBody();
    }

    /** Whether {@code text} has {@code expected}'s lines in a row, whatever their indentation. */
    private static void assertContains(String text, String expected) {
        assertTrue(flat(text).contains(flat(expected)), text);
    }

    private static String flat(String text) {
        return text.lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n"));
    }

    private List<String> descriptions() {
        return new StateGraphPrinter(w.graph(), "label", "dispatch").states().stream()
                .map(LoweredMethod.State::description).toList();
    }

    @Test
    void aStateThatOnlyJumpsIsRemovedAndItsJumpsGoToItsTarget() {
        int start = w.newState();
        int hop = w.newState();
        int end = w.newState();
        w.begin(start, "start", null);
        w.line("a();");
        w.branch("c", hop);
        w.line("b();");
        w.jump(end);
        w.begin(hop, "hop", null);
        w.jump(end);
        w.begin(end, "end", null);
        w.line("return;");
        w.reachable = false;

        assertEquals("""
                dispatch:
                for (;;) {
                    switch (label) {
                        case 0: {
                            a();
                            if (c) { label = 1; continue dispatch; }
                            b();
                        }
                        case 1: {
                            return;
                        }
                        default:
                            throw new IllegalStateException("no state " + label);
                    }
                }
                """, print());
        assertEquals(List.of("start", "end"), descriptions());
    }

    @Test
    void anEmptyStateIsMergedIntoTheNextEvenUnderAnotherHandler() {
        int start = w.newState();
        int empty = w.newState();
        int body = w.newState();
        w.begin(start, "start", null);
        w.line("a();");
        w.jump(empty);
        w.begin(empty, "empty", null);
        w.comment("// F.java:3");
        w.begin(body, "try block", finallyAt(start));
        w.line("b();");
        w.line("return;");
        w.reachable = false;

        String text = print();
        assertEquals(List.of("start", "empty, try block"), descriptions());
        assertContains(text, """
                            case 1: {
                                // F.java:3
                                b();
                """);
        // the jump became a fall into a state with another handler: label is set for the router
        assertContains(text, """
                            a();
                            label = 1;
                        }
                        case 1: {""");
    }

    @Test
    void aTrampolineIsCopiedIntoTheJumpsThatEnterItAndRemoved() {
        int start = w.newState();
        int trampoline = w.newState();
        int other = w.newState();
        int finallyBlock = w.newState();
        w.begin(start, "start", finallyAt(finallyBlock));
        w.line("if (x) {");
        w.indent();
        w.jumpInBranch(trampoline);
        w.outdent();
        w.line("}");
        w.line("y();");
        w.jump(other);
        w.begin(trampoline, "end of try", finallyAt(finallyBlock));
        w.store("finallyExit1 = 0;");
        w.jump(finallyBlock);
        w.begin(other, "other", finallyAt(finallyBlock));
        w.line("z();");
        w.store("finallyExit1 = 0;");
        w.jump(finallyBlock);
        w.begin(finallyBlock, "finally", null);
        w.line("f();");
        w.line("return;");
        w.reachable = false;

        String text = print();
        assertEquals(List.of("start", "other", "finally"), descriptions());
        assertContains(text, """
                            if (x) {
                                finallyExit1 = 0; label = 2; continue dispatch;
                            }
                """);
        assertFalse(text.contains("end of try"), text);
    }

    @Test
    void aTrampolineNamedInsideCopiedCodeStays() {
        int start = w.newState();
        int trampoline = w.newState();
        int finallyBlock = w.newState();
        w.begin(start, "start", finallyAt(finallyBlock));
        w.line("{ if (x) { " + "label = " + StateWriter.ref(trampoline) + "; continue dispatch; } }");
        w.jump(trampoline);
        w.begin(trampoline, "end of try", finallyAt(finallyBlock));
        w.store("finallyExit1 = 0;");
        w.jump(finallyBlock);
        w.begin(finallyBlock, "finally", null);
        w.line("return;");
        w.reachable = false;

        String text = print();
        assertEquals(List.of("start", "end of try", "finally"), descriptions());
        assertContains(text, "{ if (x) { label = 1; continue dispatch; } }");
    }

    @Test
    void aJumpToTheNextStateBecomesAFall() {
        int start = w.newState();
        int next = w.newState();
        w.begin(start, "start", null);
        w.line("if (suspendOn(t, " + StateWriter.ref(next) + ")) return SUSPENDED;");
        w.jump(next);
        w.begin(next, "after await", null);
        w.line("return RETURNED;");
        w.reachable = false;

        String text = print();
        assertContains(text, """
                            if (suspendOn(t, 1)) return SUSPENDED;
                        }
                        case 1: {
                """);
    }

    @Test
    void theFirstStateIsKeptEvenWhenEmpty() {
        int start = w.newState();
        int body = w.newState();
        w.begin(start, "start of m() (F.java:1)", null);
        w.comment("// F.java:2");
        w.begin(body, "try block (F.java:2)", finallyAt(start));
        w.line("return;");
        w.reachable = false;

        String text = print();
        assertEquals(List.of("start of m() (F.java:1)", "try block (F.java:2)"), descriptions());
        // its comment maps no line (nothing follows it in the state), so it is left out
        assertContains(text, """
                            case 0: {
                                label = 1;
                            }
                            case 1: {""");
    }

    @Test
    void aLoopOfStatesThatOnlyJumpEndsTheRemoval() {
        int start = w.newState();
        int a = w.newState();
        int b = w.newState();
        w.begin(start, "start", null);
        w.jump(a);
        w.begin(a, "a", null);
        w.jump(b);
        w.begin(b, "b", null);
        w.jump(a);

        String text = print();
        assertEquals(2, descriptions().size(), text);
        assertContains(text, "label = 1; continue dispatch;");
    }

    @Test
    void theRouterListsTheStatesOfEachHandlerWithTheirFinalLabels() {
        int start = w.newState();
        int empty = w.newState();
        int body = w.newState();
        int finallyBlock = 9;
        w.begin(start, "start", null);
        w.line("a();");
        w.jump(empty);
        w.begin(empty, "empty", null);
        w.begin(body, "body", finallyAt(finallyBlock));
        w.line("b();");
        w.store("finallyExit1 = 0;");
        w.jump(finallyBlock);
        for (int i = 3; i < finallyBlock; i++) {
            w.newState();
        }
        w.newState();
        w.begin(finallyBlock, "finally", null);
        w.line("return;");
        w.reachable = false;

        String text = print();
        assertContains(text, """
                            case 1:
                                finallyExit1 = -1; finallyThrown1 = t;
                                label = 2;
                                continue;
                """);
    }
}
