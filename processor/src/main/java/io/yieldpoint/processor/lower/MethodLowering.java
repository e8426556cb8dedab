package io.yieldpoint.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.analyze.Reachability;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Walks one coroutine body and writes the body of its {@code step()} method: a {@code switch} on
 * {@code label} inside a labeled {@code for (;;)}, one {@code case} per state.
 *
 * <h2>The lowering</h2>
 * <ul>
 *   <li>A statement without a yield point is copied as written (through the {@link Rewriter}), so
 *       loops and branches without one stay plain Java.</li>
 *   <li>{@code await(t)} ends a state with {@code if (suspendOn(t, next)) return SUSPENDED;} and the next
 *       state reads the result; if {@code t} had already completed, the machine falls through into
 *       the next state at once, without suspending ({@code await(yieldNow())} as a statement
 *       becomes {@code suspendYield(next)}, which needs no task on the coroutine's own loop).
 *       {@code emit(v)} ends a state with
 *       {@code emitValue(v, next); return;}.</li>
 *   <li>{@code if}, loops, {@code switch} and labeled statements around a yield point become states
 *       joined by jumps, {@code label = n; continue dispatch;}.</li>
 *   <li>A {@code try} around a yield point makes its blocks states with a handler: the
 *       {@code step()} loop catches what a state throws and, by {@code label}, continues at the
 *       catch clauses (which test the exception's type in order) or at the finally block. A
 *       finally block runs on every exit (see {@link Routing}).</li>
 *   <li>A lifted local's declaration becomes an assignment to its field.</li>
 * </ul>
 */
final class MethodLowering {

    private static final Map<String, String> PRIMITIVE_READERS = Map.of(
            "int", "awaitInt()", "long", "awaitLong()", "double", "awaitDouble()", "float", "awaitFloat()",
            "short", "awaitShort()", "byte", "awaitByte()", "char", "awaitChar()", "boolean", "awaitBoolean()");

    /** The runtime's helpers for generated code, by qualified name. */
    static final String SUPPORT = "io.yieldpoint.runtime.machine.MachineSupport";

    private final MethodContext ctx;
    private final Rewriter rewriter;
    private final StateWriter w;
    private final Routing routing;
    private final ExpressionLowering exprs;
    private final Deque<StateWriter.Handler> handlers = new ArrayDeque<>();
    private final List<LoweredMethod.Field> synthetic = new ArrayList<>();
    private boolean usesThrown;
    private boolean cleansUpOnClose;
    private @Nullable String thrownName;
    private int iterators;
    private int cursors;

    MethodLowering(MethodContext ctx) {
        this.ctx = ctx;
        this.rewriter = new Rewriter(ctx);
        this.w = new StateWriter(this::declareSnapshots, ctx.labelRef);
        this.routing = ctx.routing;
        this.exprs = new ExpressionLowering(ctx, rewriter, new ExpressionLowering.Steps() {
            @Override
            public int newState() {
                return w.newState();
            }

            @Override
            public void beginState(int id, String what, Tree origin) {
                begin(id, what, origin);
            }

            @Override
            public void line(String text) {
                w.line(text);
            }

            @Override
            public void jump(int target) {
                MethodLowering.this.jump(target);
            }

            @Override
            public void jumpUnless(String condition, int target) {
                MethodLowering.this.jumpUnless(condition, target);
            }

            @Override
            public void lowerStatement(TreePath statement) {
                lower(statement);
            }

            @Override
            public void jumpNowhere(@Nullable String last) {
                if (last != null) {
                    w.line(last);
                }
                w.reachable = false;
            }
        });
    }

    LoweredMethod run() {
        BlockTree body = ctx.method.tree().getBody();
        begin(w.newState(), "start of " + ctx.method.name() + "()", body);
        lower(new TreePath(ctx.method.path(), body));
        w.close();
        return new LoweredMethod(ctx.method, ctx.selfName, fields(), w.states(), stepBody(), cleansUpOnClose);
    }

    private String stepBody() {
        StringBuilder sw = new StringBuilder();
        String label = ctx.labelRef;
        sw.append(ctx.dispatchLabel).append(":\nfor (;;) {\n    switch (").append(label).append(") {\n");
        sw.append(indent(w.text(), 2));
        sw.append("        default:\n            throw new IllegalStateException(\"no state \" + ").append(label).append(");\n");
        sw.append("    }\n}\n");
        if (!w.hasHandlers()) {
            return w.finish(sw.toString());
        }
        String text = "for (;;) {\n    try {\n" + indent(sw.toString(), 2)
                + "    } catch (Throwable t) {\n"
                + "        // An exception goes to the catch clauses or the finally block around the state that threw it.\n"
                + "        switch (" + label + ") {\n" + indent(w.router(), 3)
                + "            default:\n                throw t;\n        }\n    }\n}\n";
        return w.finish(text);
    }

    private static String indent(String text, int levels) {
        String pad = "    ".repeat(levels);
        return text.lines().map(l -> l.isEmpty() ? l : pad + l).collect(Collectors.joining("\n", "", "\n"));
    }

    // ---------------------------------------------------------------- states

    private void begin(int id, String what, Tree origin) {
        w.begin(id, what + " (" + ctx.where(origin) + ")", currentHandler(), ctx.jumpedTo.contains(id));
    }

    /** {@code text} in parentheses, unless it is one parenthesized expression already. */
    private static String parenthesized(String text) {
        if (text.startsWith("(") && text.endsWith(")")) {
            int depth = 0;
            for (int i = 0; i < text.length(); i++) {
                depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
                if (depth == 0 && i < text.length() - 1) {
                    return "(" + text + ")";
                }
            }
            return text;
        }
        return "(" + text + ")";
    }

    private void jump(int target) {
        w.line(ctx.jump(target));
        w.reachable = false;
    }

    /** {@code if (!(condition)) { jump }}; {@code condition} comes parenthesized. */
    private void jumpUnless(String condition, int target) {
        w.line("if (!" + condition + ") {");
        w.indent();
        w.line(ctx.jump(target));
        w.outdent();
        w.line("}");
    }

    private void comment(Tree tree) {
        if (ctx.lineComments) {
            w.comment(ctx.lineComment(tree));
        }
    }

    private void declareSnapshots(StateWriter writer) {
        if (ctx.pendingSnapshots.isEmpty()) {
            return;
        }
        var snapshots = new ArrayList<>(ctx.pendingSnapshots.entrySet());
        ctx.pendingSnapshots.clear();
        for (var s : snapshots) {
            writer.line("final var " + s.getValue() + " = " + ctx.fieldNames.get(s.getKey()) + ";");
        }
    }

    // ---------------------------------------------------------------- statements

    private void lower(TreePath path) {
        if (!w.reachable) {
            return;
        }
        Tree s = path.getLeaf();
        if (!ctx.analysis.hasYield(s)) {
            copy(path);
            return;
        }
        switch (s.getKind()) {
            case BLOCK -> {
                for (StatementTree child : ((BlockTree) s).getStatements()) {
                    lower(new TreePath(path, child));
                }
            }
            case EXPRESSION_STATEMENT, VARIABLE -> yieldStatement(path);
            case RETURN -> lowerReturn(path, (ReturnTree) s);
            case YIELD -> {
                comment(s);
                YieldTree y = (YieldTree) s;
                MethodContext.SwitchResult target = ctx.switchResult(Rewriter.switchOf(path));
                w.line(target.field() + " = " + exprs.lower(new TreePath(path, y.getValue()), s) + ";");
                jump(target.end());
            }
            case THROW -> {
                comment(s);
                TreePath e = new TreePath(path, ((ThrowTree) s).getExpression());
                w.line("throw " + exprs.lower(e, s) + ";");
                w.reachable = false;
            }
            case IF -> lowerIf(path, (IfTree) s);
            case WHILE_LOOP -> lowerWhile(path, (WhileLoopTree) s);
            case DO_WHILE_LOOP -> lowerDoWhile(path, (DoWhileLoopTree) s);
            case FOR_LOOP -> lowerFor(path, (ForLoopTree) s);
            case ENHANCED_FOR_LOOP -> lowerForEach(path, (EnhancedForLoopTree) s);
            case LABELED_STATEMENT -> lowerLabeled(path, (LabeledStatementTree) s);
            case SWITCH -> lowerSwitch(path, (SwitchTree) s);
            case TRY -> lowerTry(path, (TryTree) s);
            default -> throw new IllegalStateException("the analysis let through a yield point in " + s.getKind());
        }
    }

    private void copy(TreePath path) {
        Tree s = path.getLeaf();
        comment(s);
        if (s instanceof VariableTree v) {
            copyVariable(path, v);
        } else if (s instanceof ReturnTree) {
            rewriter.returnCode(path).forEach(w::line);
        } else {
            w.lines(statementText(path));
        }
        w.reachable = Reachability.canCompleteNormally(s);
    }

    private String statementText(TreePath path) {
        String text = rewriter.rewrite(path).strip();
        return text.endsWith(";") || text.endsWith("}") ? text : text + ";";
    }

    private void copyVariable(TreePath path, VariableTree v) {
        LocalVar local = ctx.declared(v);
        ExpressionTree init = v.getInitializer();
        if (local.lifted()) {
            if (init != null) {
                w.line(ctx.fieldNames.get(local) + " = " + initializer(path, v, local) + ";");
            }
            return;
        }
        String declaration = modifiers(v) + declaredType(v, local) + " " + v.getName();
        w.line(init == null ? declaration + ";" : declaration + " = " + rewriter.rewrite(new TreePath(path, init)) + ";");
    }

    private String initializer(TreePath path, VariableTree v, LocalVar local) {
        String text = rewriter.rewrite(new TreePath(path, v.getInitializer()));
        if (v.getInitializer() instanceof NewArrayTree array && array.getType() == null) {
            // 'int[] a = {1, 2};' as an assignment needs the array type: 'a = new int[] {1, 2};'
            return "new " + ctx.analysis.fieldTypes().get(local) + " " + text;
        }
        return text;
    }

    private String modifiers(VariableTree v) {
        ModifiersTree m = v.getModifiers();
        long start = ctx.source.start(ctx.unit, m);
        long end = ctx.source.end(ctx.unit, m);
        // Implicit modifiers (a resource is final) have no text of their own.
        if ((m.getFlags().isEmpty() && m.getAnnotations().isEmpty()) || start < 0 || end <= start
                || (v.getType() != null && end > ctx.source.start(ctx.unit, v.getType()))) {
            return "";
        }
        return ctx.source.text(ctx.unit, m).strip() + " ";
    }

    private String declaredType(VariableTree v, LocalVar local) {
        String inferred = ctx.analysis.fieldTypes().get(local);
        if (inferred != null) {
            return inferred;
        }
        return v.getType() == null ? "var" : ctx.source.typeText(ctx.unit, v.getType());
    }

    // ---------------------------------------------------------------- yield points

    /**
     * A statement with yield points in its expression: the direct forms {@code await(t);},
     * {@code T x = await(t);}, {@code x = await(t);} and {@code emit(v);} read their value into its
     * target; any other expression goes through the {@link ExpressionLowering}.
     */
    private void yieldStatement(TreePath path) {
        Tree s = path.getLeaf();
        if (ctx.method.kind() == CoroutineKind.STREAM && streamEmitStatement(path)) {
            return;
        }
        if (!isDirectYield(s)) {
            comment(s);
            if (s instanceof VariableTree v) {
                LocalVar local = ctx.declared(v);
                String value = exprs.lower(new TreePath(path, v.getInitializer()), s);
                if (local.lifted() && v.getInitializer() instanceof NewArrayTree array && array.getType() == null) {
                    value = "new " + ctx.analysis.fieldTypes().get(local) + " " + value;
                }
                w.line(local.lifted() ? ctx.fieldNames.get(local) + " = " + value + ";"
                        : modifiers(v) + declaredType(v, local) + " " + v.getName() + " = " + value + ";");
            } else {
                ExpressionTree e = s instanceof ExpressionStatementTree es ? es.getExpression() : (ExpressionTree) s;
                TreePath exprPath = s instanceof ExpressionStatementTree ? new TreePath(path, e) : path;
                w.line(exprs.lower(exprPath, s) + ";");
            }
            return;
        }
        comment(s);
        String target;
        String targetType;
        TreePath callPath;
        if (s instanceof VariableTree v) {
            LocalVar local = ctx.declared(v);
            targetType = declaredType(v, local);
            target = local.lifted() ? ctx.fieldNames.get(local) + " = "
                    : modifiers(v) + targetType + " " + v.getName() + " = ";
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
            ctx.jumpedTo.add(resume);
            begin(resume, "after emit", s);
            if (currentHandler() != null || routing.depth() > 0) {
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
        begin(resume, "after await", s);
        String reader = targetType == null ? "awaitResult()" : PRIMITIVE_READERS.getOrDefault(targetType, "awaitResult()");
        w.line(target + reader + ";");
    }

    /**
     * {@code object}, an {@code Object}-typed read (an iterator's next value, a stream's current one),
     * as the loop variable's {@code type}: unboxed through {@code MachineSupport.toInt(...)} and the
     * like for a primitive (Java unboxes, then widens), cast otherwise.
     */
    private static String readAs(String type, String object) {
        return PRIMITIVE_READERS.containsKey(type)
                ? SUPPORT + ".to" + Character.toUpperCase(type.charAt(0)) + type.substring(1) + "(" + object + ")"
                : "(" + type + ") " + object;
    }

    /** Whether {@code s} is one of the direct forms whose value has a declared target type. */
    private boolean isDirectYield(Tree s) {
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

    private void lowerReturn(TreePath path, ReturnTree r) {
        comment(r);
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

    /** The text of a condition or selector, lowering its yield points first if it has any. */
    private String expression(TreePath path, Tree statement) {
        return ctx.analysis.hasYield(path.getLeaf()) ? exprs.lower(path, statement) : rewriter.rewrite(path);
    }

    // ---------------------------------------------------------------- branches and loops

    private void lowerIf(TreePath path, IfTree t) {
        comment(t);
        int elseState = t.getElseStatement() == null ? -1 : w.newState();
        int end = w.newState();
        jumpUnless(parenthesized(expression(new TreePath(path, t.getCondition()), t)), elseState >= 0 ? elseState : end);
        lower(new TreePath(path, t.getThenStatement()));
        if (elseState >= 0) {
            if (w.reachable) {
                jump(end);
            }
            begin(elseState, "else branch", t.getElseStatement());
            lower(new TreePath(path, t.getElseStatement()));
        }
        begin(end, "after if", t);
    }

    private void lowerWhile(TreePath path, WhileLoopTree t) {
        int head = w.newState();
        int exit = w.newState();
        begin(head, "head of while loop", t);
        comment(t);
        if (!Reachability.isTrue(t.getCondition())) {
            jumpUnless(parenthesized(expression(new TreePath(path, t.getCondition()), t)), exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, head, routing.depth()));
        lower(new TreePath(path, t.getStatement()));
        if (w.reachable) {
            jump(head);
        }
        begin(exit, "after while loop", t);
    }

    private void lowerDoWhile(TreePath path, DoWhileLoopTree t) {
        int head = w.newState();
        int condition = w.newState();
        int exit = w.newState();
        begin(head, "body of do/while loop", t);
        comment(t);
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, condition, routing.depth()));
        lower(new TreePath(path, t.getStatement()));
        begin(condition, "condition of do/while loop", t.getCondition());
        if (!w.reachable) {
            // the body never reaches its condition (it always breaks, returns or throws)
        } else if (Reachability.isTrue(t.getCondition())) {
            jump(head);
        } else {
            w.line("if " + parenthesized(expression(new TreePath(path, t.getCondition()), t)) + " {");
            w.indent();
            w.line(ctx.jump(head));
            w.outdent();
            w.line("}");
        }
        begin(exit, "after do/while loop", t);
    }

    private void lowerFor(TreePath path, ForLoopTree t) {
        comment(t);
        for (StatementTree init : t.getInitializer()) {
            lower(new TreePath(path, init));
        }
        int head = w.newState();
        int update = w.newState();
        int exit = w.newState();
        begin(head, "head of for loop", t);
        comment(t);
        if (t.getCondition() != null && !Reachability.isTrue(t.getCondition())) {
            jumpUnless("(" + expression(new TreePath(path, t.getCondition()), t) + ")", exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, update, routing.depth()));
        lower(new TreePath(path, t.getStatement()));
        begin(update, "update of for loop", t);
        for (ExpressionStatementTree u : w.reachable ? t.getUpdate() : List.<ExpressionStatementTree>of()) {
            TreePath updatePath = new TreePath(path, u);
            w.line(expression(new TreePath(updatePath, u.getExpression()), u) + ";");
        }
        if (w.reachable) {
            jump(head);
        }
        begin(exit, "after for loop", t);
    }

    /**
     * {@code for (T x : items)}: {@code MachineSupport.iterate(items)} picks, by overload, an
     * iterator over an {@code Iterable} or over an array, read lazily as the loop would.
     */
    private void lowerForEach(TreePath path, EnhancedForLoopTree t) {
        if (ctx.dsl.is(t.getExpression(), "each")) {
            lowerEach(path, t);
            return;
        }
        comment(t);
        iterators++;
        String iterator = ctx.syntheticName("iterator" + iterators);
        synthetic.add(new LoweredMethod.Field(iterator, "java.util.Iterator<?>", false, null, ctx.where(t), null,
                "The iterator of the for-each loop at " + ctx.where(t) + "."));
        w.line(iterator + " = " + SUPPORT + ".iterate(" + expression(new TreePath(path, t.getExpression()), t) + ");");
        int head = w.newState();
        int exit = w.newState();
        begin(head, "head of for-each loop", t);
        jumpUnless("(" + iterator + ".hasNext())", exit);
        LocalVar variable = ctx.declared(t.getVariable());
        String type = ctx.fieldType(variable);
        w.line(ctx.fieldNames.get(variable) + " = " + readAs(type, iterator + ".next()") + ";");
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, head, routing.depth()));
        lower(new TreePath(path, t.getStatement()));
        if (w.reachable) {
            jump(head);
        }
        begin(exit, "after for-each loop", t);
        if (w.reachable) {
            w.line(iterator + " = null;");
        }
    }

    // ---------------------------------------------------------------- async streams

    /**
     * {@code emit(v);} in an async stream, {@code v} awaiting or not (an async stream may write
     * {@code emit(await(next()));}): {@code v} is lowered in Java's order, then emitted. False if
     * the statement is no emit.
     */
    private boolean streamEmitStatement(TreePath path) {
        Tree s = path.getLeaf();
        boolean statement = s instanceof ExpressionStatementTree;
        Tree e = s instanceof ExpressionStatementTree es ? es.getExpression() : s;
        if (!ctx.dsl.is(e, "emit")) {
            return false;
        }
        comment(s);
        TreePath callPath = statement ? new TreePath(path, e) : path;
        MethodInvocationTree call = (MethodInvocationTree) e;
        String argument = expression(new TreePath(callPath, call.getArguments().get(0)), s);
        streamEmit(argument, w.newState(), s);
        return true;
    }

    /**
     * {@code emit(v);} in an async stream: {@code emitValue} hands the value to the consumer and
     * suspends until it asks for the next one; the resumed state reads the outcome, which throws
     * the close signal at the emit if the consumer closed the stream instead.
     */
    private void streamEmit(String argument, int resume, Tree statement) {
        w.line("if (emitValue(" + argument + ", " + StateWriter.ref(resume) + ")) return " + ctx.suspendedRef + ";");
        begin(resume, "after emit", statement);
        w.line("awaitResult(); // the consumer asked for more, or closed the stream: then its signal is thrown here");
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
    private void lowerEach(TreePath path, EnhancedForLoopTree t) {
        comment(t);
        cursors++;
        String cursor = ctx.syntheticName("cursor" + cursors);
        synthetic.add(new LoweredMethod.Field(cursor, "io.yieldpoint.AsyncStream.Cursor<?>", false, null, ctx.where(t), null,
                "The cursor of the async stream that the for-each loop at " + ctx.where(t) + " reads."));
        MethodInvocationTree each = (MethodInvocationTree) t.getExpression();
        TreePath eachPath = new TreePath(path, each);
        String stream = expression(new TreePath(eachPath, each.getArguments().get(0)), t);
        w.line(cursor + " = " + SUPPORT + ".open(" + stream + ");");
        if (!w.reachable) {
            return;
        }
        Routing.Frame frame = routing.push(w.newState());
        int after = w.newState();
        int head = w.newState();
        int value = w.newState();
        int done = w.newState();
        ctx.jumpedTo.add(frame.entry);
        push(new StateWriter.Handler(frame.exitField() + " = " + Routing.THROW + "; " + frame.thrownField() + " = t;", frame.entry));
        begin(head, "await the next value of the stream", t);
        w.line("if (" + ctx.suspendCall() + "(" + cursor + ".next(), " + StateWriter.ref(value) + ")) return " + ctx.suspendedRef + ";");
        begin(value, "a value of the stream, or its end", t);
        jumpUnless("(awaitBoolean())", done);
        LocalVar variable = ctx.declared(t.getVariable());
        String type = ctx.fieldType(variable);
        w.line(ctx.fieldNames.get(variable) + " = " + readAs(type, cursor + ".current()") + ";");
        ctx.loweredLoops.put(t, new MethodContext.Jump(done, head, routing.depth()));
        lower(new TreePath(path, t.getStatement()));
        if (w.reachable) {
            jump(head);
        }
        begin(done, "end of the loop over the stream", t);
        w.line(frame.exitField() + " = " + Routing.NORMAL + "; " + ctx.jump(frame.entry));
        w.reachable = false;
        pop();
        routing.pop();
        begin(frame.entry, "close the stream (every way out of the loop)", t);
        int closed = w.newState();
        w.line("if (" + ctx.suspendCall() + "(" + SUPPORT + ".close(" + cursor + "), " + StateWriter.ref(closed) + ")) return " + ctx.suspendedRef + ";");
        begin(closed, "the stream's producer has ended", t);
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
        begin(after, "after the loop over the stream", t);
    }

    /** A labeled loop is lowered as the loop (jumps find it through the label); a labeled block gets an exit. */
    private void lowerLabeled(TreePath path, LabeledStatementTree t) {
        TreePath inner = new TreePath(path, t.getStatement());
        switch (t.getStatement().getKind()) {
            case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP, SWITCH -> lower(inner);
            default -> {
                int exit = w.newState();
                ctx.loweredLoops.put(t.getStatement(), new MethodContext.Jump(exit, -1, routing.depth()));
                lower(inner);
                begin(exit, "after labeled statement " + t.getLabel(), t);
            }
        }
    }

    /**
     * A switch statement: a Java switch on the same selector jumps to the state of the matching case;
     * classic cases fall through from state to state, arrow cases jump to the end.
     */
    private void lowerSwitch(TreePath path, SwitchTree t) {
        comment(t);
        int exit = w.newState();
        List<? extends CaseTree> cases = t.getCases();
        List<Integer> bodies = new ArrayList<>();
        List<Boolean> isDefault = new ArrayList<>();
        boolean exhaustive = false;
        String selector = expression(new TreePath(path, t.getExpression()), t);
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
            w.line("    " + ctx.jump(body));
        }
        w.outdent();
        w.line("}");
        if (!exhaustive) {
            jump(exit);
        } else {
            w.reachable = false;
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, -1, routing.depth()));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            TreePath casePath = new TreePath(path, c);
            begin(bodies.get(i), isDefault.get(i) ? "default" : "case", c);
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = c.getBody();
                if (body instanceof StatementTree) {
                    lower(new TreePath(casePath, body));
                } else if (ctx.analysis.hasYield(body)) {
                    yieldStatement(new TreePath(casePath, body));
                } else {
                    comment(body);
                    w.line(rewriter.rewrite(new TreePath(casePath, body)) + ";");
                }
                if (w.reachable) {
                    jump(exit);
                }
            } else {
                for (StatementTree s : c.getStatements()) {
                    lower(new TreePath(casePath, s));
                }
            }
        }
        begin(exit, "after switch", t);
    }

    // ---------------------------------------------------------------- try

    private void lowerTry(TreePath path, TryTree t) {
        comment(t);
        StateWriter.Handler outer = currentHandler();
        boolean hasCatches = !t.getCatches().isEmpty();
        Routing.Frame frame = t.getFinallyBlock() == null ? null : routing.push(w.newState());
        int after = w.newState();
        int catchDispatch = hasCatches ? w.newState() : -1;
        StateWriter.Handler protectedHandler = frame == null ? outer : new StateWriter.Handler(
                frame.exitField() + " = " + Routing.THROW + "; " + frame.thrownField() + " = t;", frame.entry);
        StateWriter.Handler tryHandler = hasCatches
                ? new StateWriter.Handler(thrownField() + " = t;", catchDispatch) : protectedHandler;
        if (hasCatches) {
            usesThrown = true;
            ctx.jumpedTo.add(catchDispatch); // entered from the exception router
        }
        if (frame != null) {
            ctx.jumpedTo.add(frame.entry);
        }

        push(tryHandler);
        begin(w.newState(), "try block", t.getBlock());
        lowerResources(path, t, 0);
        pop();
        leaveProtected(frame, after);

        push(protectedHandler);
        if (hasCatches) {
            begin(catchDispatch, "catch clauses", t);
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
                w.line("if (" + test + ") {");
                w.indent();
                w.line(ctx.fieldNames.get(parameter) + " = (" + ctx.analysis.fieldTypes().get(parameter) + ") " + caught + ";");
                w.line(caught + " = null;");
                w.line(ctx.jump(body));
                w.outdent();
                w.line("}");
            }
            w.line("throw " + caught + ";");
            w.reachable = false;
            for (int i = 0; i < bodies.size(); i++) {
                CatchTree c = t.getCatches().get(i);
                begin(bodies.get(i), "catch " + ctx.source.text(ctx.unit, c.getParameter().getType()), c);
                lower(new TreePath(new TreePath(path, c), c.getBlock()));
                leaveProtected(frame, after);
            }
        }
        pop();

        if (frame != null) {
            routing.pop();
            begin(frame.entry, "finally block", t.getFinallyBlock());
            ctx.finallyDepth++;
            lower(new TreePath(path, t.getFinallyBlock()));
            ctx.finallyDepth--;
            if (w.reachable) {
                finallyExits(frame, after);
            }
        }
        begin(after, "after try", t);
    }

    /**
     * The resources of a try-with-resources from {@code index} on, then its block (JLS 14.20.3.1):
     * each resource is a protected region whose cleanup closes it, with a failure of close()
     * added as suppressed to an exception already on its way out.
     */
    private void lowerResources(TreePath path, TryTree t, int index) {
        if (index == t.getResources().size()) {
            lower(new TreePath(path, t.getBlock()));
            return;
        }
        Tree resource = t.getResources().get(index);
        TreePath resourcePath = new TreePath(path, resource);
        String name;
        if (resource instanceof VariableTree v) {
            lower(resourcePath);
            LocalVar local = ctx.declared(v);
            name = local.lifted() ? ctx.fieldNames.get(local) : v.getName().toString();
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
        ctx.jumpedTo.add(frame.entry);
        push(new StateWriter.Handler(frame.exitField() + " = " + Routing.THROW + "; " + frame.thrownField() + " = t;", frame.entry));
        begin(w.newState(), "body of try-with-resources, " + name + " open", resource);
        lowerResources(path, t, index + 1);
        pop();
        leaveProtected(frame, after);
        routing.pop();
        begin(frame.entry, "close " + name, resource);
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
        begin(after, "after closing " + name, resource);
    }

    /** "No handler: exceptions leave step()" on the handler stack, which holds no nulls. */
    private static final StateWriter.Handler NONE = new StateWriter.Handler("", -1);

    private void push(StateWriter.@Nullable Handler handler) {
        handlers.push(handler == null ? NONE : handler);
    }

    private void pop() {
        handlers.pop();
    }

    private StateWriter.@Nullable Handler currentHandler() {
        StateWriter.Handler h = handlers.peek();
        return NONE.equals(h) ? null : h;
    }

    /** The normal end of a try or catch block: through the finally block, if any, to {@code after}. */
    private void leaveProtected(Routing.@Nullable Frame frame, int after) {
        if (!w.reachable) {
            return;
        }
        if (frame == null) {
            jump(after);
        } else {
            w.line(frame.exitField() + " = " + Routing.NORMAL + "; " + ctx.jump(frame.entry));
            w.reachable = false;
        }
    }

    /** The end of a finally block: do what was pending when it started. */
    private void finallyExits(Routing.Frame frame, int after) {
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
            w.line("    " + routing.jumpTo(target, frame.jumpDepth(target)));
            w.line("}");
        });
        jump(after);
    }

    // ---------------------------------------------------------------- output

    private List<LoweredMethod.Field> fields() {
        List<LoweredMethod.Field> fields = new ArrayList<>();
        for (LocalVar v : ctx.analysis.variables()) {
            if (v.lifted()) {
                String copy = v.parameter() && v.assigned() && ctx.method.kind().emits()
                        ? ctx.syntheticName(ctx.fieldName(v) + "Argument") : null;
                fields.add(new LoweredMethod.Field(ctx.fieldName(v), ctx.fieldType(v),
                        v.parameter(), copy, ctx.where(v.declaration()), ctx.analysis.inferredTypes().get(v), null));
            }
        }
        fields.addAll(synthetic);
        for (String spill : exprs.spillFields()) {
            fields.add(syntheticField(spill, "Object", "A value computed before a suspension and used after it."));
        }
        for (String condition : exprs.conditionFields()) {
            fields.add(syntheticField(condition, "boolean", "The value of a && or || with a yield point on its right."));
        }
        if (usesThrown) {
            fields.add(syntheticField(thrownField(), "Throwable", "The exception on its way to the catch clauses."));
        }
        for (Routing.Frame f : routing.frames()) {
            fields.add(syntheticField(f.exitField(), "int", "What to do after finally block " + f.index
                    + ": 0 go on, -1 rethrow, 1 return, 2 and up jump."));
            fields.add(syntheticField(f.thrownField(), "Throwable", "The exception finally block " + f.index + " rethrows."));
        }
        if (routing.usesReturning && ctx.method.kind() == CoroutineKind.TASK) {
            fields.add(syntheticField(routing.returningField(), "Object",
                    "The value (or task) a return completes with once the finally blocks have run."));
            fields.add(syntheticField(routing.returningTaskField(), "boolean", "Whether the pending return is a task to complete as."));
        }
        return fields;
    }

    private String thrownField() {
        if (thrownName == null) {
            thrownName = ctx.syntheticName("thrown");
        }
        return thrownName;
    }

    private LoweredMethod.Field syntheticField(String name, String type, String doc) {
        return new LoweredMethod.Field(name, type, false, null, "", null, doc);
    }
}
