package io.yieldpoint.processor.lower;

import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.analyze.Reachability;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.List;

/**
 * The lowering of loops with a yield point inside ({@code while}, {@code do}/{@code while},
 * {@code for}, for-each over an {@code Iterable} or an array) and of labeled statements: a head
 * state that tests the condition, the body's states, and a jump back; {@code break} and
 * {@code continue} find their states through {@link MethodContext#loweredLoops}.
 */
final class LoopLowering extends StatementLowering {

    /** For-each loops lowered so far: names their iterator fields. */
    private int iterators;

    LoopLowering(MethodLowering m) {
        super(m);
    }

    void lowerWhile(TreePath path, WhileLoopTree t) {
        int head = w.newState();
        int exit = w.newState();
        m.begin(head, "head of while loop", t);
        m.comment(t);
        if (!Reachability.isTrue(t.getCondition())) {
            m.jumpUnless(MethodLowering.parenthesized(m.expression(new TreePath(path, t.getCondition()), t)), exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, head, routing.depth()));
        m.lower(new TreePath(path, t.getStatement()));
        if (w.reachable) {
            m.jump(head);
        }
        m.begin(exit, "after while loop", t);
    }

    void lowerDoWhile(TreePath path, DoWhileLoopTree t) {
        int head = w.newState();
        int condition = w.newState();
        int exit = w.newState();
        m.begin(head, "body of do/while loop", t);
        m.comment(t);
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, condition, routing.depth()));
        m.lower(new TreePath(path, t.getStatement()));
        m.begin(condition, "condition of do/while loop", t.getCondition());
        if (!w.reachable) {
            // the body never reaches its condition (it always breaks, returns or throws)
        } else if (Reachability.isTrue(t.getCondition())) {
            m.jump(head);
        } else {
            String test = MethodLowering.parenthesized(m.expression(new TreePath(path, t.getCondition()), t));
            w.branch(test.substring(1, test.length() - 1), head);
        }
        m.begin(exit, "after do/while loop", t);
    }

    void lowerFor(TreePath path, ForLoopTree t) {
        m.comment(t);
        for (StatementTree init : t.getInitializer()) {
            m.lower(new TreePath(path, init));
        }
        int head = w.newState();
        int update = w.newState();
        int exit = w.newState();
        m.begin(head, "head of for loop", t);
        m.comment(t);
        if (t.getCondition() != null && !Reachability.isTrue(t.getCondition())) {
            m.jumpUnless("(" + m.expression(new TreePath(path, t.getCondition()), t) + ")", exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, update, routing.depth()));
        m.lower(new TreePath(path, t.getStatement()));
        m.begin(update, "update of for loop", t);
        for (ExpressionStatementTree u : w.reachable ? t.getUpdate() : List.<ExpressionStatementTree>of()) {
            TreePath updatePath = new TreePath(path, u);
            w.line(m.expression(new TreePath(updatePath, u.getExpression()), u) + ";");
        }
        if (w.reachable) {
            m.jump(head);
        }
        m.begin(exit, "after for loop", t);
    }

    /**
     * {@code for (T x : items)}: {@code MachineSupport.iterate(items)} picks, by overload, an
     * iterator over an {@code Iterable} or over an array, read lazily as the loop would.
     */
    void lowerForEach(TreePath path, EnhancedForLoopTree t) {
        if (ctx.dsl.is(t.getExpression(), "each")) {
            m.tries.lowerEach(path, t);
            return;
        }
        m.comment(t);
        iterators++;
        String iterator = ctx.syntheticName("iterator" + iterators);
        m.synthetic.add(new LoweredMethod.Field(iterator, "java.util.Iterator<?>", false, null, ctx.where(t), null,
                "The iterator of the for-each loop at " + ctx.where(t) + "."));
        w.line(iterator + " = " + MethodLowering.SUPPORT + ".iterate(" + m.expression(new TreePath(path, t.getExpression()), t) + ");");
        int head = w.newState();
        int exit = w.newState();
        m.begin(head, "head of for-each loop", t);
        m.jumpUnless("(" + iterator + ".hasNext())", exit);
        body(path, t, iterator + ".next()", head, exit);
        m.begin(exit, "after for-each loop", t);
        if (w.reachable) {
            w.line(iterator + " = null;");
        }
    }

    /**
     * The rest of a for-each loop's head and its body: the loop variable is set from {@code next}
     * (an {@code Object}), then the body runs, then the loop goes back to {@code head};
     * {@code break} goes to {@code exit}.
     */
    void body(TreePath path, EnhancedForLoopTree t, String next, int head, int exit) {
        LocalVar variable = ctx.declared(t.getVariable());
        if (variable.lifted()) {
            w.line(ctx.fieldName(variable) + " = " + MethodContext.readAs(ctx.fieldType(variable), next) + ";");
        } else {
            w.line(next + ";"); // an unnamed variable (for (var _ : list)): the element is dropped
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, head, routing.depth()));
        m.lower(new TreePath(path, t.getStatement()));
        if (w.reachable) {
            m.jump(head);
        }
    }

    /** A labeled loop is lowered as the loop (jumps find it through the label); a labeled block gets an exit. */
    void lowerLabeled(TreePath path, LabeledStatementTree t) {
        TreePath inner = new TreePath(path, t.getStatement());
        switch (t.getStatement().getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP, SWITCH -> m.lower(inner);
            default -> {
                int exit = w.newState();
                ctx.loweredLoops.put(t.getStatement(), new MethodContext.Jump(exit, -1, routing.depth()));
                m.lower(inner);
                m.begin(exit, "after labeled statement " + t.getLabel(), t);
            }
        }
    }
}
