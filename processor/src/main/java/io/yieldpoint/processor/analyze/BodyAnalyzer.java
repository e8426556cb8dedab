package io.yieldpoint.processor.analyze;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import io.yieldpoint.processor.diag.Diagnostics;
import io.yieldpoint.processor.diag.Messages;
import io.yieldpoint.processor.diag.Tag;
import io.yieldpoint.processor.model.BodyAnalysis;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.parse.SourceReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import org.jspecify.annotations.Nullable;

/**
 * Reads one coroutine body: where its yield points are, whether each stands where this version can
 * lower it, which names refer to which parameters and locals, and which locals live across a yield
 * point (those become fields). Every problem is reported at its exact tree; the analysis goes on
 * after a problem so that the user sees all of them at once.
 *
 * <p>Where a yield point may stand: {@code await(t)} anywhere in the expressions of a statement,
 * in any statement of the body, nested at will, except inside a lambda, a local or anonymous class
 * or a {@code synchronized} block (which run outside the coroutine) and inside an {@code assert};
 * {@code emit(v)} only as a statement of its own. A pattern variable used after a yield point in its
 * scope lives in a field like any local (one that is in scope there but dead needs no keeping).
 */
public final class BodyAnalyzer {

    private final SourceReader source;
    private final Diagnostics diagnostics;
    private final LocalTypes localTypes;

    public BodyAnalyzer(SourceReader source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.localTypes = new LocalTypes(source, diagnostics);
    }

    /** Analyzes {@code method}; the result is meaningful only if no error was reported. */
    public BodyAnalysis analyze(CoroutineMethod method, DslCalls dsl, InterfaceScope scope) {
        Scan scan = new Scan(method, dsl, scope);
        scan.run();
        return scan.result();
    }

    /** A variable being collected: its declaration, scope, and uses. */
    private static final class VarInfo {
        final Tree declaration;
        final String name;
        final boolean parameter;
        final Tree scope;
        final TreePath path;
        final boolean inLambdaOrClass;
        boolean assigned;
        /** Whether the body names the variable anywhere after its declaration. */
        boolean read;
        /**
         * Where the body first names it outside any lambda or class: a place where it is in scope
         * for javac's {@code getScope} (a class body's scope does not see the method's locals).
         */
        @Nullable TreePath firstUse;

        VarInfo(Tree declaration, String name, boolean parameter, Tree scope, TreePath path, boolean inLambdaOrClass) {
            this.declaration = declaration;
            this.name = name.isEmpty() ? "_" : name; // javac names an unnamed variable (Java 22) with ""
            this.parameter = parameter;
            this.scope = scope;
            this.path = path;
            this.inLambdaOrClass = inLambdaOrClass;
        }
    }

    /**
     * Simple names the generated machine's own code uses: a nested type of the machine by such a
     * name would hide them, so a local type so named is not hoisted.
     */
    private static final Set<String> NAMES_THE_MACHINE_USES = Set.of("Task", "Throwable", "Object", "String",
            "IllegalStateException", "Override", "CoroutineMachine", "GeneratorMachine", "AsyncStreamMachine", "Objects",
            "Generated", "SuppressWarnings");

    private final class Scan extends TreePathScanner<Void, Void> {
        private final CoroutineMethod method;
        private final DslCalls dsl;
        private final InterfaceScope ifaceScope;
        private final List<TreePath> localClasses = new ArrayList<>();
        private final CompilationUnitTree unit;
        private final List<MethodInvocationTree> yieldPoints = new ArrayList<>();
        private final List<TreePath> yieldPaths = new ArrayList<>();
        private final Set<Tree> containsYield = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<VarInfo> vars = new ArrayList<>();
        private final IdentityHashMap<IdentifierTree, VarInfo> refs = new IdentityHashMap<>();
        /** Names in scope; a null value is a member of a local class, which hides outer locals of its name. */
        private final Deque<Map<String, @Nullable VarInfo>> scopes = new ArrayDeque<>();
        private final Deque<Tree> scopeTrees = new ArrayDeque<>();
        private int lambdaOrClassDepth;
        /** The local types the machine declares (see {@link #hoistedTypes}); set once the variables are known. */
        private List<ClassTree> hoisted = List.of();

        Scan(CoroutineMethod method, DslCalls dsl, InterfaceScope ifaceScope) {
            this.method = method;
            this.dsl = dsl;
            this.ifaceScope = ifaceScope;
            this.unit = method.path().getCompilationUnit();
        }

        void run() {
            MethodTree tree = method.tree();
            push(tree);
            for (VariableTree p : tree.getParameters()) {
                declare(p, p.getName().toString(), true, new TreePath(method.path(), p));
            }
            scan(new TreePath(method.path(), tree.getBody()), null);
            pop();
        }

        // ------------------------------------------------------------ scopes

        private void push(Tree scopeTree) {
            scopes.push(new HashMap<>());
            scopeTrees.push(scopeTree);
        }

        private void pop() {
            scopes.pop();
            scopeTrees.pop();
        }

