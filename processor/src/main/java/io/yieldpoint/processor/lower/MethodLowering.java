package io.yieldpoint.processor.lower;

import com.sun.source.tree.ClassTree;
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
 * Walks one coroutine body and builds its {@link StateGraph} (through the {@link StateWriter}),
 * which {@link StateGraphPasses} simplify and {@link StateGraphPrinter} writes as the body of
 * {@code step()}: a {@code switch} on {@code label} inside a labeled {@code for (;;)}, one
 * {@code case} per state. This class walks statements, copies those without a yield point, keeps
 * the stack of exception handlers and lists the machine's fields; statements with a yield point go
 * to the part for their kind: {@link YieldPointLowering}, {@link LoopLowering},
 * {@link BranchLowering}, {@link TryLowering}, and {@link ExpressionLowering} for yield points
 * inside expressions.
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

    /** The runtime's helpers for generated code, by qualified name. */
    static final String SUPPORT = "io.yieldpoint.runtime.machine.MachineSupport";

    final MethodContext ctx;
    final Rewriter rewriter;
    final StateWriter w;
    final Routing routing;
    final ExpressionLowering exprs;
    /** Fields of the machine's own that the lowering of a statement adds (an iterator, a cursor). */
    final List<LoweredMethod.Field> synthetic = new ArrayList<>();
    private final Deque<StateGraph.Handler> handlers = new ArrayDeque<>();
    final LoopLowering loops;
    private final BranchLowering branches;
    final TryLowering tries;
    private final YieldPointLowering yields;

    MethodLowering(MethodContext ctx) {
        this.ctx = ctx;
        this.rewriter = new Rewriter(ctx);
        this.w = new StateWriter(this::declareSnapshots, ctx.jumpedTo);
        this.routing = ctx.routing;
        this.exprs = new ExpressionLowering(ctx, rewriter, w, new ExpressionLowering.Steps() {
            @Override
            public void beginState(int id, String what, Tree origin) {
                begin(id, what, origin);
            }

            @Override
            public void lowerStatement(TreePath statement) {
                lower(statement);
            }
        });
        this.loops = new LoopLowering(this);
        this.branches = new BranchLowering(this);
        this.tries = new TryLowering(this);
        this.yields = new YieldPointLowering(this);
    }

    LoweredMethod run() {
        BlockTree body = ctx.method.tree().getBody();
        begin(w.newState(), "start of " + ctx.method.name() + "()", body);
        lower(new TreePath(ctx.method.path(), body));
        w.close();
        StateGraph graph = w.graph();
        StateGraphPasses.simplify(graph);
        StateGraphPrinter printer = new StateGraphPrinter(graph, ctx.labelRef, ctx.dispatchLabel);
        return new LoweredMethod(ctx.method, ctx.selfName, ctx.usesSelf, fields(), printer.states(), printer.stepBody(),
                yields.cleansUpOnClose, nestedTypes());
    }

    /** The source text of the local types the machine declares, each with where it came from. */
    private List<LoweredMethod.NestedType> nestedTypes() {
        List<LoweredMethod.NestedType> out = new ArrayList<>();
        for (ClassTree t : ctx.analysis.hoistedTypes()) {
            out.add(new LoweredMethod.NestedType(t.getSimpleName().toString(),
                    t.getKind().name().toLowerCase(java.util.Locale.ROOT), ctx.where(t),
                    ctx.source.text(ctx.method.path().getCompilationUnit(), t)));
        }
        return out;
    }

    // ---------------------------------------------------------------- states

    void begin(int id, String what, Tree origin) {
        w.begin(id, what + " (" + ctx.where(origin) + ")", currentHandler());
    }

    /** {@code text} in parentheses, unless it is one parenthesized expression already. */
    static String parenthesized(String text) {
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

    /** Jumps to {@code target}: the point after it cannot be reached. */
    void jump(int target) {
        w.jump(target);
    }

    /** A jump to {@code target} where the point after it may still be reached (inside a branch). */
    void jumpOp(int target) {
        w.jumpInBranch(target);
    }

    /** {@code if (!(condition)) { jump }}; {@code condition} comes parenthesized. */
    void jumpUnless(String condition, int target) {
        w.branch("!" + condition, target);
    }

    /** {@code exit = code;} then the jump to {@code route}'s target. */
    void route(Routing.Route route) {
        if (route.store() != null) {
            w.store(route.store());
        }
        jumpOp(route.target());
    }

    void comment(Tree tree) {
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

    void lower(TreePath path) {
        if (!w.reachable) {
            return;
        }
        Tree s = path.getLeaf();
        if (ctx.analysis.isHoisted(s)) {
            return; // a local record, enum or interface: the machine declares it (see BodyAnalysis)
        }
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
            case EXPRESSION_STATEMENT, VARIABLE -> yields.yieldStatement(path);
            case RETURN -> yields.lowerReturn(path, (ReturnTree) s);
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
            case IF -> branches.lowerIf(path, (IfTree) s);
            case WHILE_LOOP -> loops.lowerWhile(path, (WhileLoopTree) s);
            case DO_WHILE_LOOP -> loops.lowerDoWhile(path, (DoWhileLoopTree) s);
            case FOR_LOOP -> loops.lowerFor(path, (ForLoopTree) s);
            case ENHANCED_FOR_LOOP -> loops.lowerForEach(path, (EnhancedForLoopTree) s);
            case LABELED_STATEMENT -> loops.lowerLabeled(path, (LabeledStatementTree) s);
            case SWITCH -> branches.lowerSwitch(path, (SwitchTree) s);
            case TRY -> tries.lowerTry(path, (TryTree) s);
            default -> throw new IllegalStateException("the analysis let through a yield point in " + s.getKind());
        }
    }

    /** The name of a declared variable as Java writes it: {@code _} for an unnamed one (javac's tree says ""). */
    static String nameOf(VariableTree v) {
        return v.getName().isEmpty() ? "_" : v.getName().toString();
    }

    void copy(TreePath path) {
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
        String declaration = modifiers(v) + declaredType(v, local) + " " + nameOf(v);
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

    String modifiers(VariableTree v) {
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

    String declaredType(VariableTree v, LocalVar local) {
        String inferred = ctx.analysis.fieldTypes().get(local);
        if (inferred != null) {
            return inferred;
        }
        return v.getType() == null ? "var" : ctx.source.typeText(ctx.unit, v.getType());
    }

    // ---------------------------------------------------------------- yield points




    /** A statement with a yield point in its expression (see {@link YieldPointLowering}). */
    void yieldStatement(TreePath path) {
        yields.yieldStatement(path);
    }

    /** The text of a condition or selector, lowering its yield points first if it has any. */
    String expression(TreePath path, Tree statement) {
        return ctx.analysis.hasYield(path.getLeaf()) ? exprs.lower(path, statement) : rewriter.rewrite(path);
    }

    // ---------------------------------------------------------------- branches and loops






    // ---------------------------------------------------------------- async streams






    // ---------------------------------------------------------------- try



    /** "No handler: exceptions leave step()" on the handler stack, which holds no nulls. */
    private static final StateGraph.Handler NONE = new StateGraph.Handler("", -1);

    void push(StateGraph.@Nullable Handler handler) {
        handlers.push(handler == null ? NONE : handler);
    }

    void pop() {
        handlers.pop();
    }

    StateGraph.@Nullable Handler currentHandler() {
        StateGraph.Handler h = handlers.peek();
        return NONE.equals(h) ? null : h;
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
        if (tries.usesThrown) {
            fields.add(syntheticField(tries.thrownField(), "Throwable", "The exception on its way to the catch clauses."));
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


    private LoweredMethod.Field syntheticField(String name, String type, String doc) {
        return new LoweredMethod.Field(name, type, false, null, "", null, doc);
    }
}
