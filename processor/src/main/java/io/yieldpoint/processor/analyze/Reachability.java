package io.yieldpoint.processor.analyze;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whether a statement "can complete normally" (JLS 14.22), decided on the source trees. The lowering
 * must know it: after a statement that cannot complete normally, javac rejects any further statement
 * as unreachable, so no jump may be emitted there.
 *
 * <p>Constant conditions are recognised when written as the literal {@code true}; the JLS also
 * counts other constant expressions, which coroutine bodies in practice do not use as loop
 * conditions.
 */
public final class Reachability {

    private Reachability() {}

    public static boolean canCompleteNormally(Tree statement) {
        return canCompleteNormally(statement, null);
    }

    /** As {@link #canCompleteNormally(Tree)}, for a statement that carries the label {@code label}. */
    private static boolean canCompleteNormally(Tree statement, @Nullable String label) {
        return switch (statement.getKind()) {
            case RETURN, THROW, BREAK, CONTINUE, YIELD -> false;
            case BLOCK -> all(((BlockTree) statement).getStatements());
            case IF -> {
                IfTree t = (IfTree) statement;
                yield t.getElseStatement() == null
                        || canCompleteNormally(t.getThenStatement())
                        || canCompleteNormally(t.getElseStatement());
            }
            case WHILE_LOOP -> !isTrue(((WhileLoopTree) statement).getCondition()) || breaksOut(statement, null);
            case DO_WHILE_LOOP -> {
                DoWhileLoopTree t = (DoWhileLoopTree) statement;
                boolean conditionReached = canCompleteNormally(t.getStatement()) || continues(t, label);
                yield (conditionReached && !isTrue(t.getCondition())) || breaksOut(statement, null);
            }
            case FOR_LOOP -> {
                ExpressionTree c = ((ForLoopTree) statement).getCondition();
                yield (c != null && !isTrue(c)) || breaksOut(statement, null);
            }
            case LABELED_STATEMENT -> {
                LabeledStatementTree t = (LabeledStatementTree) statement;
                // An unlabeled break leaves a labeled loop or switch, never a labeled block.
                yield canCompleteNormally(t.getStatement(), t.getLabel().toString())
                        || (isBreakable(t.getStatement()) && breaksOut(t.getStatement(), null))
                        || breaksOut(t.getStatement(), t.getLabel().toString(), false);
            }
            case SYNCHRONIZED -> canCompleteNormally(((SynchronizedTree) statement).getBlock());
            case TRY -> {
                TryTree t = (TryTree) statement;
                boolean body = canCompleteNormally(t.getBlock())
                        || t.getCatches().stream().anyMatch(c -> canCompleteNormally(c.getBlock()));
                yield body && (t.getFinallyBlock() == null || canCompleteNormally(t.getFinallyBlock()));
            }
            case SWITCH -> switchCompletes((SwitchTree) statement);
            default -> true;
        };
    }

    private static boolean all(List<? extends StatementTree> statements) {
        for (StatementTree s : statements) {
            if (!canCompleteNormally(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean switchCompletes(SwitchTree t) {
        List<? extends CaseTree> cases = t.getCases();
        boolean hasDefault = cases.stream().anyMatch(c -> c.getExpressions().isEmpty());
        if (!hasDefault || breaksOut(t, null)) {
            return true;
        }
        CaseTree last = cases.get(cases.size() - 1);
        if (last.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
            return all(last.getStatements());
        }
        for (CaseTree c : cases) {
            Tree body = c.getBody();
            boolean completes = body instanceof BlockTree b ? canCompleteNormally(b) : !(body instanceof ThrowTree);
            if (completes) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTrue(ExpressionTree condition) {
        ExpressionTree e = condition;
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue());
    }

    /**
     * Whether a {@code break} inside {@code target} leaves it: an unlabeled break not nested in an
     * inner loop or switch, or a break naming {@code label}.
     */
    private static boolean breaksOut(Tree target, @Nullable String label) {
        return breaksOut(target, label, true);
    }

    /**
     * Whether the body of the do statement {@code t} (labeled {@code label}, or null) has a continue
     * that reaches its condition: an unlabeled one not nested in an inner loop, or one naming it.
     */
    private static boolean continues(DoWhileLoopTree t, @Nullable String label) {
        return jumpsOut(t, Tree.Kind.CONTINUE, label, true, Reachability::isLoop);
    }

    /** A try whose finally cannot complete normally discards every jump out of its block and catches. */
    private static boolean jumpsDiscarded(TryTree t) {
        return t.getFinallyBlock() != null && !canCompleteNormally(t.getFinallyBlock());
    }

    private static boolean isLoop(Tree tree) {
        return switch (tree.getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> true;
            default -> false;
        };
    }

    private static boolean breaksOut(Tree target, @Nullable String label, boolean unlabeled) {
        return jumpsOut(target, Tree.Kind.BREAK, label, unlabeled, Reachability::isBreakable);
    }

    /**
     * Whether {@code target} holds a jump of {@code kind} ({@code BREAK} or {@code CONTINUE}) that
     * leaves it: one naming {@code label}, or, if {@code unlabeled} counts, an unlabeled one not
     * nested in an inner statement that {@code nests} (which it would leave instead). Jumps that a
     * finally discards, and those in lambdas and classes, do not count.
     */
    private static boolean jumpsOut(Tree target, Tree.Kind kind, @Nullable String label, boolean unlabeled,
            java.util.function.Predicate<Tree> nests) {
        boolean[] found = {false};
        new TreeScanner<Void, Integer>() {
            @Override
            public Void scan(Tree tree, Integer depth) {
                if (tree == null || found[0]) {
                    return null;
                }
                boolean nested = tree != target && nests.test(tree);
                return super.scan(tree, nested ? depth + 1 : depth);
            }

            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                jump(Tree.Kind.BREAK, node.getLabel(), depth);
                return null;
            }

            @Override
            public Void visitContinue(com.sun.source.tree.ContinueTree node, Integer depth) {
                jump(Tree.Kind.CONTINUE, node.getLabel(), depth);
                return null;
            }

            private void jump(Tree.Kind jumpKind, javax.lang.model.element.Name jumpLabel, int depth) {
                if (jumpKind == kind && (jumpLabel == null ? unlabeled && depth == 0
                        : jumpLabel.contentEquals(label == null ? "" : label))) {
                    found[0] = true;
                }
            }

            @Override
            public Void visitTry(TryTree node, Integer depth) {
                return jumpsDiscarded(node) ? scan(node.getFinallyBlock(), depth) : super.visitTry(node, depth);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Integer depth) {
                return null;
            }
        }.scan(target, 0);
        return found[0];
    }

    private static boolean isBreakable(Tree tree) {
        return switch (tree.getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP, SWITCH, SWITCH_EXPRESSION -> true;
            default -> false;
        };
    }
}