        private void declare(Tree declaration, String name, boolean parameter, TreePath path) {
            Tree scope = path.getParentPath().getLeaf() instanceof BindingPatternTree
                    ? bindingScope(path) : scopeTrees.peek();
            VarInfo v = new VarInfo(declaration, name, parameter, scope, path, lambdaOrClassDepth > 0);
            vars.add(v);
            scopes.peek().put(name, v);
        }

        /**
         * The scope of a pattern variable, near enough for deciding whether it lives across a yield
         * point: for a pattern in the condition of an {@code if} or a loop, the branch where it
         * matched (the {@code then} branch or loop body; under an odd number of {@code !}, the
         * {@code else} branch, and the rest of the block when the {@code then} branch cannot
         * complete, as in {@code if (!(o instanceof T t)) return;}); elsewhere, its statement.
         */
        private Tree bindingScope(TreePath binding) {
            boolean negated = false;
            TreePath p = binding.getParentPath(); // (the binding's own VariableTree is a StatementTree too)
            Tree child = binding.getLeaf();
            while (!(p.getLeaf() instanceof com.sun.source.tree.StatementTree)) {
                if (p.getLeaf().getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
                    negated = !negated;
                }
                child = p.getLeaf();
                p = p.getParentPath();
            }
            Tree statement = p.getLeaf();
            if (statement instanceof com.sun.source.tree.IfTree ifTree && child == ifTree.getCondition()) {
                if (!negated) {
                    if (introducedAfter(ifTree, true)) {
                        return p.getParentPath().getLeaf() instanceof com.sun.source.tree.CaseTree
                                ? p.getParentPath().getParentPath().getLeaf() : p.getParentPath().getLeaf();
                    }
                    return ifTree.getThenStatement();
                }
                if (!Reachability.canCompleteNormally(ifTree.getThenStatement())
                        && p.getParentPath().getLeaf() instanceof BlockTree block) {
                    return block;
                }
                if (!Reachability.canCompleteNormally(ifTree.getThenStatement())
                        && p.getParentPath().getLeaf() instanceof com.sun.source.tree.CaseTree) {
                    return p.getParentPath().getParentPath().getLeaf(); // the rest of the case group: the switch block
                }
                return ifTree.getElseStatement() != null ? ifTree.getElseStatement() : statement;
            }
            if (statement instanceof com.sun.source.tree.WhileLoopTree loop && child == loop.getCondition() && !negated) {
                return loop.getStatement();
            }
            return statement;
        }

        /**
         * Whether a binding of {@code ifTree}'s condition when it is {@code whenTrue} stays in scope
         * after the if (JLS 6.3.2.2): only the branch where it matched can complete normally, and the
         * if stands in a block or a case group.
         */
        private boolean introducedAfter(com.sun.source.tree.IfTree ifTree, boolean whenTrue) {
            Tree matched = whenTrue ? ifTree.getThenStatement() : ifTree.getElseStatement();
            Tree other = whenTrue ? ifTree.getElseStatement() : ifTree.getThenStatement();
            return other != null && !Reachability.canCompleteNormally(other)
                    && (matched == null || Reachability.canCompleteNormally(matched));
        }

        /**
         * After an if: its condition's bindings leave the names they took, except those Java keeps in
         * scope after it (see {@link #bindingScope}); so a later use of a name that an else-if bound
         * again resolves to the binding Java means.
         */
        @Override
        public Void visitIf(com.sun.source.tree.IfTree node, Void p) {
            Map<String, @Nullable VarInfo> names = scopes.peek();
            Map<String, @Nullable VarInfo> before = new HashMap<>(names);
            int first = vars.size();
            super.visitIf(node, null);
            for (VarInfo v : vars.subList(first, vars.size())) {
                if (!isPatternVariable(v) || !within(v.path, node.getCondition())) {
                    continue;
                }
                boolean staysAfter = v.scope != node.getThenStatement() && v.scope != node.getElseStatement()
                        && v.scope != node;
                if (staysAfter) {
                    names.put(v.name, v);
                } else if (names.get(v.name) == v) {
                    if (before.containsKey(v.name)) {
                        names.put(v.name, before.get(v.name));
                    } else {
                        names.remove(v.name);
                    }
                }
            }
            return null;
        }

        private static boolean within(TreePath path, Tree ancestor) {
            for (TreePath p = path; p != null; p = p.getParentPath()) {
                if (p.getLeaf() == ancestor) {
                    return true;
                }
            }
            return false;
        }

        /** The local or parameter {@code name} denotes here, or null (none, or a local class's member). */
        private @Nullable VarInfo lookup(String name) {
            for (Map<String, @Nullable VarInfo> scope : scopes) {
                if (scope.containsKey(name)) {
                    return scope.get(name);
                }
            }
            return null;
        }

        private Void scoped(Tree scopeTree, Runnable body) {
            push(scopeTree);
            try {
                body.run();
            } finally {
                pop();
            }
            return null;
        }

        @Override
        public Void visitBlock(BlockTree node, Void p) {
            return scoped(node, () -> super.visitBlock(node, null));
        }

