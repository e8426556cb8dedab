package io.yieldpoint.processor.lower;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.model.LocalVar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lowers an expression with yield points inside it, keeping Java's evaluation order: operands are
 * evaluated left to right, each {@code await} suspends where it stands, and {@code &&}, {@code ||}
 * and {@code ?:} skip what Java skips.
 *
 * <h2>Spilling</h2>
 * An operand evaluated before a suspension and used after it (the {@code b()} of
 * {@code f(b(), await(t))}) is computed before the suspension and kept in a field
 * ({@code spill1 = b();}). Operands whose value cannot change meanwhile (literals, {@code this},
 * locals the statement does not assign, names of types and constants, lambdas) are not kept: they are
 * simply read after. The processor does not know the type of what it keeps (bodies are not typed
 * yet), so the field is an {@code Object} and the use reads {@code typed(spill1, () -> b())}: the
 * never-run lambda lets javac give the read the static type of {@code b()}.
 *
 * <h2>Text</h2>
 * The result is the expression's own source text with the lowered parts replaced (through the
 * {@link Rewriter}): an {@code await} by the read of its result, a spilled operand by the read of
 * its field.
 */
final class ExpressionLowering {

    /**
     * What the expression needs from the statement lowering: opening a state (which takes the
     * handler of the statement's place), and lowering a statement (an arm of a switch expression).
     */
    interface Steps {
        void beginState(int id, String what, Tree origin);

        void lowerStatement(TreePath statement);
    }

    /** An operand already evaluated (in Java's order) whose value is used later. */
    private static final class Operand {
        final TreePath path;
        final boolean stable;
        boolean spilled;

        Operand(TreePath path, boolean stable) {
            this.path = path;
            this.stable = stable;
        }
    }

    private final MethodContext ctx;
    private final Rewriter rewriter;
    private final StateWriter w;
    private final Steps steps;
    private final KnownTypes knownTypes;
    private final List<Operand> pending = new ArrayList<>();
    private final IdentityHashMap<Tree, String> replacements = new IdentityHashMap<>();
    private final List<String> spillFields = new ArrayList<>();
    private final List<String> conditionFields = new ArrayList<>();
    private int spillsUsed;
    private int conditionsUsed;
    /** The statement whose expression is being lowered: set while {@link #lower} runs. */
    private @Nullable Tree statement;

    ExpressionLowering(MethodContext ctx, Rewriter rewriter, StateWriter w, Steps steps) {
        this.ctx = ctx;
        this.rewriter = rewriter;
        this.w = w;
        this.steps = steps;
        this.knownTypes = new KnownTypes(ctx);
    }

    /**
     * Emits the states that evaluate the yield points of the expression at {@code path}, part of
     * {@code statement}, and returns the text that completes its evaluation.
     */
    String lower(TreePath path, Tree statement) {
        if (this.statement != null) {
            return nested(path, statement);
        }
        this.statement = statement;
        pending.clear();
        replacements.clear();
        spillsUsed = 0;
        conditionsUsed = 0;
        try {
            eval(path);
            return text(path);
        } finally {
            this.statement = null;
        }
    }

    private Tree statement() {
        return Objects.requireNonNull(statement, "lower() sets the statement");
    }

    /**
     * A statement lowered while an expression is (an arm of a switch expression): its operands
     * are its own, and the fields it keeps values in come after those the expression still uses.
     */
    private String nested(TreePath path, Tree inner) {
        Tree outerStatement = statement;
        List<Operand> outerPending = new ArrayList<>(pending);
        IdentityHashMap<Tree, String> outerReplacements = new IdentityHashMap<>(replacements);
        pending.clear();
        statement = inner;
        try {
            eval(path);
            return text(path);
        } finally {
            statement = outerStatement;
            pending.clear();
            pending.addAll(outerPending);
            replacements.clear();
            replacements.putAll(outerReplacements);
        }
    }

    /** The Object fields used to keep values, for the machine's declaration. */
    List<String> spillFields() {
        return spillFields;
    }

    /** The boolean fields used by {@code &&} and {@code ||}. */
    List<String> conditionFields() {
        return conditionFields;
    }

    // ---------------------------------------------------------------- evaluation in Java's order

