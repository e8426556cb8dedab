package io.yieldpoint.processor.lower;

import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The lowering of {@code try} statements with a yield point inside, and of the for-each over an
 * async stream, which is a try-finally the processor makes: protected regions are states with a
 * handler, catch clauses a state that tests the exception's type, and each finally block a state
 * entered on every way out, whose end does what was pending (see {@link Routing}). The handler
 * stack itself belongs to {@link MethodLowering}, which gives each state its handler.
 */
final class TryLowering extends StatementLowering {

    /** Whether a lowered try has catch clauses: the machine then has the field {@link #thrownField}. */
    boolean usesThrown;
    private @Nullable String thrownName;
    /** For-each loops over streams lowered so far: names their cursor fields. */
    private int cursors;

    TryLowering(MethodLowering m) {
        super(m);
    }

    void lowerTry(TreePath path, TryTree t) {
        m.comment(t);
        StateGraph.Handler outer = m.currentHandler();
        boolean hasCatches = !t.getCatches().isEmpty();
        Routing.Frame frame = t.getFinallyBlock() == null ? null : routing.push(w.newState());
        int after = w.newState();
        int catchDispatch = hasCatches ? w.newState() : -1;
        StateGraph.Handler protectedHandler = frame == null ? outer : frame.handler();
        StateGraph.Handler tryHandler = hasCatches
                ? new StateGraph.Handler(thrownField() + " = t;", catchDispatch) : protectedHandler;
        if (hasCatches) {
            usesThrown = true;
            w.entered(catchDispatch); // entered from the exception router
        }
        if (frame != null) {
            w.entered(frame.entry);
        }

        m.push(tryHandler);
        m.begin(w.newState(), "try block", t.getBlock());
        lowerResources(path, t, 0);
        m.pop();
        leaveProtected(frame, after);

        m.push(protectedHandler);
        if (hasCatches) {
            m.begin(catchDispatch, "catch clauses", t);
            String caught = thrownField();
            List<Integer> bodies = new ArrayList<>();
            for (CatchTree c : t.getCatches()) {
                int body = w.newState();
                bodies.add(body);
                LocalVar parameter = ctx.declared(c.getParameter());
                Tree type = c.getParameter().getType();
                List<? extends Tree> alternatives = type instanceof UnionTypeTree u ? u.getTypeAlternatives() : List.of(type);
                String test = alternatives.stream().map(a -> caught + " instanceof " + ctx.source.typeText(ctx.unit, a))
                        .collect(Collectors.joining(" || "));
                if (parameter.lifted()) {
                    w.line("if (" + test + ") {");
                    w.indent();
                    w.line(ctx.fieldNames.get(parameter) + " = (" + ctx.fieldType(parameter) + ") " + caught + ";");
                    w.line(caught + " = null;");
                    m.jumpOp(body);
                    w.outdent();
                    w.line("}");
                } else {
                    w.branch(test, body);
                }
            }
            w.line("throw " + caught + ";");
            w.reachable = false;
            for (int i = 0; i < bodies.size(); i++) {
                CatchTree c = t.getCatches().get(i);
                m.begin(bodies.get(i), "catch " + ctx.source.text(ctx.unit, c.getParameter().getType()), c);
                LocalVar parameter = ctx.declared(c.getParameter());
                if (!parameter.lifted()) {
                    // used before any yield point of the block only: a local of this state
                    m.comment(c);
                    w.line(ctx.fieldType(parameter) + " " + MethodLowering.nameOf(c.getParameter()) + " = (" + ctx.fieldType(parameter)
                            + ") " + caught + ";");
                    w.line(caught + " = null;");
                }
                m.lower(new TreePath(new TreePath(path, c), c.getBlock()));
                leaveProtected(frame, after);
            }
        }
        m.pop();

        if (frame != null) {
            routing.pop();
            m.begin(frame.entry, "finally block", t.getFinallyBlock());
            ctx.finallyDepth++;
            m.lower(new TreePath(path, t.getFinallyBlock()));
            ctx.finallyDepth--;
            if (w.reachable) {
                finallyExits(frame, after);
            }
        }
        m.begin(after, "after try", t);
    }

    /**
     * The resources of a try-with-resources from {@code index} on, then its block (JLS 14.20.3.1):
     * each resource is a protected region whose cleanup closes it, with a failure of close()
     * added as suppressed to an exception already on its way out.
     */
    void lowerResources(TreePath path, TryTree t, int index) {
        if (index == t.getResources().size()) {
            m.lower(new TreePath(path, t.getBlock()));
            return;
        }
        Tree resource = t.getResources().get(index);
        TreePath resourcePath = new TreePath(path, resource);
        String name;
        if (resource instanceof VariableTree v) {
            m.lower(resourcePath);
            LocalVar local = ctx.declared(v);
            name = local.lifted() ? ctx.fieldNames.get(local) : MethodLowering.nameOf(v);
        } else {
            // try (existing): an effectively final variable; its span may include the ';' after it
            name = rewriter.rewrite(resourcePath).strip();
            while (name.endsWith(";")) {
                name = name.substring(0, name.length() - 1).strip();
            }
        }
        if (!w.reachable) {
            return;
        }
        Routing.Frame frame = routing.push(w.newState());
        int after = w.newState();
        w.entered(frame.entry);
        m.push(frame.handler());
        m.begin(w.newState(), "body of try-with-resources, " + name + " open", resource);
        lowerResources(path, t, index + 1);
        m.pop();
        leaveProtected(frame, after);
        routing.pop();
        m.begin(frame.entry, "close " + name, resource);
        String suppressed = ctx.syntheticName("closeFailure");
        w.line("if (" + name + " != null) {");
        w.line("    if (" + frame.exitField() + " == " + Routing.THROW + ") {");
        w.line("        try {");
        w.line("            " + name + ".close();");
        w.line("        } catch (Throwable " + suppressed + ") {");
        w.line("            " + frame.thrownField() + ".addSuppressed(" + suppressed + ");");
        w.line("        }");
        w.line("    } else {");
        w.line("        " + name + ".close();");
        w.line("    }");
        w.line("}");
        finallyExits(frame, after);
        m.begin(after, "after closing " + name, resource);
    }