        @Override
        public Void visitForLoop(ForLoopTree node, Void p) {
            return scoped(node, () -> super.visitForLoop(node, null));
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
            return scoped(node, () -> super.visitEnhancedForLoop(node, null));
        }

        @Override
        public Void visitCatch(CatchTree node, Void p) {
            return scoped(node, () -> super.visitCatch(node, null));
        }

        @Override
        public Void visitTry(TryTree node, Void p) {
            return scoped(node, () -> super.visitTry(node, null));
        }

        @Override
        public Void visitSwitch(SwitchTree node, Void p) {
            return scoped(node, () -> super.visitSwitch(node, null));
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
            lambdaOrClassDepth++;
            try {
                return scoped(node, () -> super.visitLambdaExpression(node, null));
            } finally {
                lambdaOrClassDepth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
            Tree declaredIn = getCurrentPath().getParentPath().getLeaf();
            if (declaredIn instanceof BlockTree || declaredIn instanceof CaseTree) {
                localClasses.add(getCurrentPath());
            }
            lambdaOrClassDepth++;
            try {
                return scoped(node, () -> {
                    // The class's own fields hide outer locals of the same name inside its body.
                    for (Tree member : node.getMembers()) {
                        if (member instanceof VariableTree field) {
                            scopes.peek().put(field.getName().toString(), null);
                        }
                    }
                    super.visitClass(node, null);
                });
            } finally {
                lambdaOrClassDepth--;
            }
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void p) {
            if (node.getIdentifier().contentEquals("super") && lambdaOrClassDepth == 0
                    && getCurrentPath().getParentPath().getLeaf() instanceof MemberSelectTree call) {
                diagnostics.error(Tag.SUPER_CALL, Messages.superCall(node + "." + call.getIdentifier() + "(...)"), node, unit);
            }
            return super.visitMemberSelect(node, null);
        }

        @Override
        public Void visitVariable(VariableTree node, Void p) {
            scan(node.getModifiers(), null);
            scan(node.getType(), null);
            scan(node.getInitializer(), null);
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            boolean isMember = parent instanceof ClassTree;
            if (!isMember) {
                declare(node, node.getName().toString(), false, getCurrentPath());
            }
            return null;
        }

        // ------------------------------------------------------------ uses

        @Override
        public Void visitIdentifier(IdentifierTree node, Void p) {
            VarInfo v = lookup(node.getName().toString());
            if (v != null) {
                refs.put(node, v);
                v.read = true;
                if (v.firstUse == null && lambdaOrClassDepth == 0) {
                    v.firstUse = getCurrentPath();
                }
            }
            return null;
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void p) {
            markAssigned(node.getVariable());
            return super.visitAssignment(node, null);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
            markAssigned(node.getVariable());
            return super.visitCompoundAssignment(node, null);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void p) {
            switch (node.getKind()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
                        markAssigned(node.getExpression());
                default -> { }
            }
            return super.visitUnary(node, null);
        }

        private void markAssigned(ExpressionTree target) {
            if (target instanceof IdentifierTree id) {
                VarInfo v = lookup(id.getName().toString());
                if (v != null) {
                    v.assigned = true;
                }
            }
        }

        @Override
        public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
            if (node.getExpression() instanceof MethodInvocationTree call && lambdaOrClassDepth == 0) {
                checkDiscardedTask(call);
            }
            return super.visitExpressionStatement(node, null);
        }

        /** The DSL calls whose task, dropped, does nothing useful: they only make a task. */
        private static final Set<String> TASK_MAKERS = Set.of("sleep", "yieldNow", "all", "any", "withTimeout");

        /**
         * {@code sleep(1000);} or {@code fetch(x);} as a statement: a task made and dropped, which
         * nobody awaits (C#'s CS4014). A warning, unless suppressed on the method or the interface.
         */
        private void checkDiscardedTask(MethodInvocationTree call) {
            String dslName = dsl.dslName(call);
            String own = dslName == null ? DslCalls.ownCallName(call) : null;
            boolean coroutine = own != null
                    && ifaceScope.taskCoroutines().contains(InterfaceScope.callKey(own, call.getArguments().size()));
            boolean dropped = coroutine || (dslName != null && TASK_MAKERS.contains(dslName));
            if (!dropped || suppressed(Tag.TASK_DISCARDED)) {
                return;
            }
            diagnostics.warning(Tag.TASK_DISCARDED, Messages.taskDiscarded(source.text(unit, call), coroutine), call, unit);
        }


        private boolean suppressed(Tag tag) {
            return ifaceScope.suppressed().contains(tag.text())
                    || InterfaceScope.suppressedOn(method.element()).contains(tag.text());
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            // An unqualified method name is not a variable: scan only the arguments and type arguments.
            if (node.getMethodSelect() instanceof IdentifierTree) {
                scan(node.getTypeArguments(), null);
                scan(node.getArguments(), null);
            } else {
                super.visitMethodInvocation(node, null);
            }
            if (dsl.isYield(node)) {
                yieldPoint(node);
            } else if (dsl.is(node, "each")) {
                eachPoint(node);
            }
            checkPrivateCall(node);
            String shadowed = dsl.shadowedDslName(node);
            if (shadowed != null) {
                diagnostics.error(Tag.DSL_SHADOWED, Messages.dslShadowed(shadowed, ifaceScope.simpleName()),
                        node.getMethodSelect(), unit);
            }
            return null;
        }