    private void eval(TreePath path) {
        Tree e = path.getLeaf();
        if (!ctx.analysis.hasYield(e)) {
            pending.add(new Operand(path, isStable(e)));
            return;
        }
        if (ctx.dsl.is(e, "await")) {
            await(path, (MethodInvocationTree) e);
            return;
        }
        if (e instanceof CompoundAssignmentTree compound) {
            compoundAssignment(path, compound);
            return;
        }
        switch (e.getKind()) {
            case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit(path, (BinaryTree) e);
            case CONDITIONAL_EXPRESSION -> conditional(path, (ConditionalExpressionTree) e);
            case SWITCH_EXPRESSION -> switchExpression(path, (SwitchExpressionTree) e);
            default -> {
                if (e instanceof NewArrayTree array && array.getType() == null) {
                    // A nested {...} is no value of its own: its elements stay separate operands.
                    for (TreePath operand : operands(path)) {
                        eval(operand);
                    }
                    return;
                }
                int mark = pending.size();
                if (e instanceof BinaryTree b && unboxesItsLeftOperand(b)) {
                    // Java unboxes the boxed local on the left before the right operand runs
                    TreePath left = new TreePath(path, b.getLeftOperand());
                    eval(left);
                    unboxFirst(left, new TreePath(path, b.getRightOperand()));
                    eval(new TreePath(path, b.getRightOperand()));
                } else {
                    for (TreePath operand : operands(path)) {
                        eval(operand);
                    }
                }
                truncate(mark);
                replacements.put(e, rewriter.rewrite(path, replacements, true));
                pending.add(new Operand(path, false));
            }
        }
    }

    /**
     * Whether {@code b} may unbox its left operand, a local declared with a box type, before its
     * right operand, which has a yield point: any operator but {@code ==} and {@code !=} (which may
     * compare references). {@code +} may concatenate instead: {@link #unboxFirst} lets javac decide.
     */
    private boolean unboxesItsLeftOperand(BinaryTree b) {
        return b.getKind() != Tree.Kind.EQUAL_TO && b.getKind() != Tree.Kind.NOT_EQUAL_TO
                && ctx.analysis.hasYield(b.getRightOperand()) && isBoxedLocal(b.getLeftOperand());
    }

    private boolean isBoxedLocal(Tree e) {
        Tree t = e;
        while (t instanceof ParenthesizedTree p) {
            t = p.getExpression();
        }
        if (!(t instanceof IdentifierTree id)) {
            return false;
        }
        LocalVar v = ctx.analysis.references().get(id);
        String type = v == null ? null : ctx.analysis.fieldTypes().get(v);
        return type != null && MethodContext.UNBOXED.containsKey(type.strip()); // a numeric operator unboxes it
    }

    /**
     * Unboxes the evaluated {@code left} operand now, where Java does, unless the operator turns out
     * to be a concatenation (a String {@code right} operand): {@code unboxFirst(x, () -> right)}.
     */
    private void unboxFirst(TreePath left, TreePath right) {
        spillPending();
        w.line("unboxFirst(" + text(left) + ", () -> " + witness(right) + ");");
    }

    /** {@code await(x)}: evaluate x, keep what is pending, suspend; the value is read after. */
    private void await(TreePath path, MethodInvocationTree call) {
        String argument = consume(new TreePath(path, call.getArguments().get(0)));
        int resume = w.newState();
        w.line("if (" + ctx.suspendCall() + "(" + argument + ", " + StateWriter.ref(resume) + ")) return " + ctx.suspendedRef + ";");
        steps.beginState(resume, "after await", statement());
        String known = knownTypes.ofAwait(call.getArguments().get(0));
        replacements.put(call, known != null ? "this.<" + known + ">awaitResult()"
                : "typed(awaitResult(), () -> " + witness(path) + ")");
        pending.add(new Operand(path, false));
    }

    /** {@code a && b}, {@code a || b} with a yield point in {@code b}: b's yield points run only if b does. */
    private void shortCircuit(TreePath path, BinaryTree e) {
        TreePath right = new TreePath(path, e.getRightOperand());
        if (!ctx.analysis.hasYield(e.getRightOperand())) {
            plainComposite(path, List.of(new TreePath(path, e.getLeftOperand())));
            return;
        }
        String result = conditionField();
        w.line(result + " = " + consume(new TreePath(path, e.getLeftOperand())) + ";");
        int end = w.newState();
        // && skips its right side when the left is false; || when it is true
        w.branch(e.getKind() == Tree.Kind.CONDITIONAL_AND ? "!" + result : result, end);
        w.line(result + " = " + consume(right) + ";");
        steps.beginState(end, "after " + (e.getKind() == Tree.Kind.CONDITIONAL_AND ? "&&" : "||"), statement());
        replacements.put(e, result);
        pending.add(new Operand(path, true));
    }

