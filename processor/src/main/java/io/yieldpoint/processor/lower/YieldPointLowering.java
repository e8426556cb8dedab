package io.yieldpoint.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.LocalVar;
import java.util.List;

/**
 * The lowering of statements that are yield points or hold one in their expression:
 * {@code await(t)} ends a state with {@code if (suspendOn(t, next)) return SUSPENDED;} and the next
 * state reads the value into its target; {@code emit(v)} hands the value on and suspends;
 * {@code return done(v)} completes the task, through the finally blocks around it. Any other
 * expression with a yield point goes through the {@link ExpressionLowering}.
 */
final class YieldPointLowering extends StatementLowering {

    /** Whether an emit is inside a try, whose finally blocks must run when a consumer closes the generator. */
    boolean cleansUpOnClose;

    YieldPointLowering(MethodLowering m) {
        super(m);
    }

    /**
     * A statement with yield points in its expression: the direct forms {@code await(t);},
     * {@code T x = await(t);}, {@code x = await(t);} and {@code emit(v);} read their value into its
     * target; any other expression goes through the {@link ExpressionLowering}.
     */
    void yieldStatement(TreePath path) {
        Tree s = path.getLeaf();
        if (ctx.method.kind() == CoroutineKind.STREAM && streamEmitStatement(path)) {
            return;
        }
        if (!isDirectYield(s)) {
            m.comment(s);
            if (s instanceof VariableTree v) {
                LocalVar local = ctx.declared(v);
                String value = exprs.lower(new TreePath(path, v.getInitializer()), s);
                if (local.lifted() && v.getInitializer() instanceof NewArrayTree array && array.getType() == null) {
                    value = "new " + ctx.analysis.fieldTypes().get(local) + " " + value;
                }
                w.line(local.lifted() ? ctx.fieldNames.get(local) + " = " + value + ";"
                        : m.modifiers(v) + m.declaredType(v, local) + " " + MethodLowering.nameOf(v) + " = " + value + ";");
            } else {
                ExpressionTree e = s instanceof ExpressionStatementTree es ? es.getExpression() : (ExpressionTree) s;
                TreePath exprPath = s instanceof ExpressionStatementTree ? new TreePath(path, e) : path;
                w.line(exprs.lower(exprPath, s) + ";");
            }
            return;
        }
        m.comment(s);
        String target;
        String targetType;
        TreePath callPath;
        if (s instanceof VariableTree v) {
            LocalVar local = ctx.declared(v);
            targetType = m.declaredType(v, local);
            target = local.lifted() ? ctx.fieldNames.get(local) + " = "
                    : m.modifiers(v) + targetType + " " + MethodLowering.nameOf(v) + " = ";
            callPath = new TreePath(path, v.getInitializer());
        } else {
            ExpressionTree e = s instanceof ExpressionStatementTree es ? es.getExpression() : (ExpressionTree) s;
            TreePath exprPath = s instanceof ExpressionStatementTree ? new TreePath(path, e) : path;
            if (e instanceof AssignmentTree a) {
                LocalVar assigned = ctx.analysis.references().get((IdentifierTree) a.getVariable());
                targetType = assigned == null ? null : ctx.analysis.fieldTypes().get(assigned);
                target = rewriter.rewrite(new TreePath(exprPath, a.getVariable())) + " = ";
                callPath = new TreePath(exprPath, a.getExpression());
            } else {
                target = "";
                targetType = null;
                callPath = exprPath;
            }
        }
        MethodInvocationTree call = (MethodInvocationTree) callPath.getLeaf();
        String argument = rewriter.rewrite(new TreePath(callPath, call.getArguments().get(0)));
        int resume = w.newState();
        if (ctx.dsl.is(call, "emit")) {
            w.line("emitValue(" + argument + ", " + StateWriter.ref(resume) + ");");
            w.line("return;");
            w.reachable = false;
            w.entered(resume);
            m.begin(resume, "after emit", s);
            if (m.currentHandler() != null || routing.depth() > 0) {
                w.line("resumeAfterEmit();"); // a consumer's close() resumes here to run the finally blocks
                cleansUpOnClose = true;
            }
            return;
        }
        Tree awaited = call.getArguments().get(0);
        if (ctx.finallyDepth == 0 && ctx.dsl.is(awaited, "yieldNow") && ((MethodInvocationTree) awaited).getArguments().isEmpty()) {
            // await(yieldNow()): the machine queues itself on its loop, without a task (suspendYield)
            w.line("if (suspendYield(" + StateWriter.ref(resume) + ")) return " + ctx.suspendedRef + ";");
        } else {
            w.line("if (" + ctx.suspendCall() + "(" + argument + ", " + StateWriter.ref(resume) + ")) return " + ctx.suspendedRef + ";");
        }
        m.begin(resume, "after await", s);
        String reader = targetType == null ? "awaitResult()" : MethodContext.PRIMITIVE_READERS.getOrDefault(targetType, "awaitResult()");
        w.line(target + reader + ";");
    }