        /** An unqualified (or this.) call of a private interface method, outside local classes. */
        private void checkPrivateCall(MethodInvocationTree node) {
            ExpressionTree select = node.getMethodSelect();
            String name = null;
            if (select instanceof IdentifierTree id && lambdaOrClassDepth == 0) {
                name = id.getName().toString();
            } else if (select instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree q
                    && (q.getName().contentEquals("this") || q.getName().contentEquals(ifaceScope.simpleName()))) {
                name = m.getIdentifier().toString();
            }
            if (name != null && ifaceScope.privateMethods().contains(name)) {
                diagnostics.error(Tag.PRIVATE_MEMBER, Messages.privateMember(name, ifaceScope.simpleName()), select, unit);
            }
        }

        @Override
        public Void visitReturn(ReturnTree node, Void p) {
            super.visitReturn(node, null);
            if (method.kind().emits() && lambdaOrClassDepth == 0
                    && !dsl.is(node.getExpression(), "end")) {
                diagnostics.error(Tag.GENERATOR_RETURN, Messages.generatorReturn(
                        method.kind() == CoroutineKind.STREAM ? "AsyncStream" : "Generator"), node, unit);
            }
            return null;
        }

        // ------------------------------------------------------------ yield points

        /** Where to point at a DSL call: its name ({@code await}), not javac's default, the '('. */
        private Tree at(Tree call) {
            return call instanceof MethodInvocationTree m ? m.getMethodSelect() : call;
        }

        private void yieldPoint(MethodInvocationTree call) {
            TreePath path = getCurrentPath();
            String name = Objects.requireNonNull(dsl.dslName(call), "a yield point is a DSL call");
            if (!checkContext(path, name) || !checkKind(call, name) || !checkPosition(path, name)) {
                return;
            }
            yieldPoints.add(call);
            yieldPaths.add(path);
            for (TreePath p = path; p != null && p.getLeaf() != method.tree(); p = p.getParentPath()) {
                containsYield.add(p.getLeaf());
            }
        }

        /**
         * {@code each(stream)}: a yield point of the for-each loop whose expression it is (the loop
         * awaits each value and the stream's close); anywhere else in a coroutine, an error.
         */
        private void eachPoint(MethodInvocationTree call) {
            TreePath path = getCurrentPath();
            if (!(path.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop) || loop.getExpression() != call) {
                diagnostics.error(Tag.EACH_OUTSIDE_FOR_EACH, Messages.eachOutsideForEach(), at(call), unit);
                return;
            }
            if (method.kind() == CoroutineKind.GENERATOR) {
                diagnostics.error(Tag.EACH_IN_GENERATOR, Messages.eachInGenerator(method.name()), at(call), unit);
                return;
            }
            if (!checkContext(path, "each")) {
                return;
            }
            yieldPaths.add(path);
            for (TreePath p = path; p != null && p.getLeaf() != method.tree(); p = p.getParentPath()) {
                containsYield.add(p.getLeaf());
            }
        }

        /** Lambdas, local classes and synchronized blocks can never hold a yield point. */
        private boolean checkContext(TreePath path, String name) {
            for (TreePath p = path.getParentPath(); p.getLeaf() != method.tree(); p = p.getParentPath()) {
                Tree t = p.getLeaf();
                if (t instanceof LambdaExpressionTree) {
                    diagnostics.error(Tag.AWAIT_IN_LAMBDA, Messages.awaitInLambda(name), at(path.getLeaf()), unit);
                    return false;
                }
                if (t instanceof ClassTree) {
                    diagnostics.error(Tag.AWAIT_IN_LOCAL_CLASS, Messages.awaitInLocalClass(name), at(path.getLeaf()), unit);
                    return false;
                }
                if (t instanceof SynchronizedTree) {
                    diagnostics.error(Tag.AWAIT_IN_SYNCHRONIZED, Messages.awaitInSynchronized(name), at(path.getLeaf()), unit);
                    return false;
                }
            }
            return true;
        }

        private boolean checkKind(MethodInvocationTree call, String name) {
            if (name.equals("emit") && !method.kind().emits()) {
                diagnostics.error(Tag.EMIT_IN_TASK, Messages.emitInTask(method.name()), at(call), unit);
                return false;
            }
            if (name.equals("await") && !method.kind().awaits()) {
                diagnostics.error(Tag.AWAIT_IN_GENERATOR, Messages.awaitInGenerator(method.name()), at(call), unit);
                return false;
            }
            if (name.equals("await") && call.getArguments().size() == 2
                    && !(call.getArguments().get(1) instanceof MemberSelectTree literal
                            && literal.getIdentifier().contentEquals("class"))) {
                // await(task, X.class) lowers to an await of the task: the class is for javac only,
                // and an expression there would not be evaluated.
                return notYet(call.getArguments().get(1), "a second argument of await(...) other than a class literal",
                        "write the exception's class literal, e.g. await(task, TimeoutException.class)");
            }
            return true;
        }