    /** {@code c ? x : y} with a yield point in x or y: only the branch taken runs. */
    private void conditional(TreePath path, ConditionalExpressionTree e) {
        if (!ctx.analysis.hasYield(e.getTrueExpression()) && !ctx.analysis.hasYield(e.getFalseExpression())) {
            plainComposite(path, List.of(new TreePath(path, e.getCondition())));
            return;
        }
        String result = spillField();
        String condition = consume(new TreePath(path, e.getCondition()));
        int otherwise = w.newState();
        int end = w.newState();
        w.branch("!(" + condition + ")", otherwise);
        w.line(result + " = " + consume(new TreePath(path, e.getTrueExpression())) + ";");
        w.jump(end);
        steps.beginState(otherwise, "false branch of ?:", e.getFalseExpression());
        w.line(result + " = " + consume(new TreePath(path, e.getFalseExpression())) + ";");
        steps.beginState(end, "after ?:", statement());
        replacements.put(e, typedRead(result, path));
        Operand kept = new Operand(path, true);
        kept.spilled = true;
        pending.add(kept);
    }

    /**
     * The read of {@code result}, the kept value of the conditional or switch expression at
     * {@code path}, whose type depends on its context (JLS 15.25). In an assignment to a declared
     * type, the expression's value is converted to that type, and so is the read: a cast, or an
     * unboxing for a primitive; no witness, so the expression is not copied into one. As an
     * argument, the witness keeps it a poly expression in the argument's place; as an operand (of
     * {@code +}, a condition...), it is a standalone expression, which a {@code var} reproduces.
     */
    private String typedRead(String result, TreePath path) {
        TreePath context = path.getParentPath();
        while (context.getLeaf() instanceof ParenthesizedTree) {
            context = context.getParentPath();
        }
        Tree parent = context.getLeaf();
        String target = null;
        if (parent instanceof com.sun.source.tree.VariableTree v && v.getType() != null) {
            target = ctx.source.typeText(ctx.unit, v.getType());
        } else if (parent instanceof AssignmentTree a && a.getVariable() instanceof IdentifierTree id
                && ctx.analysis.references().get(id) != null) {
            target = ctx.analysis.fieldTypes().get(ctx.analysis.references().get(id));
        }
        if (target != null) {
            return MethodContext.readAs(target.strip(), result); // the whole value assigned: no parentheses needed
        }
        if (parent instanceof MethodInvocationTree || parent instanceof NewClassTree
                || parent instanceof com.sun.source.tree.ReturnTree || parent instanceof AssignmentTree
                || parent instanceof com.sun.source.tree.LambdaExpressionTree) {
            return "typed(" + result + ", () -> " + witness(path) + ")";
        }
        String local = ctx.syntheticName("witness");
        return "typed(" + result + ", () -> { var " + local + " = " + witness(path) + "; return " + local + "; })";
    }

