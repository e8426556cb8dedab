package io.yieldpoint.processor.lower;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LocalVar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prints a piece of the user's code for the state machine: the source text exactly as written
 * (comments and formatting kept), with the few spans that mean something else inside the machine
 * replaced:
 * <ul>
 *   <li>{@code this} and {@code Fetcher.this} become the machine's {@code self} field;</li>
 *   <li>an unqualified call of an interface method {@code m(...)} becomes {@code self.m(...)}, of a
 *       static interface method {@code Fetcher.m(...)}; a statically imported method whose name the
 *       machine's base class also has is qualified with its class;</li>
 *   <li>a lifted local renamed to keep field names unique takes its field name;</li>
 *   <li>{@code return done(v);} becomes {@code returnValue(v); return RETURNED;} (and
 *       {@code return end();} of a generator {@code { finish(); return; }});</li>
 *   <li>{@code break} and {@code continue} that leave for a lowered loop become jumps between
 *       states;</li>
 *   <li>a lifted local captured by a lambda or local class is read from a snapshot local declared
 *       just before the statement ({@code final var kCaptured = k;}), as Java captures values.</li>
 * </ul>
 * Lambda bodies and local classes keep their own {@code return}, {@code break} and
 * {@code continue}; local classes keep their own {@code this}.
 */
final class Rewriter {

    private record Edit(int start, int end, String text) {}

    private final MethodContext ctx;

    Rewriter(MethodContext ctx) {
        this.ctx = ctx;
    }

    /** The text of the tree at {@code path}, rewritten, dedented to start at column 1. */
    String rewrite(TreePath path) {
        return rewrite(path, Map.of(), true);
    }

    /**
     * As {@link #rewrite(TreePath)}, with the subtrees in {@code replacements} replaced by their
     * text; {@code snapshots} false is for a witness, code only type-checked, never run: captures
     * of lifted locals stay field reads and the {@code yield}s of a switch expression stay.
     */
    String rewrite(TreePath path, Map<Tree, String> replacements, boolean snapshots) {
        Tree tree = path.getLeaf();
        if (replacements.containsKey(tree)) {
            return replacements.get(tree);
        }
        return rewrite(path, replacements, snapshots, (int) ctx.source.end(ctx.unit, tree));
    }

    /**
     * The text of the tree at {@code path} up to {@code end} (a case's labels without its body),
     * rewritten, with the subtrees in {@code replacements} replaced.
     */
    String rewriteUpTo(TreePath path, Map<Tree, String> replacements, int end) {
        return rewrite(path, replacements, true, end);
    }

    private String rewrite(TreePath path, Map<Tree, String> replacements, boolean snapshots, int end) {
        Tree tree = path.getLeaf();
        int start = (int) ctx.source.start(ctx.unit, tree);
        List<Edit> edits = new ArrayList<>();
        new Collector(edits, replacements, snapshots).scan(path, null);
        edits.sort(Comparator.comparingInt(Edit::start));
        String content = ctx.source.content(ctx.unit);
        StringBuilder out = new StringBuilder();
        int pos = start;
        for (Edit e : edits) {
            if (e.start < pos || e.end > end) {
                continue; // inside an edit already made, or beyond the text asked for
            }
            out.append(content, pos, e.start).append(e.text);
            pos = e.end;
        }
        out.append(content, pos, end);
        return dedent(out.toString());
    }

    /** The statements a {@code return} statement at {@code path} becomes. */
    List<String> returnCode(TreePath path) {
        ReturnTree r = (ReturnTree) path.getLeaf();
        if (ctx.method.kind().emits()) {
            return ctx.routing.returnWith(null, false);
        }
        ExpressionTree value = r.getExpression();
        TreePath valuePath = new TreePath(path, value);
        if (ctx.dsl.is(value, "done")) {
            List<? extends ExpressionTree> args = ((MethodInvocationTree) value).getArguments();
            String v = args.isEmpty() ? "null" : rewrite(new TreePath(valuePath, args.get(0)));
            return ctx.routing.returnWith(v, false);
        }
        return ctx.routing.returnWith(rewrite(valuePath), true);
    }