        /**
         * Where a yield point may stand: anywhere in the expressions of a statement (its value
         * read where Java reads it), except where this version does not lower it yet.
         */
        private boolean checkPosition(TreePath path, String name) {
            Tree call = path.getLeaf();
            if (name.equals("emit")) {
                Tree parent = path.getParentPath().getLeaf();
                boolean statement = parent instanceof ExpressionStatementTree
                        || (parent instanceof CaseTree c && c.getCaseKind() == CaseTree.CaseKind.RULE);
                if (!statement) {
                    return notYet(call, "emit(...) inside an expression", "write emit(value); as a statement");
                }
            }
            Tree child = call;
            for (TreePath p = path.getParentPath(); p.getLeaf() != method.tree(); child = p.getLeaf(), p = p.getParentPath()) {
                if (p.getLeaf() instanceof CaseTree c && child != c.getBody()
                        && (c.getStatements() == null || !c.getStatements().contains(child))) {
                    // The labels and the guard are tested by the Java switch that dispatches, in one state.
                    return notYet(call, name + "(...) in a case's guard",
                            "await before the switch into a local, and test the local in the guard");
                }
                String construct = unsupportedConstruct(p.getLeaf());
                if (construct != null) {
                    return notYet(call, name + "(...) inside " + construct,
                            "move the " + name + " out of the " + construct + ", into a statement of its own before it");
                }
            }
            return true;
        }

        private boolean notYet(Tree call, String what, String fix) {
            diagnostics.error(Tag.NOT_YET_SUPPORTED, Messages.notYetSupported(what, fix), at(call), unit);
            return false;
        }

        private @Nullable String unsupportedConstruct(Tree t) {
            return switch (t.getKind()) {
                case ASSERT -> "an assert statement";
                default -> null;
            };
        }

        // ------------------------------------------------------------ result

        BodyAnalysis result() {
            IdentityHashMap<VarInfo, LocalVar> locals = new IdentityHashMap<>();
            List<LocalVar> variables = new ArrayList<>();
            IdentityHashMap<Tree, LocalVar> declarations = new IdentityHashMap<>();
            IdentityHashMap<LocalVar, String> fieldTypes = new IdentityHashMap<>();
            IdentityHashMap<LocalVar, TypeMirror> inferredTypes = new IdentityHashMap<>();
            for (VarInfo v : vars) {
                TreePath firstYieldAfter = v.inLambdaOrClass ? null : firstYieldInScopeAfter(v);
                if (!v.parameter && firstYieldAfter != null && !(v.scope instanceof ForLoopTree)
                        && !(v.scope instanceof EnhancedForLoopTree) && !usedAfter(v, firstYieldAfter)) {
                    // In scope across the yield point, but dead there (no use after it, a loop around
                    // it counting as after): nothing to keep, it stays a local of its state. A loop's
                    // own variable is read by its condition and update, which come before the body.
                    firstYieldAfter = null;
                }
                // the parameter of a catch clause of a lowered try (one with a yield point)
                boolean catchParameter = v.scope instanceof CatchTree
                        && containsYield.contains(v.path.getParentPath().getParentPath().getLeaf());
                if (catchParameter && firstYieldAfter != null
                        && !usedFrom(v, statementOfBlock(((CatchTree) v.scope).getBlock(), firstYieldAfter))) {
                    // The lowering declares it as a local in the catch block's first state: an
                    // exception kept in a field would stay reachable after the block.
                    firstYieldAfter = null;
                }
                // A lifted pattern variable is copied into its field where the pattern matches (see
                // the lowering's Rewriter and CaseLabels).
                // An unnamed variable (_, Java 22) cannot be read: it needs a field only as a
                // resource of a lowered try, which closes it in a later state.
                boolean unnamed = v.name.equals("_");
                boolean resource = v.path.getParentPath().getLeaf() instanceof TryTree;
                boolean lifted = (!unnamed || resource) && (v.parameter || firstYieldAfter != null || liftedByConstruct(v));
                LocalVar local = new LocalVar(v.declaration, v.name, v.parameter, lifted, v.assigned);
                locals.put(v, local);
                variables.add(local);
                declarations.put(v.declaration, local);
                if (unnamed && v.declaration instanceof VariableTree d && d.getType() == null) {
                    // var _ = await(t): the value is dropped, whatever its type; a resource is only closed
                    fieldTypes.put(local, resource ? "AutoCloseable" : "Object");
                    continue;
                }
                TreePath typeScope = !lifted && catchParameter ? v.path
                        : !lifted ? awaitedVarScope(v)
                        : v.parameter ? v.path
                        : v.path.getParentPath().getLeaf() instanceof EnhancedForLoopTree loop
                                ? new TreePath(v.path.getParentPath(), loop.getStatement()) // x is in scope in the body
                        : firstYieldAfter != null ? firstYieldAfter
                        : nextStatement(v) != null ? nextStatement(v)
                        : v.firstUse != null ? v.firstUse // a pattern's binding: where it is read
                        : v.path;
                if (typeScope != null) {
                    LocalTypes.LocalType type = localTypes.typeOf(method, v.path, typeScope);
                    if (type != null) {
                        fieldTypes.put(local, type.text());
                        if (type.inferred() != null) {
                            inferredTypes.put(local, type.inferred());
                        }
                    }
                }
            }
            IdentityHashMap<IdentifierTree, LocalVar> references = new IdentityHashMap<>();
            refs.forEach((id, v) -> references.put(id, locals.get(v)));
            hoisted = hoistedTypes(inferredTypes);
            checkLocalClasses();
            // A lifted var of a hoisted type: its field is declared with the type's simple name.
            for (var it = inferredTypes.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                String plain = plainLocalType(e.getValue());
                if (plain != null && hoisted.stream().anyMatch(t -> t.getSimpleName().contentEquals(plain))) {
                    fieldTypes.put(e.getKey(), plain);
                    it.remove();
                }
            }
            return new BodyAnalysis(yieldPoints, containsYield, variables, declarations, references, fieldTypes, inferredTypes,
                    hoisted);
        }