    /** The normal end of a try or catch block: through the finally block, if any, to {@code after}. */
    void leaveProtected(Routing.@Nullable Frame frame, int after) {
        if (!w.reachable) {
            return;
        }
        if (frame == null) {
            m.jump(after);
        } else {
            w.store(frame.exitField() + " = " + Routing.NORMAL + ";");
            m.jump(frame.entry);
        }
    }

    /** The end of a finally block: do what was pending when it started. */
    void finallyExits(Routing.Frame frame, int after) {
        String exit = frame.exitField();
        w.line("if (" + exit + " == " + Routing.THROW + ") {");
        w.line("    throw " + frame.thrownField() + ";");
        w.line("}");
        if (frame.returns) {
            w.line("if (" + exit + " == " + Routing.RETURN + ") {");
            w.line("    " + routing.pendingReturn());
            w.line("}");
        }
        frame.jumpCodes.forEach((target, code) -> {
            w.line("if (" + exit + " == " + code + ") {");
            w.indent();
            m.route(routing.route(target, frame.jumpDepth(target)));
            w.outdent();
            w.line("}");
        });
        m.jump(after);
    }

    /**
     * {@code for (T x : each(stream)) body}, C#'s {@code await foreach}: lowered as
     * <pre>
     * cursor = open(stream);
     * try {
     *     while (await(cursor.next())) { x = cursor.current(); body }
     * } finally {
     *     await(shield(close(cursor)));   // on every way out: the producer's cleanup has run
     * }
     * </pre>
     * The loop is a protected region with a finally frame of its own, so {@code break},
     * {@code return}, a jump further out, an exception and a cancellation all go through the
     * close, as the {@link Routing} sends them; {@code break} lands on the loop's normal end
     * inside the region. A failure of the producer's cleanup is thrown after the loop, or added as
     * suppressed to the exception already on its way.
     */
    void lowerEach(TreePath path, EnhancedForLoopTree t) {
        m.comment(t);
        cursors++;
        String cursor = ctx.syntheticName("cursor" + cursors);
        m.synthetic.add(new LoweredMethod.Field(cursor, "io.yieldpoint.AsyncStream.Cursor<?>", false, null, ctx.where(t), null,
                "The cursor of the async stream that the for-each loop at " + ctx.where(t) + " reads."));
        MethodInvocationTree each = (MethodInvocationTree) t.getExpression();
        TreePath eachPath = new TreePath(path, each);
        String stream = m.expression(new TreePath(eachPath, each.getArguments().get(0)), t);
        w.line(cursor + " = " + MethodLowering.SUPPORT + ".open(" + stream + ");");
        if (!w.reachable) {
            return;
        }
        Routing.Frame frame = routing.push(w.newState());
        int after = w.newState();
        int head = w.newState();
        int value = w.newState();
        int done = w.newState();
        w.entered(frame.entry);
        m.push(frame.handler());
        m.begin(head, "await the next value of the stream", t);
        w.line("if (" + ctx.suspendCall() + "(" + cursor + ".next(), " + StateWriter.ref(value) + ")) return " + ctx.suspendedRef + ";");
        m.begin(value, "a value of the stream, or its end", t);
        m.jumpUnless("(awaitBoolean())", done);
        m.loops.body(path, t, cursor + ".current()", head, done);
        m.begin(done, "end of the loop over the stream", t);
        w.store(frame.exitField() + " = " + Routing.NORMAL + ";");
        m.jump(frame.entry);
        m.pop();
        routing.pop();
        m.begin(frame.entry, "close the stream (every way out of the loop)", t);
        int closed = w.newState();
        w.line("if (" + ctx.suspendCall() + "(" + MethodLowering.SUPPORT + ".close(" + cursor + "), " + StateWriter.ref(closed) + ")) return " + ctx.suspendedRef + ";");
        m.begin(closed, "the stream's producer has ended", t);
        w.line(cursor + " = null;");
        String cleanup = ctx.syntheticName("cleanupFailure");
        w.line("if (" + frame.exitField() + " == " + Routing.THROW + ") {");
        w.line("    try {");
        w.line("        awaitResult();");
        w.line("    } catch (Throwable " + cleanup + ") {");
        w.line("        if (" + cleanup + " != " + frame.thrownField() + ") " + frame.thrownField() + ".addSuppressed(" + cleanup + ");");
        w.line("    }");
        w.line("} else {");
        w.line("    awaitResult(); // a failure of the producer's cleanup");
        w.line("}");
        finallyExits(frame, after);
        m.begin(after, "after the loop over the stream", t);
    }

    String thrownField() {
        if (thrownName == null) {
            thrownName = ctx.syntheticName("thrown");
        }
        return thrownName;
    }
}