    /**
     * Removes from every line but the first the indentation all of them share: the first line
     * starts where the statement started, the others keep their indentation relative to each
     * other (so the text of a text block is unchanged).
     */
    static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                common = Math.min(common, lines[i].length() - lines[i].stripLeading().length());
            }
        }
        if (lines.length == 1 || common == 0 || common == Integer.MAX_VALUE) {
            return text;
        }
        StringBuilder out = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append(lines[i].isBlank() ? "" : lines[i].substring(common));
        }
        return out.toString();
    }

    private final class Collector extends TreePathScanner<Void, Void> {
        private final List<Edit> edits;
        private final Map<Tree, String> replacements;
        private final boolean snapshots;
        private int lambdaDepth;
        private int classDepth;
        private final java.util.Deque<java.util.Set<String>> localClassMethods = new java.util.ArrayDeque<>();

        Collector(List<Edit> edits, Map<Tree, String> replacements, boolean snapshots) {
            this.edits = edits;
            this.replacements = replacements;
            this.snapshots = snapshots;
        }

        @Override
        public Void scan(Tree tree, Void p) {
            if (tree != null && tree != getCurrentPath().getLeaf() && replacements.containsKey(tree)) {
                replace(tree, replacements.get(tree));
                return null;
            }
            return super.scan(tree, null);
        }

        private void replace(Tree tree, String text) {
            edits.add(new Edit((int) ctx.source.start(ctx.unit, tree), (int) ctx.source.end(ctx.unit, tree), text));
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
            if (node.getName().contentEquals("this")) {
                if (classDepth == 0) {
                    replace(node, ctx.self());
                }
                return null;
            }
            LocalVar v = ctx.analysis.references().get(node);
            if (v == null && InterfaceScope.MACHINE_FIELDS.contains(node.getName().toString())) {
                // 'label' outside any local: a constant the machine's own field would hide.
                String name = node.getName().toString();
                if (ctx.scope.fields().contains(name)) {
                    replace(node, ctx.scope.simpleName() + "." + name);
                } else if (ctx.scope.staticImportOwners().containsKey(name)) {
                    replace(node, ctx.scope.staticImportOwners().get(name) + "." + name);
                }
                return null;
            }
            if (snapshots && v != null && v.lifted() && !v.parameter() && (lambdaDepth > 0 || classDepth > 0)) {
                // A capture reads the value the local had when the lambda was made; the field may
                // change later (the local's declaration may run again in a loop).
                replace(node, ctx.snapshot(v));
            } else if (v != null && v.lifted()) {
                String field = ctx.fieldName(v);
                if (!node.getName().contentEquals(field)) {
                    replace(node, field);
                }
            }
            return null;
        }

        /**
         * {@code o instanceof T t} where {@code t} lives in a field: the binding takes another
         * name, copied into the field where the pattern matches,
         * {@code (o instanceof T t$b && MachineSupport.bind(t = t$b))}; every use of {@code t}
         * reads the field. A record pattern copies each of its lifted bindings.
         */
        @Override
        public Void visitInstanceOf(InstanceOfTree node, Void p) {
            List<LocalVar> bound = lambdaDepth > 0 || classDepth > 0 ? List.of() : liftedBindings(node);
            if (bound.isEmpty()) {
                return super.visitInstanceOf(node, null);
            }
            int start = (int) ctx.source.start(ctx.unit, node);
            int end = (int) ctx.source.end(ctx.unit, node);
            edits.add(new Edit(start, start, "("));
            super.visitInstanceOf(node, null);
            StringBuilder copies = new StringBuilder();
            for (LocalVar v : bound) {
                copies.append(" && ").append(BIND).append("(").append(ctx.fieldName(v)).append(" = ")
                        .append(bindingName(v)).append(")");
            }
            edits.add(new Edit(end, end, copies + ")"));
            return null;
        }

        /** The binding of a lifted pattern variable takes the name {@link #bindingName}. */
        @Override
        public Void visitBindingPattern(BindingPatternTree node, Void p) {
            VariableTree variable = node.getVariable();
            LocalVar v = ctx.analysis.declarations().get(variable);
            if (v != null && v.lifted() && lambdaDepth == 0 && classDepth == 0) {
                int end = (int) ctx.source.end(ctx.unit, variable);
                int nameStart = end - variable.getName().length();
                edits.add(new Edit(nameStart, end, bindingName(v)));
                scan(variable.getType(), null);
                return null;
            }
            return super.visitBindingPattern(node, null);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void p) {
            // Fetcher.this means the coroutine's instance, from a lambda or a local class alike.
            if (node.getIdentifier().contentEquals("this")) {
                replace(node, ctx.self());
                return null;
            }
            return super.visitMemberSelect(node, null);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            if (!(node.getMethodSelect() instanceof IdentifierTree id) || ctx.dsl.dslName(node) != null) {
                return super.visitMethodInvocation(node, null);
            }
            String name = id.getName().toString();
            if (localClassMethods.stream().anyMatch(names -> names.contains(name))) {
                // a method of the local class the call is in: not the interface's
            } else if (ctx.scope.instanceMethods().contains(name)) {
                replace(id, ctx.self() + "." + name);
            } else if (ctx.scope.staticMethods().contains(name)) {
                replace(id, ctx.scope.simpleName() + "." + name);
            } else if (ctx.scope.privateCopies().contains(name)) {
                replace(id, ctx.self() + "." + name); // the private helper's copy in the generated class
            } else if (ctx.scope.privateStaticCopies().contains(name)) {
                replace(id, ctx.scope.generatedSimpleName() + "." + name);
            } else if (InterfaceScope.MACHINE_MEMBERS.contains(name) && ctx.scope.staticImportOwners().containsKey(name)) {
                replace(id, ctx.scope.staticImportOwners().get(name) + "." + name);
            }
            scan(node.getTypeArguments(), null);
            scan(node.getArguments(), null);
            return null;
        }

        @Override
        public Void visitReturn(ReturnTree node, Void p) {
            if (lambdaDepth > 0 || classDepth > 0) {
                return super.visitReturn(node, null);
            }
            replace(node, "{ " + String.join(" ", returnCode(getCurrentPath())) + " }");
            return null;
        }

        @Override
        public Void visitBreak(BreakTree node, Void p) {
            jump(node.getLabel() == null ? null : node.getLabel().toString(), false);
            return null;
        }

        @Override
        public Void visitContinue(ContinueTree node, Void p) {
            jump(node.getLabel() == null ? null : node.getLabel().toString(), true);
            return null;
        }

        private void jump(@Nullable String label, boolean isContinue) {
            if (lambdaDepth > 0 || classDepth > 0) {
                return;
            }
            Tree target = target(getCurrentPath(), label, isContinue);
            MethodContext.Jump j = target == null ? null : ctx.loweredLoops.get(target);
            if (j != null) {
                replace(getCurrentPath().getLeaf(), "{ "
                        + ctx.routing.jumpTo(isContinue ? j.continueLabel() : j.breakLabel(), j.finallyDepth()) + " }");
            }
        }

        @Override
        public Void visitYield(com.sun.source.tree.YieldTree node, Void p) {
            // In a witness (snapshots off: text only type-checked, never run) a yield stays a yield.
            MethodContext.SwitchResult target = !snapshots || lambdaDepth > 0 || classDepth > 0 ? null
                    : ctx.switchResults.get(switchOf(getCurrentPath()));
            if (target == null) {
                return super.visitYield(node, null);
            }
            String value = rewrite(new TreePath(getCurrentPath(), node.getValue()), replacements, snapshots);
            replace(node, "{ " + target.field() + " = " + value + "; " + ctx.jump(target.end()) + " }");
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            lambdaDepth++;
            try {
                return super.visitLambdaExpression(node, null);
            } finally {
                lambdaDepth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            classDepth++;
            java.util.Set<String> methods = new java.util.HashSet<>();
            for (Tree member : node.getMembers()) {
                if (member instanceof com.sun.source.tree.MethodTree m) {
                    methods.add(m.getName().toString());
                }
            }
            localClassMethods.push(methods);
            try {
                return super.visitClass(node, null);
            } finally {
                localClassMethods.pop();
                classDepth--;
            }
        }
    }

    /** The helper a lowered condition calls to copy a binding into its field. */
    static final String BIND = MethodLowering.SUPPORT + ".bind";

    /** The name the binding of the lifted pattern variable {@code v} takes: its field's, marked. */
    String bindingName(LocalVar v) {
        return ctx.fieldName(v) + "$b";
    }

    /** The lifted pattern variables {@code tree} declares, in source order (lambdas and classes aside). */
    List<LocalVar> liftedBindings(Tree tree) {
        List<LocalVar> out = new ArrayList<>();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitBindingPattern(BindingPatternTree node, Void p) {
                LocalVar v = ctx.analysis.declarations().get(node.getVariable());
                if (v != null && v.lifted()) {
                    out.add(v);
                }
                return super.visitBindingPattern(node, null);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                return null;
            }
        }.scan(tree, null);
        return out;
    }

    /** The switch expression a {@code yield} at {@code path} gives its value to. */
    static @Nullable Tree switchOf(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            switch (p.getLeaf().getKind()) {
                case SWITCH_EXPRESSION -> {
                    return p.getLeaf();
                }
                case LAMBDA_EXPRESSION, CLASS, METHOD -> {
                    return null;
                }
                default -> {
                    // look further out
                }
            }
        }
        return null;
    }

    /** The statement a {@code break}/{@code continue} at {@code path} leaves. */
    static @Nullable Tree target(TreePath path, @Nullable String label, boolean isContinue) {
        for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (label != null) {
                if (t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label)) {
                    return l.getStatement();
                }
                continue;
            }
            switch (t.getKind()) {
                case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP, ENHANCED_FOR_LOOP -> {
                    return t;
                }
                case SWITCH -> {
                    if (!isContinue) {
                        return t;
                    }
                }
                case LAMBDA_EXPRESSION, CLASS, METHOD -> {
                    return null;
                }
                default -> {
                    // look further out
                }
            }
        }
        return null;
    }
}