        /**
         * Whether {@code binding} is declared by a case label of a switch (statement or expression)
         * with a yield point: the case's body then runs in states other than the dispatch's.
         */
        private boolean inCaseOfLoweredSwitch(TreePath binding) {
            for (TreePath p = binding.getParentPath(); p != null; p = p.getParentPath()) {
                Tree t = p.getLeaf();
                if (t instanceof com.sun.source.tree.CaseTree) {
                    return containsYield.contains(p.getParentPath().getLeaf());
                }
                if (t instanceof com.sun.source.tree.StatementTree || t instanceof com.sun.source.tree.LambdaExpressionTree) {
                    return false;
                }
            }
            return false;
        }

        private boolean isPatternVariable(VarInfo v) {
            return v.path.getParentPath().getLeaf() instanceof BindingPatternTree;
        }

        /**
         * Locals that live in more than one state whatever the order of their uses: a resource of a
         * lowered try, the variable of a for-each over a stream, and a local of a lowered switch block
         * (each case is a state of its own). The parameter of a catch clause is not among them: the
         * lowering declares it where the catch block starts, so it is lifted only when it is used
         * after a yield point of the block.
         */
        private boolean liftedByConstruct(VarInfo v) {
            if (v.inLambdaOrClass) {
                return false;
            }
            Tree parent = v.path.getParentPath().getLeaf();
            if (parent instanceof TryTree t && containsYield.contains(t)) {
                return true; // a resource: closed in a state of its own
            }
            if (parent instanceof EnhancedForLoopTree loop && dsl.is(loop.getExpression(), "each")) {
                return true; // read from the stream's cursor after the await of its next value
            }
            if (v.scope instanceof SwitchTree && containsYield.contains(v.scope)) {
                return true;
            }
            if (isPatternVariable(v) && v.read && inCaseOfLoweredSwitch(v.path)) {
                return true; // bound in the state that dispatches, used in the arm's states
            }
            // A local of a lowered block nested in the body: the block's code is spread over states
            // that go on after the block ends, where a later declaration of the same name (a sibling
            // block's local, a lambda parameter) would clash with it.
            return v.scope instanceof BlockTree b && b != method.tree().getBody() && containsYield.contains(b)
                    && nextStatement(v) != null && vars.stream().filter(o -> o.name.equals(v.name)).count() > 1;
        }

        /** The statement after {@code v}'s declaration in its block, or null. */
        private @Nullable TreePath nextStatement(VarInfo v) {
            if (v.path.getParentPath().getLeaf() instanceof BlockTree block) {
                int index = block.getStatements().indexOf(v.declaration);
                if (index >= 0 && index + 1 < block.getStatements().size()) {
                    return new TreePath(v.path.getParentPath(), block.getStatements().get(index + 1));
                }
            }
            return null;
        }