    /** Whether {@code s} is one of the direct forms whose value has a declared target type. */
    boolean isDirectYield(Tree s) {
        if (s instanceof VariableTree v) {
            return ctx.dsl.is(v.getInitializer(), "await")
                    && !ctx.analysis.hasYield(((MethodInvocationTree) v.getInitializer()).getArguments().get(0));
        }
        ExpressionTree e = s instanceof ExpressionStatementTree es ? es.getExpression() : (ExpressionTree) s;
        if (ctx.dsl.isYield(e)) {
            MethodInvocationTree call = (MethodInvocationTree) e;
            return !ctx.analysis.hasYield(call.getArguments().get(0));
        }
        return e instanceof AssignmentTree a && a.getVariable() instanceof IdentifierTree
                && ctx.dsl.is(a.getExpression(), "await")
                && !ctx.analysis.hasYield(((MethodInvocationTree) a.getExpression()).getArguments().get(0));
    }

    void lowerReturn(TreePath path, ReturnTree r) {
        m.comment(r);
        ExpressionTree value = r.getExpression();
        TreePath valuePath = new TreePath(path, value);
        if (ctx.dsl.is(value, "done")) {
            List<? extends ExpressionTree> args = ((MethodInvocationTree) value).getArguments();
            String v = exprs.lower(new TreePath(valuePath, args.get(0)), r);
            routing.returnWith(v, false).forEach(w::line);
        } else {
            routing.returnWith(exprs.lower(valuePath, r), true).forEach(w::line);
        }
        w.reachable = false;
    }

    /**
     * {@code emit(v);} in an async stream, {@code v} awaiting or not (an async stream may write
     * {@code emit(await(next()));}): {@code v} is lowered in Java's order, then emitted. False if
     * the statement is no emit.
     */
    boolean streamEmitStatement(TreePath path) {
        Tree s = path.getLeaf();
        boolean statement = s instanceof ExpressionStatementTree;
        Tree e = s instanceof ExpressionStatementTree es ? es.getExpression() : s;
        if (!ctx.dsl.is(e, "emit")) {
            return false;
        }
        m.comment(s);
        TreePath callPath = statement ? new TreePath(path, e) : path;
        MethodInvocationTree call = (MethodInvocationTree) e;
        String argument = m.expression(new TreePath(callPath, call.getArguments().get(0)), s);
        streamEmit(argument, w.newState(), s);
        return true;
    }

    /**
     * {@code emit(v);} in an async stream: {@code emitValue} hands the value to the consumer and
     * suspends until it asks for the next one; the resumed state reads the outcome, which throws
     * the close signal at the emit if the consumer closed the stream instead.
     */
    void streamEmit(String argument, int resume, Tree statement) {
        w.line("if (emitValue(" + argument + ", " + StateWriter.ref(resume) + ")) return " + ctx.suspendedRef + ";");
        m.begin(resume, "after emit", statement);
        w.line("awaitResult(); // the consumer asked for more, or closed the stream: then its signal is thrown here");
    }
}
