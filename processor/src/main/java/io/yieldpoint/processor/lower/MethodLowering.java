package io.yieldpoint.processor.lower;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks one coroutine body and writes the body of its {@code step()} method: a {@code switch} on
 * {@code label} inside a labeled {@code for (;;)}, one {@code case} per state.
 *
 * <h2>The lowering</h2>
 * <ul>
 *   <li>A statement without a yield point is copied as written (through the {@link Rewriter}), so
 *       loops and branches without one stay plain Java.</li>
 *   <li>{@code await(t)} ends a state with {@code if (suspendOn(t, next)) return;} and the next
 *       state reads the result; if {@code t} had already completed, the machine falls through into
 *       the next state at once, without suspending.</li>
 *   <li>{@code emit(v)} ends a state with {@code emitValue(v, next); return;}.</li>
 *   <li>{@code if}, {@code while} and {@code for} around a yield point become states joined by
 *       jumps, {@code label = n; continue dispatch;}.</li>
 *   <li>A lifted local's declaration becomes an assignment to its field.</li>
 * </ul>
 *
 * <p>States are numbered in the order they appear in the output: jumps to a state not yet
 * written use a placeholder, resolved at the end.
 */
final class MethodLowering {

    private static final Map<String, String> PRIMITIVE_READERS = Map.of(
            "int", "awaitInt()", "long", "awaitLong()", "double", "awaitDouble()", "float", "awaitFloat()",
            "short", "awaitShort()", "byte", "awaitByte()", "char", "awaitChar()", "boolean", "awaitBoolean()");

    private static final Pattern PLACEHOLDER = Pattern.compile("\u0000(\\d+)\u0000");

    private final MethodContext ctx;
    private final Rewriter rewriter;
    private final StringBuilder out = new StringBuilder();
    private final List<LoweredMethod.State> states = new ArrayList<>();
    private final Map<Integer, Integer> labelOf = new HashMap<>();
    private int indent;
    private int nextId;
    private boolean reachable = true;
    private boolean stateOpen;
    private boolean stateHasCode;
    private String lastLine = "";

    MethodLowering(MethodContext ctx) {
        this.ctx = ctx;
        this.rewriter = new Rewriter(ctx);
    }

    LoweredMethod run() {
        BlockTree body = ctx.method.tree().getBody();
        line(ctx.dispatchLabel + ":");
        line("for (;;) {");
        indent++;
        line("switch (label) {");
        indent++;
        beginState(newState(), "start of " + ctx.method.name() + "()", body);
        lower(new TreePath(ctx.method.path(), body));
        closeState();
        line("default:");
        line("    throw new IllegalStateException(\"no state \" + label);");
        indent--;
        line("}");
        indent--;
        line("}");
        return new LoweredMethod(ctx.method, ctx.selfName, fields(), states, resolvePlaceholders(out.toString()));
    }

    // ---------------------------------------------------------------- statements

    private void lower(TreePath path) {
        if (!reachable) {
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
            case IF -> lowerIf(path, (IfTree) s);
            case WHILE_LOOP -> lowerWhile(path, (WhileLoopTree) s);
            case FOR_LOOP -> lowerFor(path, (ForLoopTree) s);
            default -> throw new IllegalStateException("the analysis let through a yield point in " + s.getKind());
        }
    }

    private void copy(TreePath path) {
        Tree s = path.getLeaf();
        comment(s);
        if (s instanceof VariableTree v) {
            copyVariable(path, v);
        } else if (s.getKind() == Tree.Kind.RETURN) {
            rewriter.returnStatements(path).forEach(this::line);
        } else {
            lines(statementText(path));
        }
        reachable = Reachability.canCompleteNormally(s);
    }

    private String statementText(TreePath path) {
        String text = rewriter.rewrite(path).strip();
        return text.endsWith(";") || text.endsWith("}") ? text : text + ";";
    }