        /**
         * The local records, enums and interfaces declared before a yield point of their block,
         * which the machine declares as its own nested types, where every state sees them. They are
         * static (they see no local and no {@code this}), so moving them changes nothing, unless the
         * move would change what a name means; then a type stays where it is, and
         * {@link #checkLocalClasses} reports it. So a type is hoisted only if:
         * <ul>
         *   <li>its name is unique among the body's local types, is not one the machine's own code
         *       uses, and is not used in the method outside the type's scope (a nested type by that
         *       name would hide what it means there);</li>
         *   <li>it calls, unqualified, no method the generated class would hide or not have (the
         *       machine's inherited methods, the interface's methods: static ones are not inherited);</li>
         *   <li>every local type it names is hoisted too;</li>
         *   <li>no lifted {@code var} has a type that merely mentions it ({@code List<Point>}): only a
         *       plain {@code Point} can be written back as a field's type.</li>
         * </ul>
         */
        private List<ClassTree> hoistedTypes(Map<LocalVar, TypeMirror> inferredTypes) {
            Map<String, Integer> names = new HashMap<>();
            for (TreePath c : localClasses) {
                names.merge(((ClassTree) c.getLeaf()).getSimpleName().toString(), 1, Integer::sum);
            }
            Set<String> blocked = new HashSet<>();
            for (TypeMirror t : inferredTypes.values()) {
                if (!(plainLocalType(t) != null)) {
                    collectLocalTypeNames(t, blocked);
                }
            }
            Map<String, TreePath> candidates = new LinkedHashMap<>();
            for (TreePath c : localClasses) {
                ClassTree type = (ClassTree) c.getLeaf();
                String name = type.getSimpleName().toString();
                if (isStaticLocalType(type) && !insideLambdaOrClass(c) && declaredBeforeAYieldOfItsBlock(c)
                        && names.getOrDefault(name, 0) == 1 && !blocked.contains(name) && !NAMES_THE_MACHINE_USES.contains(name)
                        && !name.endsWith("Machine") && !name.equals(ifaceScope.simpleName())
                        && !name.equals(ifaceScope.generatedSimpleName()) && !callsWhatTheGeneratedClassWouldHide(type)
                        && !usedOutsideItsScope(c, name)) {
                    candidates.put(name, c);
                }
            }
            // A type that names a local type left where it is could not see it from the machine.
            for (boolean changed = true; changed; ) {
                changed = false;
                for (var it = candidates.entrySet().iterator(); it.hasNext(); ) {
                    Set<String> named = simpleNamesIn(it.next().getValue().getLeaf());
                    named.retainAll(names.keySet());
                    if (!candidates.keySet().containsAll(named)) {
                        it.remove();
                        changed = true;
                    }
                }
            }
            List<ClassTree> hoisted = new ArrayList<>();
            candidates.values().forEach(c -> hoisted.add((ClassTree) c.getLeaf()));
            return hoisted;
        }

        private boolean declaredBeforeAYieldOfItsBlock(TreePath c) {
            long declEnd = source.end(unit, c.getLeaf());
            long blockEnd = source.end(unit, scopeOfLocalType(c));
            for (TreePath y : yieldPaths) {
                long start = source.start(unit, y.getLeaf());
                if (start >= declEnd && start < blockEnd) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the method names {@code name}, unqualified, outside the scope of the local type {@code c}. */
        private boolean usedOutsideItsScope(TreePath c, String name) {
            long scopeStart = source.start(unit, c.getLeaf());
            long scopeEnd = source.end(unit, scopeOfLocalType(c));
            boolean[] outside = {false};
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void p) {
                    if (node.getName().contentEquals(name)) {
                        long at = source.start(unit, node);
                        if (at < scopeStart || at >= scopeEnd) {
                            outside[0] = true;
                        }
                    }
                    return null;
                }
            }.scan(method.tree(), null);
            return outside[0];
        }

        /** The simple names {@code tree} uses as identifiers. */
        private static Set<String> simpleNamesIn(Tree tree) {
            Set<String> out = new HashSet<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(IdentifierTree node, Void p) {
                    out.add(node.getName().toString());
                    return null;
                }
            }.scan(tree, null);
            return out;
        }

