package io.yieldpoint.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * The lowering of {@code if} and {@code switch} statements with a yield point inside: a jump over
 * the branch not taken; for a switch, a Java switch on the same selector that jumps to the state of
 * the matching case (classic cases fall through from state to state, arrow cases jump to the end).
 */
final class BranchLowering extends StatementLowering {

    BranchLowering(MethodLowering m) {
        super(m);
    }

    void lowerIf(TreePath path, IfTree t) {
        m.comment(t);
        int elseState = t.getElseStatement() == null ? -1 : w.newState();
        int end = w.newState();
        m.jumpUnless(MethodLowering.parenthesized(m.expression(new TreePath(path, t.getCondition()), t)), elseState >= 0 ? elseState : end);
        m.lower(new TreePath(path, t.getThenStatement()));
        if (elseState >= 0) {
            if (w.reachable) {
                m.jump(end);
            }
            m.begin(elseState, "else branch", t.getElseStatement());
            m.lower(new TreePath(path, t.getElseStatement()));
        }
        m.begin(end, "after if", t);
    }

    /**
     * A switch statement: a Java switch on the same selector jumps to the state of the matching case;
     * classic cases fall through from state to state, arrow cases jump to the end.
     */
    void lowerSwitch(TreePath path, SwitchTree t) {
        m.comment(t);
        int exit = w.newState();
        List<? extends CaseTree> cases = t.getCases();
        List<Integer> bodies = new ArrayList<>();
        List<Boolean> isDefault = new ArrayList<>();
        boolean exhaustive = false;
        String selector = m.expression(new TreePath(path, t.getExpression()), t);
        w.line("switch " + (selector.startsWith("(") ? selector : "(" + selector + ")") + " {");
        w.indent();
        for (CaseTree c : cases) {
            int body = w.newState();
            bodies.add(body);
            CaseLabels labels = CaseLabels.of(ctx, rewriter, new TreePath(path, c));
            isDefault.add(labels.isDefault);
            // A switch with a pattern or null label must be exhaustive, as the user's was; so is one with default.
            exhaustive |= labels.isDefault || labels.enhanced;
            w.line(labels.line);
            for (String copy : labels.copies) {
                w.line("    " + copy);
            }
            w.indent();
            m.jumpOp(body);
            w.outdent();
        }
        w.outdent();
        w.line("}");
        if (!exhaustive) {
            m.jump(exit);
        } else {
            w.reachable = false;
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, -1, routing.depth()));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            TreePath casePath = new TreePath(path, c);
            m.begin(bodies.get(i), isDefault.get(i) ? "default" : "case", c);
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof StatementTree) {
                    m.lower(new TreePath(casePath, body));
                } else if (ctx.analysis.hasYield(body)) {
                    m.yieldStatement(new TreePath(casePath, body));
                } else {
                    m.comment(body);
                    w.line(rewriter.rewrite(new TreePath(casePath, body)) + ";");
                }
                if (w.reachable) {
                    m.jump(exit);
                }
            } else {
                for (StatementTree s : c.getStatements()) {
                    m.lower(new TreePath(casePath, s));
                }
            }
        }
        m.begin(exit, "after switch", t);
    }
}