    /**
     * A switch expression with yield points in its arms: a Java switch on the selector jumps to a
     * state per case; each arm stores its value ({@code yield v;} in a block) and jumps to the end.
     */
    private void switchExpression(TreePath path, SwitchExpressionTree e) {
        String result = spillField();
        String selector = consume(new TreePath(path, e.getExpression()));
        int end = w.newState();
        ctx.switchResults.put(e, new MethodContext.SwitchResult(result, end));
        List<Integer> arms = new ArrayList<>();
        w.line("switch " + (selector.startsWith("(") ? selector : "(" + selector + ")") + " {");
        boolean enhanced = false;
        boolean hasDefault = false;
        for (CaseTree c : e.getCases()) {
            int arm = w.newState();
            arms.add(arm);
            CaseLabels labels = CaseLabels.of(ctx, rewriter, new TreePath(path, c));
            enhanced |= labels.enhanced;
            hasDefault |= labels.isDefault;
            w.line(labels.line);
            for (String copy : labels.copies) {
                w.line("    " + copy);
            }
            w.line("    " + ctx.jump(arm));
        }
        w.line("}");
        // An exhaustive switch without default over an enum fails as Java's own does; one with
        // patterns is exhaustive for javac, which would find a statement after it unreachable.
        if (!hasDefault && !enhanced) {
            w.line("throw new IncompatibleClassChangeError(\"no case of the switch matched\");");
        }
        w.reachable = false;
        for (int i = 0; i < arms.size(); i++) {
            CaseTree c = e.getCases().get(i);
            TreePath casePath = new TreePath(path, c);
            steps.beginState(arms.get(i), "case of switch expression", c);
            if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() instanceof ExpressionTree value) {
                w.line(result + " = " + lower(new TreePath(casePath, value), c) + ";");
                w.jump(end);
            } else if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                steps.lowerStatement(new TreePath(casePath, c.getBody()));
            } else {
                for (var s : c.getStatements()) {
                    steps.lowerStatement(new TreePath(casePath, s));
                }
            }
        }
        steps.beginState(end, "after switch expression", statement());
        replacements.put(e, typedRead(result, path));
        Operand kept = new Operand(path, true);
        kept.spilled = true;
        pending.add(kept);
    }

    /**
     * {@code target op= value} with a yield point in {@code value}: Java reads the target's value
     * before it evaluates the value. A local assigned within the statement is read into a kept field
     * first ({@code x = (T) (old op value)}). An array element or a field is read before the value
     * is evaluated, as Java does (JLS 15.26.2: a null array or an index out of bounds fail before the
     * await, and the value read is the one the operator uses, whatever the right side does to the
     * element meanwhile). As a statement, the saved value goes into a local whose type is the
     * target's own ({@code var old = typed(saved, () -> target);}), and Java's compound assignment
     * runs on that local, narrowing and all, before it is stored: {@code old op= value;
     * target = old;}. Nested in a larger expression, the element is read again when the assignment
     * runs (a difference only when the right side itself changes the element; see docs/design.md).
     */
    private void compoundAssignment(TreePath path, CompoundAssignmentTree a) {
        int mark = pending.size();
        List<TreePath> targetParts = new ArrayList<>();
        addTargetOperands(path, a.getVariable(), targetParts);
        for (TreePath part : targetParts) {
            eval(part);
        }
        TreePath target = new TreePath(path, a.getVariable());
        String oldValue = null;
        LocalVar assigned = a.getVariable() instanceof IdentifierTree id ? ctx.analysis.references().get(id) : null;
        if (assigned != null && assignedIn(assigned, a.getExpression())) {
            // the right side assigns the target too: Java's read of the old value comes first
            LocalVar v = assigned;
            oldValue = spillField();
            w.line(oldValue + " = " + text(target) + ";");
            String type = ctx.analysis.fieldTypes().get(v);
            String value = consume(new TreePath(path, a.getExpression()));
            replacements.put(a, text(target) + " = (" + type + ") (typed(" + oldValue + ", () -> " + witness(target)
                    + ") " + operator(a) + " (" + value + "))");
        } else if (!(a.getVariable() instanceof IdentifierTree)
                && path.getParentPath().getLeaf() instanceof ExpressionStatementTree) {
            String saved = spillField();
            spillPending();
            w.line(saved + " = " + text(target) + ";");
            String value = consume(new TreePath(path, a.getExpression()));
            String old = ctx.syntheticName("old" + ++savedTargets);
            w.line("var " + old + " = typed(" + saved + ", () -> " + witness(target) + ");");
            w.line(old + " " + operator(a) + "= (" + value + ");");
            replacements.put(a, text(target) + " = " + old);
        } else if (!(a.getVariable() instanceof IdentifierTree)) {
            // Inside a larger expression: the same, with the result kept in the field (a local would
            // not outlive a later yield point of the expression), stored where Java stores it.
            String saved = spillField();
            spillPending();
            w.line(saved + " = " + text(target) + ";");
            String value = consume(new TreePath(path, a.getExpression()));
            String old = ctx.syntheticName("old" + ++savedTargets);
            w.line("{");
            w.line("    var " + old + " = typed(" + saved + ", () -> " + witness(target) + ");");
            w.line("    " + old + " " + operator(a) + "= (" + value + ");");
            w.line("    " + saved + " = " + old + ";");
            w.line("}");
            replacements.put(a, "(" + text(target) + " = typed(" + saved + ", () -> " + witness(target) + "))");
        } else {
            if (isBoxedLocal(a.getVariable())) {
                unboxFirst(target, new TreePath(path, a.getExpression())); // Java unboxes the target first
            }
            eval(new TreePath(path, a.getExpression()));
            replacements.put(a, rewriter.rewrite(path, replacements, true));
        }
        truncate(mark);
        pending.add(new Operand(path, false));
    }

    private static String operator(CompoundAssignmentTree a) {
        return switch (a.getKind()) {
            case PLUS_ASSIGNMENT -> "+";
            case MINUS_ASSIGNMENT -> "-";
            case MULTIPLY_ASSIGNMENT -> "*";
            case DIVIDE_ASSIGNMENT -> "/";
            case REMAINDER_ASSIGNMENT -> "%";
            case LEFT_SHIFT_ASSIGNMENT -> "<<";
            case RIGHT_SHIFT_ASSIGNMENT -> ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
            case AND_ASSIGNMENT -> "&";
            case OR_ASSIGNMENT -> "|";
            case XOR_ASSIGNMENT -> "^";
            default -> throw new IllegalStateException("not a compound assignment: " + a.getKind());
        };
    }

    /** A composite whose only yield points are in {@code evaluated}; its other parts stay as text. */
    private void plainComposite(TreePath path, List<TreePath> evaluated) {
        int mark = pending.size();
        for (TreePath operand : evaluated) {
            eval(operand);
        }
        truncate(mark);
        replacements.put(path.getLeaf(), rewriter.rewrite(path, replacements, true));
        pending.add(new Operand(path, false));
    }

    /**
     * Evaluates {@code path} to be used at once (as the argument of a suspension, or a value stored
     * now): what was evaluated before it and is used later is kept first.
     */
    private String consume(TreePath path) {
        eval(path);
        pending.remove(pending.size() - 1);
        spillPending();
        return text(path);
    }

    private void spillPending() {
        for (Operand o : pending) {
            if (!o.stable && !o.spilled) {
                String field = spillField();
                w.line(field + " = " + text(o.path) + ";");
                String known = knownTypes.of(o.path.getLeaf());
                replacements.put(o.path.getLeaf(), known != null ? "((" + known.strip() + ") " + field + ")"
                        : "typed(" + field + ", () -> " + witness(o.path) + ")");
                o.spilled = true;
            }
        }
    }

    private void truncate(int mark) {
        while (pending.size() > mark) {
            pending.remove(pending.size() - 1);
        }
    }

    private String text(TreePath path) {
        String replaced = replacements.get(path.getLeaf());
        return replaced != null ? replaced : rewriter.rewrite(path, replacements, true);
    }

    /** The expression's own text, for a never-run lambda that only gives a read its type. */
    private String witness(TreePath path) {
        return rewriter.rewrite(path, Map.of(), false);
    }

    // ---------------------------------------------------------------- operands

    /** The operands of {@code path}'s expression that Java evaluates, in its order. */
    private List<TreePath> operands(TreePath path) {
        Tree e = path.getLeaf();
        List<TreePath> out = new ArrayList<>();
        if (e instanceof MethodInvocationTree m) {
            if (m.getMethodSelect() instanceof MemberSelectTree select) {
                out.add(new TreePath(new TreePath(path, select), select.getExpression()));
            }
            m.getArguments().forEach(a -> out.add(new TreePath(path, a)));
        } else if (e instanceof NewClassTree n) {
            if (n.getEnclosingExpression() != null) {
                out.add(new TreePath(path, n.getEnclosingExpression()));
            }
            n.getArguments().forEach(a -> out.add(new TreePath(path, a)));
        } else if (e instanceof NewArrayTree n) {
            n.getDimensions().forEach(d -> out.add(new TreePath(path, d)));
            if (n.getInitializers() != null) {
                n.getInitializers().forEach(i -> out.add(new TreePath(path, i)));
            }
        } else if (e instanceof AssignmentTree a) {
            addTargetOperands(path, a.getVariable(), out);
            out.add(new TreePath(path, a.getExpression()));
        } else if (e instanceof CompoundAssignmentTree a) {
            addTargetOperands(path, a.getVariable(), out);
            out.add(new TreePath(path, a.getExpression()));
        } else if (e instanceof UnaryTree u) {
            if (isIncrement(u)) {
                addTargetOperands(path, u.getExpression(), out);
            } else {
                out.add(new TreePath(path, u.getExpression()));
            }
        } else if (e instanceof BinaryTree b) {
            out.add(new TreePath(path, b.getLeftOperand()));
            out.add(new TreePath(path, b.getRightOperand()));
        } else if (e instanceof ArrayAccessTree a) {
            out.add(new TreePath(path, a.getExpression()));
            out.add(new TreePath(path, a.getIndex()));
        } else if (e instanceof MemberSelectTree s) {
            out.add(new TreePath(path, s.getExpression()));
        } else if (e instanceof ParenthesizedTree p) {
            out.add(new TreePath(path, p.getExpression()));
        } else if (e instanceof TypeCastTree c) {
            out.add(new TreePath(path, c.getExpression()));
        } else if (e instanceof InstanceOfTree i) {
            out.add(new TreePath(path, i.getExpression()));
        } else if (e instanceof com.sun.source.tree.MemberReferenceTree r) {
            out.add(new TreePath(path, r.getQualifierExpression())); // evaluated when the reference is made
        } else {
            throw new IllegalStateException("the analysis let through a yield point in " + e.getKind());
        }
        return out;
    }

    private static boolean isIncrement(UnaryTree u) {
        return switch (u.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    /** The parts of an assignment's target that Java evaluates before the right side. */
    private static void addTargetOperands(TreePath path, ExpressionTree target, List<TreePath> out) {
        TreePath targetPath = new TreePath(path, target);
        if (target instanceof ArrayAccessTree a) {
            out.add(new TreePath(targetPath, a.getExpression()));
            out.add(new TreePath(targetPath, a.getIndex()));
        } else if (target instanceof MemberSelectTree s) {
            out.add(new TreePath(targetPath, s.getExpression()));
        }
    }

    /**
     * Whether the value of {@code e} cannot change between its place in Java's order and a later
     * read: literals, {@code this}, names of types, packages and constants, locals that the
     * statement does not assign, lambdas, and operators over those.
     */
    private boolean isStable(Tree e) {
        if (e instanceof IdentifierTree id) {
            LocalVar v = ctx.analysis.references().get(id);
            return v == null || !assignedIn(v, statement());
        }
        if (e instanceof MemberSelectTree s) {
            return rootIsNotLocal(s);
        }
        if (e instanceof ParenthesizedTree p) {
            return isStable(p.getExpression());
        }
        if (e instanceof TypeCastTree c) {
            return isStable(c.getExpression());
        }
        if (e instanceof BinaryTree b) {
            return isStable(b.getLeftOperand()) && isStable(b.getRightOperand());
        }
        if (e instanceof ConditionalExpressionTree c) {
            return isStable(c.getCondition()) && isStable(c.getTrueExpression()) && isStable(c.getFalseExpression());
        }
        if (e instanceof InstanceOfTree i) {
            return isStable(i.getExpression());
        }
        if (e instanceof UnaryTree u) {
            return !isIncrement(u) && isStable(u.getExpression());
        }
        return switch (e.getKind()) {
            case INT_LITERAL, LONG_LITERAL, FLOAT_LITERAL, DOUBLE_LITERAL, BOOLEAN_LITERAL, CHAR_LITERAL,
                    STRING_LITERAL, NULL_LITERAL, LAMBDA_EXPRESSION, MEMBER_REFERENCE -> true;
            default -> false;
        };
    }

    /** {@code System.out}, {@code java.util.List}: a path from a type or package, not from a local. */
    private boolean rootIsNotLocal(MemberSelectTree s) {
        ExpressionTree root = s.getExpression();
        while (root instanceof MemberSelectTree m) {
            root = m.getExpression();
        }
        return root instanceof IdentifierTree id && ctx.analysis.references().get(id) == null
                && !id.getName().contentEquals("this");
    }

    private boolean assignedIn(LocalVar v, Tree within) {
        boolean[] assigned = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitAssignment(node, null);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
                check(node.getVariable());
                return super.visitCompoundAssignment(node, null);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void p) {
                if (isIncrement(node)) {
                    check(node.getExpression());
                }
                return super.visitUnary(node, null);
            }

            private void check(ExpressionTree target) {
                if (target instanceof IdentifierTree id && v.equals(ctx.analysis.references().get(id))) {
                    assigned[0] = true;
                }
            }
        }.scan(within, null);
        return assigned[0];
    }

    // ---------------------------------------------------------------- fields

    /** Compound assignments to an element or a field so far: names their saved-value locals. */
    private int savedTargets;

    private String spillField() {
        if (spillsUsed == spillFields.size()) {
            spillFields.add(ctx.syntheticName("spill" + (spillFields.size() + 1)));
        }
        return spillFields.get(spillsUsed++);
    }

    private String conditionField() {
        if (conditionsUsed == conditionFields.size()) {
            conditionFields.add(ctx.syntheticName("condition" + (conditionFields.size() + 1)));
        }
        return conditionFields.get(conditionsUsed++);
    }
}