    private void copyVariable(TreePath path, VariableTree v) {
        LocalVar local = ctx.analysis.declarations().get(v);
        ExpressionTree init = v.getInitializer();
        if (local.lifted()) {
            if (init != null) {
                line(ctx.fieldNames.get(local) + " = " + initializer(path, v, local) + ";");
            }
            return;
        }
        String declaration = modifiers(v) + declaredType(v, local) + " " + v.getName();
        line(init == null ? declaration + ";" : declaration + " = " + rewriter.rewrite(new TreePath(path, init)) + ";");
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
        if (m.getFlags().isEmpty() && m.getAnnotations().isEmpty()) {
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

    /** {@code await(t);}, {@code T x = await(t);}, {@code x = await(t);} or {@code emit(v);}. */
    private void yieldStatement(TreePath path) {
        Tree s = path.getLeaf();
        comment(s);
        String target;
        String targetType;
        TreePath callPath;
        if (s instanceof VariableTree v) {
            LocalVar local = ctx.analysis.declarations().get(v);
            targetType = declaredType(v, local);
            target = local.lifted() ? ctx.fieldNames.get(local) + " = "
                    : modifiers(v) + targetType + " " + v.getName() + " = ";
            callPath = new TreePath(path, v.getInitializer());
        } else {
            ExpressionTree e = ((ExpressionStatementTree) s).getExpression();
            TreePath exprPath = new TreePath(path, e);
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
        int resume = newState();
        if (ctx.dsl.is(call, "emit")) {
            line("emitValue(" + argument + ", " + ref(resume) + ");");
            line("return;");
            beginState(resume, "after emit", s);
            return;
        }
        line("if (suspendOn(" + argument + ", " + ref(resume) + ")) return;");
        beginState(resume, "after await", s);
        String reader = targetType == null ? "awaitResult()" : PRIMITIVE_READERS.getOrDefault(targetType, "awaitResult()");
        line(target + reader + ";");
    }

    // ---------------------------------------------------------------- control flow

    private void lowerIf(TreePath path, IfTree t) {
        comment(t);
        int elseState = t.getElseStatement() == null ? -1 : newState();
        int end = newState();
        String condition = rewriter.rewrite(new TreePath(path, t.getCondition()));
        jumpUnless(condition, elseState >= 0 ? elseState : end);
        lower(new TreePath(path, t.getThenStatement()));
        if (elseState >= 0) {
            if (reachable) {
                jump(end);
            }
            beginState(elseState, "else branch", t.getElseStatement());
            lower(new TreePath(path, t.getElseStatement()));
        }
        beginState(end, "after if", t);
    }

    private void lowerWhile(TreePath path, WhileLoopTree t) {
        int head = newState();
        int exit = newState();
        beginState(head, "head of while loop", t);
        comment(t);
        if (!Reachability.isTrue(t.getCondition())) {
            jumpUnless(rewriter.rewrite(new TreePath(path, t.getCondition())), exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, head));
        lower(new TreePath(path, t.getStatement()));
        if (reachable) {
            jump(head);
        }
        beginState(exit, "after while loop", t);
    }

    private void lowerFor(TreePath path, ForLoopTree t) {
        comment(t);
        for (StatementTree init : t.getInitializer()) {
            lower(new TreePath(path, init));
        }
        int head = newState();
        int update = newState();
        int exit = newState();
        beginState(head, "head of for loop", t);
        comment(t);
        if (t.getCondition() != null && !Reachability.isTrue(t.getCondition())) {
            jumpUnless("(" + rewriter.rewrite(new TreePath(path, t.getCondition())) + ")", exit);
        }
        ctx.loweredLoops.put(t, new MethodContext.Jump(exit, update));
        lower(new TreePath(path, t.getStatement()));
        beginState(update, "update of for loop", t);
        for (ExpressionStatementTree u : t.getUpdate()) {
            TreePath updatePath = new TreePath(path, u);
            line(rewriter.rewrite(new TreePath(updatePath, u.getExpression())) + ";");
        }
        if (reachable) {
            jump(head);
        }
        beginState(exit, "after for loop", t);
    }

    /** {@code if (!(condition)) { jump }}; {@code condition} comes parenthesized. */
    private void jumpUnless(String condition, int target) {
        line("if (!" + condition + ") {");
        indent++;
        line(ctx.jump(target));
        indent--;
        line("}");
    }

    private void jump(int target) {
        line(ctx.jump(target));
        reachable = false;
    }

    // ---------------------------------------------------------------- states

    private int newState() {
        return nextId++;
    }

    /** Closes the current state and opens {@code id}, entered by falling through or by a jump. */
    private void beginState(int id, String what, Tree origin) {
        reachable = reachable || ctx.jumpedTo.contains(id);
        if (!reachable) {
            return;
        }
        if (stateOpen && !stateHasCode) {
            // Nothing happens in the open state: it can be this state too.
            int current = states.size() - 1;
            labelOf.put(id, current);
            LoweredMethod.State s = states.get(current);
            states.set(current, new LoweredMethod.State(current, s.description() + ", " + what + " (" + ctx.where(origin) + ")"));
            return;
        }
        closeState();
        int label = states.size();
        labelOf.put(id, label);
        states.add(new LoweredMethod.State(label, what + " (" + ctx.where(origin) + ")"));
        line("case " + label + ": {");
        indent++;
        stateOpen = true;
        stateHasCode = false;
    }

    private void closeState() {
        if (stateOpen) {
            indent--;
            line("}");
            stateOpen = false;
        }
    }

    /** A placeholder for the label of state {@code id}, resolved once every state is numbered. */
    static String ref(int id) {
        return "\u0000" + id + "\u0000";
    }

    private String resolvePlaceholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Integer label = labelOf.get(Integer.parseInt(m.group(1)));
            if (label == null) {
                throw new IllegalStateException("a jump to a state that was never written");
            }
            m.appendReplacement(sb, String.valueOf(label));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---------------------------------------------------------------- output

    private void comment(Tree tree) {
        String comment = ctx.lineComment(tree);
        if (!comment.equals(lastLine)) {
            line(comment);
        }
    }

    private void line(String text) {
        if (!ctx.pendingSnapshots.isEmpty()) {
            var snapshots = new java.util.ArrayList<>(ctx.pendingSnapshots.entrySet());
            ctx.pendingSnapshots.clear();
            for (var s : snapshots) {
                line("final var " + s.getValue() + " = " + ctx.fieldNames.get(s.getKey()) + ";");
            }
        }
        lastLine = text;
        if (!text.startsWith("//")) {
            stateHasCode = true;
        }
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void lines(String text) {
        for (String l : text.split("\n", -1)) {
            line(l);
        }
    }

    private List<LoweredMethod.Field> fields() {
        List<LoweredMethod.Field> fields = new ArrayList<>();
        for (LocalVar v : ctx.analysis.variables()) {
            if (v.lifted()) {
                fields.add(new LoweredMethod.Field(ctx.fieldNames.get(v), ctx.analysis.fieldTypes().get(v),
                        v.parameter(), v.assigned(), ctx.where(v.declaration()), ctx.analysis.inferredTypes().get(v)));
            }
        }
        return fields;
    }
}