        /**
         * Whether {@code type} calls, unqualified, a method it does not declare (nor inherit from
         * {@code Object}, {@code Record} or {@code Enum}) whose name the generated class would give
         * another meaning or none: one the machine inherits, or one of the interface's (its static
         * methods are not inherited by the class that implements it).
         */
        private boolean callsWhatTheGeneratedClassWouldHide(ClassTree type) {
            Set<String> own = new HashSet<>(Set.of("wait", "notify", "notifyAll", "getClass", "hashCode", "equals",
                    "toString", "clone", "finalize", "name", "ordinal", "compareTo", "values", "valueOf"));
            for (Tree member : type.getMembers()) {
                if (member instanceof MethodTree m) {
                    own.add(m.getName().toString());
                }
            }
            boolean[] hides = {false};
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
                    if (node.getMethodSelect() instanceof IdentifierTree id) {
                        String called = id.getName().toString();
                        if (!own.contains(called) && (InterfaceScope.MACHINE_MEMBERS.contains(called)
                                || ifaceScope.staticMethods().contains(called) || ifaceScope.privateMethods().contains(called)
                                || ifaceScope.instanceMethods().contains(called))) {
                            hides[0] = true;
                        }
                    }
                    return super.visitMethodInvocation(node, null);
                }
            }.scan(type, null);
            return hides[0];
        }

        /** The simple name of {@code t} if it is a local type without type arguments, else null. */
        private static @Nullable String plainLocalType(TypeMirror t) {
            if (t instanceof DeclaredType d && d.getTypeArguments().isEmpty()
                    && d.asElement() instanceof TypeElement e && e.getNestingKind() == NestingKind.LOCAL) {
                return e.getSimpleName().toString();
            }
            return null;
        }

        /** Adds the simple names of the local types {@code t} mentions. */
        private static void collectLocalTypeNames(@Nullable TypeMirror t, Set<String> out) {
            if (t instanceof DeclaredType d) {
                if (d.asElement() instanceof TypeElement e && e.getNestingKind() == NestingKind.LOCAL) {
                    out.add(e.getSimpleName().toString());
                }
                d.getTypeArguments().forEach(a -> collectLocalTypeNames(a, out));
            } else if (t instanceof ArrayType a) {
                collectLocalTypeNames(a.getComponentType(), out);
            } else if (t instanceof WildcardType w) {
                collectLocalTypeNames(w.getExtendsBound(), out);
                collectLocalTypeNames(w.getSuperBound(), out);
            } else if (t instanceof IntersectionType i) {
                i.getBounds().forEach(b -> collectLocalTypeNames(b, out));
            }
        }

        /** A record, enum or interface: implicitly static when local (JLS 14.3). */
        private static boolean isStaticLocalType(ClassTree type) {
            return switch (type.getKind().name()) {
                case "RECORD", "ENUM", "INTERFACE" -> true;
                default -> false;
            };
        }

        private boolean insideLambdaOrClass(TreePath path) {
            for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != method.tree(); p = p.getParentPath()) {
                if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                    return true;
                }
            }
            return false;
        }

        /** A local class declared before a yield point of its block is out of reach after it. */
        private void checkLocalClasses() {
            for (TreePath c : localClasses) {
                if (!hoisted.contains(c.getLeaf()) && declaredBeforeAYieldOfItsBlock(c)) {
                    diagnostics.error(Tag.LOCAL_CLASS_ACROSS_YIELD,
                            Messages.localClassAcrossYield(c.getLeaf().getKind().name().toLowerCase(java.util.Locale.ROOT),
                                    ((ClassTree) c.getLeaf()).getSimpleName().toString()),
                            c.getLeaf(), unit);
                }
            }
        }

        /**
         * The block a local type is declared in, whose end ends its scope: its block, or for one
         * declared in a group of a classic switch, the whole switch block (JLS 6.3).
         */
        private Tree scopeOfLocalType(TreePath c) {
            Tree parent = c.getParentPath().getLeaf();
            return parent instanceof CaseTree ? c.getParentPath().getParentPath().getLeaf() : parent;
        }

        /**
         * For a local initialized by {@code await} that stays a local: where to read its type (the
         * next statement of its block, where it is in scope), or null if nothing follows it.
         */
        private @Nullable TreePath awaitedVarScope(VarInfo v) {
            if (!(v.declaration instanceof VariableTree decl) || !dsl.is(decl.getInitializer(), "await")
                    || !(v.path.getParentPath().getLeaf() instanceof BlockTree block)) {
                return null;
            }
            int index = block.getStatements().indexOf(decl);
            if (index + 1 < block.getStatements().size()) {
                return new TreePath(v.path.getParentPath(), block.getStatements().get(index + 1));
            }
            return v.path;
        }

        /**
         * Whether {@code v} is used where the machine may no longer have it as a local: at or after
         * the start of the outermost statement of its scope that holds its first yield point. Up to
         * there, the code runs in the state that bound it (the statements before hold no yield
         * point, so they are not split into states); from there on, a statement with a yield point is
         * spread over states (a loop that repeats, a switch whose cases are states, the target of
         * {@code d = await(t)}), so a use there needs the field.
         */
        private boolean usedAfter(VarInfo v, TreePath firstYield) {
            return usedFrom(v, outermostStatementInScope(v, firstYield));
        }

        /** Whether {@code v} is used at or after the start of {@code statement}. */
        private boolean usedFrom(VarInfo v, TreePath statement) {
            long from = source.start(unit, statement.getLeaf());
            for (Map.Entry<IdentifierTree, VarInfo> r : refs.entrySet()) {
                if (r.getValue() == v && source.start(unit, r.getKey()) >= from) {
                    return true;
                }
            }
            return false;
        }

        /** The statement of {@code block} that holds {@code inner}. */
        private TreePath statementOfBlock(BlockTree block, TreePath inner) {
            TreePath result = inner;
            for (TreePath p = inner; p != null && p.getLeaf() != block; p = p.getParentPath()) {
                result = p;
            }
            return result;
        }

        /** The outermost statement around {@code yield} inside {@code v}'s scope (the yield's own, at least). */
        private TreePath outermostStatementInScope(VarInfo v, TreePath yield) {
            TreePath result = yield;
            for (TreePath p = yield; p != null && p.getLeaf() != v.scope; p = p.getParentPath()) {
                if (p.getLeaf() instanceof com.sun.source.tree.StatementTree) {
                    result = p;
                }
            }
            if (!(result.getLeaf() instanceof com.sun.source.tree.StatementTree)) {
                // the yield is in an expression of the scope's own statement (an if's condition)
                for (TreePath p = yield; p != null; p = p.getParentPath()) {
                    if (p.getLeaf() instanceof com.sun.source.tree.StatementTree) {
                        return p;
                    }
                }
            }
            return result;
        }

        private @Nullable TreePath firstYieldInScopeAfter(VarInfo v) {
            long declEnd = source.end(unit, v.declaration);
            long scopeEnd = source.end(unit, v.scope);
            for (TreePath y : yieldPaths) {
                long start = source.start(unit, y.getLeaf());
                if (start >= declEnd && start < scopeEnd) {
                    return y;
                }
            }
            return null;
        }
    }
}
