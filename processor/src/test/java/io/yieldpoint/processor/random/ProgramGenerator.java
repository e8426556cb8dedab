package io.yieldpoint.processor.random;

import io.yieldpoint.processor.random.GeneratorOptions.Feature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates the body of one {@code @Coroutine} method from a seed: a random program over a small
 * grammar of Java statements around yield points, that javac accepts and that terminates.
 *
 * <p>The generator writes text directly, tracking what javac checks:
 * <ul>
 *   <li><b>scopes</b>: the locals in scope, their types and whether they are definitely assigned;
 *       names are never redeclared while in scope (Java forbids shadowing a local), but may be
 *       declared again in a sibling scope, even with another type; a local declared in a classic
 *       switch group stays in Java's scope for the rest of the switch block, so its name is
 *       reserved there;</li>
 *   <li><b>reachability</b> (JLS 14.22, as javac's {@code Flow.AliveAnalyzer} implements it): each
 *       statement generator returns whether its statement can complete normally, and a block ends
 *       at its first statement that cannot. Breaks and continues mark their targets, which decides
 *       whether {@code while (true)}, {@code do}, a labeled statement or a switch can complete
 *       normally; jumps out of a try whose finally cannot complete normally do not count;</li>
 *   <li><b>jump targets</b>: unlabeled {@code break} to the innermost loop or switch,
 *       {@code continue} to the innermost loop, labeled ones to an enclosing label; labels are
 *       unique in a method;</li>
 *   <li><b>termination</b>: every loop runs at most {@code maxIterations} times, counted by a
 *       read-only counter incremented first thing in the body (so {@code continue} cannot skip
 *       it), and loops nest at most {@code maxLoopNesting} deep; strings grow additively.</li>
 * </ul>
 *
 * <p>Side effects are {@code trace("id:" + value)} calls on the interface (the harness records
 * them), numbered in the order they are written. Exceptions are the custom unchecked
 * {@code E1}, {@code E2}, {@code E3} of the batch, never JVM exceptions (no division by zero, no
 * null, no index out of bounds), so their messages compare exactly.
 *
 * <p>Yield points stand as a statement, as the initializer of a local declared in a block, as the
 * right side of an assignment statement to a local, and as the expression of an arrow case. With
 * {@link Feature#EXPRESSION_AWAITS} they also appear inside expressions (every expression
 * generator may produce an {@code await} atom).
 */
final class ProgramGenerator {

    /** The value types of locals. */
    enum Type {
        INT("int", "Integer"), LONG("long", "Long"), STRING("String", "String"), BOOLEAN("boolean", "Boolean"),
        /** {@code int[]} (read-only, never in a general expression but {@code a[i]}, {@code a.length}). */
        ARRAY("int[]", null),
        /** {@code List<Integer>} (read-only). */
        LIST("List<Integer>", null),
        /** A catch parameter. */
        EXCEPTION("RuntimeException", null),
        /** A lambda, {@code IntSupplier f = () -> x + 1;} (read-only; called as {@code f.getAsInt()}). */
        SUPPLIER("IntSupplier", null),
        /** A task kept in a local and awaited later, maybe more than once (read-only). */
        TASK_INT("Task<Integer>", null),
        TASK_STRING("Task<String>", null),
        /** An {@code Object} holding an Integer or a String, matched by patterns (read-only). */
        OBJECT("Object", null);

        final String java;
        final String boxed;

        Type(String java, String boxed) {
            this.java = java;
            this.boxed = boxed;
        }
    }

    private static final class Var {
        final String name;
        final Type type;
        /** Loop counters, for-each variables, catch parameters, collections: never assigned. */
        final boolean readOnly;
        /** Of an array or list. */
        final int length;
        boolean assigned;
        /** Assigned after its declaration (or a counter): not effectively final, never captured. */
        boolean modified;
        /** Captured by a lambda: never assigned from then on. */
        boolean captured;

        Var(String name, Type type, boolean readOnly, int length, boolean assigned) {
            this.name = name;
            this.type = type;
            this.readOnly = readOnly;
            this.length = length;
            this.assigned = assigned;
        }
    }

    /** Local records declared so far (each gets the next number: names are unique in a program). */
    private int records;

    private static final class Scope {
        final Scope parent;
        final Map<String, Var> vars = new LinkedHashMap<>();
        /** Names of locals of earlier groups of a classic switch block: still in Java's scope. */
        final Set<String> reserved = new HashSet<>();
        /** Local records declared in this scope, usable in expressions from then on. */
        final List<String> records = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }
    }

    private enum TargetKind { LOOP, SWITCH, BLOCK }

    /** A statement that {@code break} or {@code continue} can target. */
    private static final class Target {
        final TargetKind kind;
        final String label;
        /** A reachable break exits it (so it can complete normally). */
        boolean broken;
        /** A reachable continue goes to it (matters for {@code do}). */
        boolean continued;

        Target(TargetKind kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    private static final String[] NAMES = {"a", "b", "c", "d", "f", "g", "h", "k", "m", "n", "r", "s", "u", "w", "x", "y", "z"};
    private static final String[] EXCEPTIONS = {"E1", "E2", "E3"};
    private static final String[] COMPARISONS = {"<", "<=", ">", ">=", "==", "!="};

    private final Random rnd;
    private final GeneratorOptions opt;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    private Scope scope;
    /** Innermost first. */
    private final Deque<Target> targets = new ArrayDeque<>();
    private final Set<String> usedNames = new LinkedHashSet<>();
    private int loopDepth;
    private int budget;
    private int nextTrace;
    private int nextLabel;
    private int nextName;
    private int nextMessage;
    /** How many conditional expressions ({@code ?:}) the expression being written is inside. */
    private int conditionalDepth;
    /** The statements being written are those of a classic switch group, not of a block. */
    private boolean inCaseGroup;
    /** How many then-blocks of {@code if (!(o instanceof String s))} the statement being generated is in. */
    private int inNegatedPatternIf;
    private Type returnType;

    ProgramGenerator(long seed, GeneratorOptions opt) {
        this.rnd = new Random(seed);
        this.opt = opt;
    }

    /** One generated program: the method's text and the arguments to call it with. */
    record Program(String methodName, String returnType, String source, int p, String q) {}

    /** Generates the method {@code name} with parameters {@code (int p, String q)}, indented by one level. */
    Program generate(String name) {
        returnType = pick(Type.INT, Type.INT, Type.LONG, Type.STRING);
        int p = rnd.nextInt(7) - 2;
        String q = pick("", "ab", "xyz", "hello");
        budget = opt.minStatements + rnd.nextInt(opt.maxStatements - opt.minStatements + 1);
        indent = 1;
        line("@Coroutine");
        open("default Task<" + returnType.boxed + "> " + name + "(int p, String q)");
        scope = new Scope(null);
        declare("p", Type.INT, false, 0);
        declare("q", Type.STRING, false, 0);
        trace();
        boolean completes = statements(0, budget);
        if (completes) {
            line("return done(" + expr(returnType, 2) + ");");
        }
        close();
        return new Program(name, returnType.boxed, out.toString(), p, q);
    }

    // ================================================================ statements

    /** Up to {@code count} statements (while the budget lasts); whether the last can complete normally. */
    private boolean statements(int depth, int count) {
        for (int i = 0; i < count && budget > 0; i++) {
            if (!statement(depth)) {
                return false;
            }
        }
        return true;
    }

    /** A block's statements in a new scope, between braces the caller writes. */
    private boolean block(int depth, int count) {
        boolean savedCaseGroup = inCaseGroup;
        inCaseGroup = false;
        scope = new Scope(scope);
        try {
            boolean completes = statements(depth, count);
            if (completes && chance(8)) {
                completes = jump(false);
            }
            return completes;
        } finally {
            scope = scope.parent;
            inCaseGroup = savedCaseGroup;
        }
    }

    private int blockSize() {
        return 1 + rnd.nextInt(4);
    }

    private boolean statement(int depth) {
        budget--;
        boolean compound = depth < opt.maxDepth && budget > 2;
        boolean loops = compound && loopDepth < opt.maxLoopNesting;
        List<Runnable> choices = new ArrayList<>();
        boolean[] result = {true};
        add(choices, 10, true, () -> trace());
        add(choices, 10, opt.has(Feature.LOCAL_DECL), () -> result[0] = declaration(depth));
        add(choices, 8, opt.has(Feature.ASSIGN) || opt.has(Feature.COMPOUND_ASSIGN) || opt.has(Feature.INCREMENT), this::assignment);
        add(choices, 2, opt.has(Feature.ARRAY_STORE) && !vars(Type.ARRAY, false).isEmpty(), this::arrayStore);
        add(choices, 2, opt.has(Feature.LOCAL_RECORD) && !inCaseGroup, this::localRecord);
        add(choices, 9, opt.has(Feature.AWAIT_STATEMENT), () -> line("await(" + anyTask() + ");"));
        add(choices, 5, opt.has(Feature.GUARDED_JUMP), this::guardedJump);
        add(choices, 8, compound && opt.has(Feature.IF), () -> result[0] = ifStatement(depth));
        add(choices, 4, loops && opt.has(Feature.WHILE), () -> result[0] = whileLoop(depth));
        add(choices, 3, loops && opt.has(Feature.DO_WHILE), () -> result[0] = doWhileLoop(depth));
        add(choices, 4, loops && opt.has(Feature.FOR), () -> result[0] = forLoop(depth));
        add(choices, 4, loops && (opt.has(Feature.FOR_EACH_ARRAY) || opt.has(Feature.FOR_EACH_LIST)), () -> result[0] = forEachLoop(depth));
        add(choices, 2, loops && opt.has(Feature.FOR_EACH_STREAM), () -> result[0] = forEachStream(depth));
        add(choices, 4, compound && opt.has(Feature.SWITCH_CLASSIC)
                && (inNegatedPatternIf == 0 || opt.has(Feature.SWITCH_GROUP_LOCAL_IN_NEGATED_PATTERN_IF)),
                () -> result[0] = classicSwitch(depth));
        add(choices, 3, compound && opt.has(Feature.SWITCH_ARROW), () -> result[0] = arrowSwitch(depth));
        add(choices, 2, compound && opt.has(Feature.LABELS), () -> result[0] = labeledBlock(depth));
        add(choices, 8, compound && (opt.has(Feature.TRY_CATCH) || opt.has(Feature.FINALLY)), () -> result[0] = tryStatement(depth));
        add(choices, 4, compound && opt.has(Feature.INSTANCEOF_PATTERNS), () -> result[0] = patternIf(depth));
        add(choices, 3, compound && opt.has(Feature.SWITCH_PATTERNS) && Runtime.version().feature() >= 21,
                () -> result[0] = patternSwitch(depth));
        add(choices, 1, depth > 0, () -> result[0] = jump(false));
        runWeighted(choices);
        return result[0];
    }

    /** A local record, named once per program, which later int expressions of its scope construct. */
    private void localRecord() {
        String name = "R" + (++records);
        line("record " + name + "(int a) { int score() { return a * " + (2 + rnd.nextInt(5)) + " + "
                + rnd.nextInt(10) + "; } }");
        scope.records.add(name);
    }

    private List<String> visibleRecords() {
        List<String> out = new ArrayList<>();
        for (Scope s = scope; s != null; s = s.parent) {
            out.addAll(s.records);
        }
        return out;
    }

    private void trace() {
        String id = traceId();
        String trace = self() + "trace(";
        switch (rnd.nextInt(4)) {
            case 0 -> line(trace + "\"" + id + "\");");
            case 1, 2 -> line(trace + "\"" + id + ":\" + " + expr(opt.has(Feature.BOOLEAN_LOCALS)
                    ? pick(Type.INT, Type.INT, Type.LONG, Type.STRING, Type.BOOLEAN) : pick(Type.INT, Type.INT, Type.LONG, Type.STRING), 2) + ");");
            default -> line(trace + "\"" + id + ":\" + " + expr(Type.INT, 1) + " + \",\" + " + expr(Type.STRING, 1) + ");");
        }
    }

    private String traceId() {
        return Integer.toString(++nextTrace);
    }

    // ---------------------------------------------------------------- locals

    /** A local declaration; false if it ends with an if/else neither branch of which completes normally. */
    private boolean declaration(int depth) {
        if (opt.has(Feature.COLLECTION_LOCALS) && chance(8)) {
            collectionLocal();
            return true;
        }
        if (opt.has(Feature.LAMBDA_CAPTURE) && chance(7)) {
            lambdaLocal();
            return true;
        }
        if (opt.has(Feature.TASK_LOCALS) && chance(7)) {
            taskLocal();
            return true;
        }
        Type type = valueType();
        String name = newName();
        boolean await = opt.has(Feature.AWAIT_INITIALIZER) && chance(40);
        boolean awaitHere = await && (!inCaseGroup || opt.has(Feature.EXPRESSION_AWAITS));
        if (opt.has(Feature.UNINIT_DECL) && chance(12)) {
            line(type.java + " " + name + ";");
            Var v = declare(name, type, false, 0);
            v.assigned = false;
            v.modified = true;
            boolean completes = true;
            if (depth < opt.maxDepth && budget > 2 && chance(50) && opt.has(Feature.IF)) {
                // Both branches assign first: definitely assigned after the if, whatever else they do.
                open("if (" + condition(2) + ")");
                line(name + " = " + valueOrAwait(type) + ";");
                completes = block(depth + 1, rnd.nextInt(3));
                reopen("} else {");
                line(name + " = " + valueOrAwait(type) + ";");
                completes |= block(depth + 1, rnd.nextInt(3));
                close();
            } else {
                line(name + " = " + valueOrAwait(type) + ";");
            }
            v.assigned = true;
            return completes;
        }
        if (opt.has(Feature.VAR_LOCAL) && chance(12) && (type != Type.STRING ? !awaitHere : true)) {
            // var: the type of the initializer (for await, only String: an int task would give Integer).
            String init = awaitHere && type == Type.STRING ? "await(" + task(type) + ")"
                    : switch (type) {
                        case INT -> intExpr(2);
                        case LONG -> longExpr(2);
                        case BOOLEAN -> plainCondition(2);
                        default -> stringExpr(2);
                    };
            line("var " + name + " = " + init + ";");
        } else if (awaitHere) {
            line(type.java + " " + name + " = await(" + task(type) + ");");
        } else if (await) {
            line(type.java + " " + name + ";");
            line(name + " = await(" + task(type) + ");");
        } else {
            line(type.java + " " + name + " = " + expr(type, 2) + ";");
        }
        declare(name, type, false, 0);
        return true;
    }

    private void collectionLocal() {
        String name = newName();
        int length = 1 + rnd.nextInt(3);
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            elements.add(expr(Type.INT, 1));
        }
        if (chance(50)) {
            line("int[] " + name + " = " + (chance(50) ? "" : "new int[] ") + "{" + String.join(", ", elements) + "};");
            declare(name, Type.ARRAY, true, length);
        } else {
            line("List<Integer> " + name + " = " + (chance(50) ? "List.of(" : "Arrays.asList(") + String.join(", ", elements) + ");");
            declare(name, Type.LIST, true, length);
        }
    }

    /**
     * {@code IntSupplier f = () -> x + s.length();} capturing effectively final locals (which are
     * never assigned from then on), sometimes with a {@code trace} in a block body: called later,
     * maybe after yield points, it must see the values it captured.
     */
    private void lambdaLocal() {
        List<Var> capturable = new ArrayList<>();
        for (Type t : List.of(Type.INT, Type.LONG, Type.STRING, Type.BOOLEAN)) {
            for (Var v : vars(t, true)) {
                if (!v.modified) {
                    capturable.add(v);
                }
            }
        }
        List<String> terms = new ArrayList<>();
        for (int k = rnd.nextInt(3); k > 0 && !capturable.isEmpty(); k--) {
            Var v = pick(capturable);
            v.captured = true;
            terms.add(switch (v.type) {
                case INT -> v.name;
                case LONG -> "(int) " + v.name;
                case STRING -> v.name + ".length()";
                default -> "(" + v.name + " ? 1 : 0)";
            });
        }
        terms.add(Integer.toString(rnd.nextInt(10)));
        String body = terms.size() == 1 ? terms.get(0) : "(" + String.join(" + ", terms) + ")";
        String name = newName();
        if (chance(40)) {
            line("IntSupplier " + name + " = () -> {");
            indent++;
            line(self() + "trace(\"" + traceId() + ":\" + " + body + ");");
            line("return " + body + ";");
            indent--;
            line("};");
        } else {
            line("IntSupplier " + name + " = () -> " + body + ";");
        }
        declare(name, Type.SUPPLIER, true, 0);
    }

    /**
     * {@code Task<Integer> t = later(x);} awaited later, maybe twice. Never {@code laterFail}:
     * its blocking reading throws at the call, where the state machine's task fails at the await.
     */
    private void taskLocal() {
        String name = newName();
        if (chance(70)) {
            String init = switch (rnd.nextInt(5)) {
                case 0, 1 -> self() + "later(" + expr(Type.INT, 1) + ")";
                case 2, 3 -> "done(" + expr(Type.INT, 1) + ")";
                default -> "Task.<Integer>failed(" + newException() + ")";
            };
            line("Task<Integer> " + name + " = " + init + ";");
            declare(name, Type.TASK_INT, true, 0);
        } else {
            String init = switch (rnd.nextInt(5)) {
                case 0, 1 -> self() + "laterStr(" + expr(Type.STRING, 1) + ")";
                case 2, 3 -> "done(" + expr(Type.STRING, 1) + ")";
                default -> "Task.<String>failed(" + newException() + ")";
            };
            line("Task<String> " + name + " = " + init + ";");
            declare(name, Type.TASK_STRING, true, 0);
        }
    }

    /** {@code "this."} sometimes, for calls of the interface's own methods. */
    private String self() {
        return opt.has(Feature.THIS_CALLS) && chance(20) ? "this." : "";
    }

    private String valueOrAwait(Type type) {
        return opt.has(Feature.AWAIT_ASSIGNMENT) && chance(40) ? "await(" + task(type) + ")" : expr(type, 2);
    }

    private void assignment() {
        List<Var> targets = assignable();
        if (targets.isEmpty()) {
            trace();
            return;
        }
        Var v = pick(targets);
        v.modified = true;
        int form = rnd.nextInt(10);
        if (form < 2 && opt.has(Feature.INCREMENT) && (v.type == Type.INT || v.type == Type.LONG)) {
            line(pick(v.name + "++", v.name + "--", "++" + v.name, "--" + v.name) + ";");
        } else if (form < 5 && opt.has(Feature.COMPOUND_ASSIGN)) {
            if (v.type == Type.BOOLEAN) {
                line(v.name + " " + pick("&=", "|=", "^=") + " " + condition(1) + ";");
            } else if (v.type == Type.STRING) {
                line(v.name + " += " + pick(expr(Type.INT, 1), literal(Type.STRING)) + ";");
            } else {
                line(v.name + " " + pick("+=", "-=", "*=") + " " + expr(Type.INT, 1) + ";");
            }
        } else if (opt.has(Feature.ASSIGN)) {
            line(v.name + " = " + valueOrAwait(v.type) + ";");
        } else {
            trace();
        }
    }

    private void arrayStore() {
        Var a = pick(vars(Type.ARRAY, false));
        String element = a.name + "[" + rnd.nextInt(a.length) + "]";
        boolean awaits = opt.has(Feature.COMPOUND_ASSIGN) && opt.has(Feature.AWAIT_ASSIGNMENT);
        int form = rnd.nextInt(10);
        if (awaits && form < 2) {
            // the element is read before the awaited operand (JLS 15.26.2)
            line(element + " " + pick("+=", "-=", "*=") + " await(" + task(Type.INT, true) + ");");
        } else if (awaits && form < 4) {
            // the same inside an expression, with an operand after it
            line(self() + "trace(\"" + traceId() + ":\" + (" + element + " " + pick("+=", "-=") + " await("
                    + task(Type.INT, true) + ")) + \",\" + " + expr(Type.INT, 1) + ");");
        } else {
            line(element + " = " + expr(Type.INT, 1) + ";");
        }
    }

    // ---------------------------------------------------------------- if

    private boolean ifStatement(int depth) {
        open("if (" + condition(2) + ")");
        boolean completes = block(depth + 1, blockSize());
        boolean hasElse = false;
        while (opt.has(Feature.ELSE_IF_CHAIN) && chance(25)) {
            reopen("} else if (" + condition(2) + ") {");
            completes |= block(depth + 1, blockSize());
        }
        if (chance(50)) {
            hasElse = true;
            reopen("} else {");
            completes |= block(depth + 1, blockSize());
        }
        close();
        return completes || !hasElse;
    }

    // ---------------------------------------------------------------- patterns

    /** {@code Object o = <an Integer or a String>;}, declared read-only: the subject of a pattern. */
    private String patternSubject() {
        String o = newName();
        line("Object " + o + " = " + (chance(50) ? expr(Type.STRING, 1) : expr(Type.INT, 1)) + ";");
        declare(o, Type.OBJECT, true, 0);
        return o;
    }

    /** The then-block of a pattern, with its binding {@code name} of {@code type} in scope. */
    private boolean blockWithBinding(int depth, String name, Type type) {
        return blockWithBinding(depth, name, type, false);
    }

    /** As above; a binding a guard reads must stay effectively final: {@code readOnly}. */
    private boolean blockWithBinding(int depth, String name, Type type, boolean readOnly) {
        scope = new Scope(scope);
        try {
            declare(name, type, readOnly, 0);
            return block(depth + 1, blockSize());
        } finally {
            scope = scope.parent;
        }
    }

    /**
     * {@code instanceof} type patterns around yield points: a chain testing for String (maybe with
     * {@code &&}) then Integer (with a guard), the bindings used in their blocks; or the negated
     * form whose then-block cannot complete, which leaves the binding in scope after the if.
     */
    private boolean patternIf(int depth) {
        String o = patternSubject();
        if (chance(30)) {
            // if (!(o instanceof String s)) { ...; throw } and s is in scope from here on (JLS 6.3.2.2)
            String s = newName();
            open("if (!(" + o + " instanceof String " + s + "))");
            scope = new Scope(scope);
            inNegatedPatternIf++;
            boolean completes = statements(depth + 1, rnd.nextInt(2));
            inNegatedPatternIf--;
            scope = scope.parent;
            if (completes) {
                line("throw " + newException() + ";");
            }
            close();
            declare(s, Type.STRING, false, 0);
            return true;
        }
        String s = newName();
        open("if (" + o + " instanceof String " + s + (chance(40) ? " && " + s + ".length() > " + rnd.nextInt(3) : "") + ")");
        boolean thenCompletes = blockWithBinding(depth, s, Type.STRING);
        String k = newName();
        reopen("} else if (" + o + " instanceof Integer " + k + " && " + k + " " + pick(">", "<", "!=") + " " + rnd.nextInt(4) + ") {");
        boolean elseCompletes = blockWithBinding(depth, k, Type.INT);
        boolean hasElse = chance(50);
        if (hasElse) {
            reopen("} else {");
            elseCompletes |= block(depth + 1, blockSize());
        }
        close();
        if (thenCompletes && hasElse && !elseCompletes) {
            // JLS 6.3.2.2: only the then-branch completes, so s is in scope after the if
            declare(s, Type.STRING, false, 0);
        }
        return thenCompletes || elseCompletes || !hasElse;
    }

    /**
     * A pattern {@code switch} statement (Java 21): a guarded and an unguarded String case, an
     * Integer case and a default, each arm a block that may await and use its binding.
     */
    private boolean patternSwitch(int depth) {
        String o = patternSubject();
        Target t = pushTarget(TargetKind.SWITCH, null);
        open("switch (" + o + ")");
        boolean completes = false;
        String s = newName();
        line("case String " + s + " when " + s + ".length() > " + rnd.nextInt(3) + " -> {");
        indent++;
        completes |= blockWithBinding(depth, s, Type.STRING, true);
        indent--;
        line("}");
        String s2 = newName();
        line("case String " + s2 + " -> {");
        indent++;
        completes |= blockWithBinding(depth, s2, Type.STRING);
        indent--;
        line("}");
        String k = newName();
        line("case Integer " + k + " -> {");
        indent++;
        completes |= blockWithBinding(depth, k, Type.INT);
        indent--;
        line("}");
        line("default -> {");
        indent++;
        completes |= block(depth + 1, blockSize());
        indent--;
        line("}");
        close();
        targets.pop();
        return completes || t.broken;
    }

    // ---------------------------------------------------------------- jumps

    /** {@code if (cond) { trace; jump }}: completes normally (an if-then always can). */
    private void guardedJump() {
        open("if (" + condition(2) + ")");
        if (chance(60)) {
            trace();
        }
        jump(true);
        close();
    }

    /** A break, continue, return or throw; returns false (it cannot complete normally). */
    private boolean jump(boolean guarded) {
        List<Runnable> choices = new ArrayList<>();
        Target breakTarget = innermost(true);
        Target continueTarget = innermost(false);
        List<Target> labeled = new ArrayList<>();
        List<Target> labeledLoops = new ArrayList<>();
        for (Target t : targets) {
            if (t.label != null) {
                labeled.add(t);
                if (t.kind == TargetKind.LOOP) {
                    labeledLoops.add(t);
                }
            }
        }
        add(choices, 6, opt.has(Feature.BREAK) && breakTarget != null, () -> {
            line("break;");
            breakTarget.broken = true;
        });
        add(choices, 5, opt.has(Feature.CONTINUE) && continueTarget != null, () -> {
            line("continue;");
            continueTarget.continued = true;
        });
        add(choices, 3, opt.has(Feature.BREAK) && opt.has(Feature.LABELS) && !labeled.isEmpty(), () -> {
            Target t = pick(labeled);
            line("break " + t.label + ";");
            t.broken = true;
        });
        add(choices, 3, opt.has(Feature.CONTINUE) && opt.has(Feature.LABELS) && !labeledLoops.isEmpty(), () -> {
            Target t = pick(labeledLoops);
            line("continue " + t.label + ";");
            t.continued = true;
        });
        add(choices, guarded ? 3 : 1, opt.has(Feature.EARLY_RETURN), this::returnStatement);
        add(choices, guarded ? 3 : 1, opt.has(Feature.THROW), this::throwStatement);
        List<Var> caught = vars(Type.EXCEPTION, false);
        add(choices, 2, opt.has(Feature.RETHROW) && !caught.isEmpty(), () -> line("throw " + pick(caught).name + ";"));
        if (choices.isEmpty()) {
            returnStatement();
        } else {
            runWeighted(choices);
        }
        return false;
    }

    private Target innermost(boolean forBreak) {
        for (Target t : targets) {
            if (t.kind == TargetKind.LOOP || (forBreak && t.kind == TargetKind.SWITCH)) {
                return t;
            }
            if (forBreak && t.kind == TargetKind.BLOCK && !opt.has(Feature.UNLABELED_BREAK_IN_LABELED_BLOCK)) {
                return null;
            }
        }
        return null;
    }

    private void returnStatement() {
        if (opt.has(Feature.RETURN_TASK) && opt.has(Feature.TASK_PENDING) && returnType != Type.LONG && chance(20)) {
            // Completes as another coroutine's task (never a failing one: the blocking reading
            // of laterFail throws at the call, where the machine's task fails later).
            line("return " + (returnType == Type.INT ? "later(" : "laterStr(") + expr(returnType, 1) + ");");
        } else if (opt.has(Feature.EXPRESSION_AWAITS) && chance(20)) {
            line("return done(await(" + task(returnType, true) + "));");
        } else {
            line("return done(" + expr(returnType, 2) + ");");
        }
    }

    private void throwStatement() {
        line("throw " + newException() + ";");
    }

    private String newException() {
        return "new " + pick(EXCEPTIONS) + "(" + message() + ")";
    }

    private String message() {
        String m = "\"x" + (++nextMessage) + "\"";
        return chance(50) ? m : m + " + " + expr(Type.INT, 1);
    }

    // ---------------------------------------------------------------- loops

    private String maybeLabel() {
        return opt.has(Feature.LABELS) && chance(25) ? "L" + (++nextLabel) : null;
    }

    private static String prefix(String label) {
        return label == null ? "" : label + ": ";
    }

    private int iterations() {
        return 1 + rnd.nextInt(opt.maxIterations);
    }

    private Target pushTarget(TargetKind kind, String label) {
        Target t = new Target(kind, label);
        targets.push(t);
        return t;
    }

    /**
     * A loop body in a new scope: the counter increment first, then statements. With
     * {@code mustReachEnd} (a do/while or a for with an update, while
     * {@link Feature#LOOP_BODY_WITHOUT_NORMAL_END} is off), a body that can neither complete
     * normally nor continue the loop is thrown away and generated again.
     */
    private boolean loopBody(int depth, String counter, String guard, boolean mustReachEnd) {
        return loopBody(depth, counter, guard, mustReachEnd, false);
    }

    /**
     * As above; with {@code isDo}, while {@link Feature#DO_WHILE_BODY_ONLY_CONTINUES} is off, a
     * body that cannot complete normally but continues the loop is also generated again.
     */
    private boolean loopBody(int depth, String counter, String guard, boolean mustReachEnd, boolean isDo) {
        Target loop = targets.peek();
        int mark = out.length();
        boolean[][] flags = snapshot();
        for (int attempt = 0; ; attempt++) {
            boolean completes = loopBody(depth, counter, guard);
            boolean reachedOnlyByContinue = !completes && loop.continued;
            boolean accepted = (!mustReachEnd || opt.has(Feature.LOOP_BODY_WITHOUT_NORMAL_END) || completes || loop.continued)
                    && (!isDo || !reachedOnlyByContinue || opt.has(Feature.DO_WHILE_BODY_ONLY_CONTINUES));
            if (accepted) {
                return completes;
            }
            out.setLength(mark);
            restore(flags);
            if (attempt == 4) {
                int savedBudget = budget;
                budget = 0; // a body of the counter increment only
                loopBody(depth, counter, guard);
                budget = savedBudget;
                return true;
            }
        }
    }

    private boolean loopBody(int depth, String counter, String guard) {
        boolean savedCaseGroup = inCaseGroup;
        inCaseGroup = false;
        scope = new Scope(scope);
        loopDepth++;
        try {
            if (counter != null) {
                line(counter + "++;");
            }
            if (guard != null) {
                open("if (" + guard + ")");
                line("break;");
                close();
            }
            boolean completes = statements(depth + 1, blockSize());
            if (completes && budget > 0 && chance(10)) {
                completes = jump(false);
            }
            return completes;
        } finally {
            loopDepth--;
            scope = scope.parent;
            inCaseGroup = savedCaseGroup;
        }
    }

    private String counter() {
        String name = newName();
        line("int " + name + " = 0;");
        declare(name, Type.INT, true, 0).modified = true;
        return name;
    }

    private boolean whileLoop(int depth) {
        String c = counter();
        int n = iterations();
        String label = maybeLabel();
        boolean forever = opt.has(Feature.INFINITE_LOOP_WITH_BREAK) && chance(30);
        String condition = forever ? "true" : chance(50) ? c + " < " + n : c + " < " + n + " && " + condition(1);
        Target t = pushTarget(TargetKind.LOOP, label);
        open(prefix(label) + "while (" + condition + ")");
        if (forever) {
            t.broken = true; // the guard's break
        }
        loopBody(depth, c, forever ? c + " > " + n : null, false);
        close();
        targets.pop();
        return !forever || t.broken;
    }

    private boolean doWhileLoop(int depth) {
        String c = counter();
        int n = iterations();
        String label = maybeLabel();
        Target t = pushTarget(TargetKind.LOOP, label);
        open(prefix(label) + "do");
        boolean bodyCompletes = loopBody(depth, c, null, true, true);
        targets.pop();
        String condition = chance(50) ? c + " < " + n : c + " < " + n + " && " + condition(1);
        indent--;
        line("} while (" + condition + ");");
        return bodyCompletes || t.continued || t.broken;
    }

    private boolean forLoop(int depth) {
        int n = iterations();
        String label = maybeLabel();
        if (opt.has(Feature.INFINITE_LOOP_WITH_BREAK) && chance(20)) {
            String c = counter();
            Target t = pushTarget(TargetKind.LOOP, label);
            open(prefix(label) + "for (;;)");
            t.broken = true;
            loopBody(depth, c, c + " > " + n, false);
            close();
            targets.pop();
            return true;
        }
        scope = new Scope(scope);
        String i = newName();
        String header = switch (rnd.nextInt(3)) {
            case 0 -> "int " + i + " = 0; " + i + " < " + n + "; " + i + "++";
            case 1 -> "int " + i + " = " + n + "; " + i + " > 0; " + i + "--";
            default -> "int " + i + " = 0; " + i + " < " + (2 * n) + "; " + i + " += 2";
        };
        declare(i, Type.INT, true, 0).modified = true;
        Target t = pushTarget(TargetKind.LOOP, label);
        open(prefix(label) + "for (" + header + ")");
        loopBody(depth, null, null, true);
        close();
        targets.pop();
        scope = scope.parent;
        return true;
    }

    private boolean forEachLoop(int depth) {
        String label = maybeLabel();
        List<Var> collections = new ArrayList<>();
        if (opt.has(Feature.FOR_EACH_ARRAY)) {
            collections.addAll(vars(Type.ARRAY, false));
        }
        if (opt.has(Feature.FOR_EACH_LIST)) {
            collections.addAll(vars(Type.LIST, false));
        }
        String iterable;
        boolean array;
        if (!collections.isEmpty() && chance(40)) {
            Var c = pick(collections);
            iterable = c.name;
            array = c.type == Type.ARRAY;
        } else {
            array = opt.has(Feature.FOR_EACH_ARRAY) && (!opt.has(Feature.FOR_EACH_LIST) || chance(50));
            List<String> elements = new ArrayList<>();
            for (int k = iterations(); k > 0; k--) {
                elements.add(expr(Type.INT, 1));
            }
            iterable = array ? "new int[] {" + String.join(", ", elements) + "}"
                    : pick("List.of(", "Arrays.asList(") + String.join(", ", elements) + ")";
        }
        scope = new Scope(scope);
        String v = newName();
        String type = array && chance(25) ? "var" : "int";
        declare(v, Type.INT, true, 0);
        pushTarget(TargetKind.LOOP, label);
        open(prefix(label) + "for (" + type + " " + v + " : " + iterable + ")");
        loopBody(depth, null, null, false);
        close();
        targets.pop();
        scope = scope.parent;
        return true;
    }

    /** {@code for (int v : each(values(List.of(...))))}: the loop the processor lowers as await foreach. */
    private boolean forEachStream(int depth) {
        String label = maybeLabel();
        List<String> elements = new ArrayList<>();
        for (int k = iterations(); k > 0; k--) {
            elements.add(expr(Type.INT, 1));
        }
        scope = new Scope(scope);
        String v = newName();
        declare(v, Type.INT, true, 0);
        pushTarget(TargetKind.LOOP, label);
        open(prefix(label) + "for (int " + v + " : each(" + self() + "values(List.of(" + String.join(", ", elements) + "))))");
        loopBody(depth, null, null, false);
        close();
        targets.pop();
        scope = scope.parent;
        return true;
    }

    // ---------------------------------------------------------------- switch

    /** Case constants of a switch on a String, by the int constant they stand for (-3..4). */
    private static final String[] STRING_LABELS = {"\"\"", "\"a\"", "\"ab\"", "\"bc\"", "\"xyz\"", "\"hello\"", "\"x1\"", "\"def\""};

    private static String caseLabel(int constant, boolean strings) {
        return strings ? STRING_LABELS[constant + 3] : Integer.toString(constant);
    }

    private String selector(boolean strings) {
        if (strings) {
            return chance(60) ? stringAtom() : stringExpr(1);
        }
        return switch (rnd.nextInt(3)) {
            case 0 -> pickVar(Type.INT);
            case 1 -> "Math.floorMod(" + expr(Type.INT, 1) + ", 5)";
            default -> "(" + expr(Type.INT, 1) + ") % 4";
        };
    }

    /** Distinct case constants from -3..4, grouped; null stands for {@code default}. */
    private List<List<Integer>> caseGroups(boolean allowDefault, boolean defaultAnywhere) {
        List<Integer> constants = new ArrayList<>();
        for (int k = -3; k <= 4; k++) {
            constants.add(k);
        }
        Collections.shuffle(constants, rnd);
        int count = 1 + rnd.nextInt(5);
        List<List<Integer>> groups = new ArrayList<>();
        int used = 0;
        while (used < count) {
            int size = Math.min(count - used, 1 + (chance(30) ? rnd.nextInt(2) + 1 : 0));
            groups.add(new ArrayList<>(constants.subList(used, used + size)));
            used += size;
        }
        if (allowDefault && chance(60)) {
            List<Integer> def = new ArrayList<>();
            def.add(null);
            if (defaultAnywhere && chance(40)) {
                int at = rnd.nextInt(groups.size() + 1);
                if (at < groups.size() && chance(30)) {
                    groups.get(at).add(null); // "case 2: default:" in one group
                } else {
                    groups.add(at, def);
                }
            } else {
                groups.add(def);
            }
        }
        return groups;
    }

    private boolean classicSwitch(int depth) {
        String label = maybeLabel();
        boolean strings = opt.has(Feature.SWITCH_ON_STRING) && chance(25);
        String sel = selector(strings);
        List<List<Integer>> groups = caseGroups(true, opt.has(Feature.SWITCH_DEFAULT_IN_MIDDLE));
        boolean hasDefault = groups.stream().anyMatch(g -> g.contains(null));
        Target t = pushTarget(TargetKind.SWITCH, label);
        open(prefix(label) + "switch (" + sel + ")");
        Scope switchScope = new Scope(scope);
        scope = switchScope;
        boolean savedCaseGroup = inCaseGroup;
        boolean lastCompletes = true;
        for (List<Integer> group : groups) {
            for (Integer c : group) {
                line(c == null ? "default:" : "case " + caseLabel(c, strings) + ":");
            }
            indent++;
            scope = new Scope(switchScope);
            inCaseGroup = true;
            boolean completes = statements(depth + 1, rnd.nextInt(4));
            if (completes && opt.has(Feature.BREAK) && chance(65)) {
                line("break;");
                t.broken = true;
                completes = false;
            }
            switchScope.reserved.addAll(scope.vars.keySet());
            scope = switchScope;
            inCaseGroup = savedCaseGroup;
            indent--;
            lastCompletes = completes;
        }
        scope = switchScope.parent;
        close();
        targets.pop();
        return !hasDefault || lastCompletes || t.broken;
    }

    private boolean arrowSwitch(int depth) {
        String label = maybeLabel();
        boolean strings = opt.has(Feature.SWITCH_ON_STRING) && chance(25);
        String sel = selector(strings);
        List<List<Integer>> groups = caseGroups(true, false);
        boolean hasDefault = groups.stream().anyMatch(g -> g.contains(null));
        Target t = pushTarget(TargetKind.SWITCH, label);
        open(prefix(label) + "switch (" + sel + ")");
        boolean completes = false;
        for (List<Integer> group : groups) {
            String head = group.get(0) == null ? "default -> "
                    : "case " + String.join(", ", group.stream().map(c -> caseLabel(c, strings)).toList()) + " -> ";
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    open(head.strip());
                    completes |= block(depth + 1, blockSize());
                    close();
                }
                case 2 -> {
                    line(head + "throw " + newException() + ";");
                }
                case 3 -> {
                    if (opt.has(Feature.AWAIT_ARROW_CASE)) {
                        line(head + "await(" + anyTask() + ");");
                    } else {
                        line(head + "trace(\"" + traceId() + "\");");
                    }
                    completes = true;
                }
                case 4 -> {
                    List<Var> vs = assignable();
                    if (vs.isEmpty()) {
                        line(head + "trace(\"" + traceId() + "\");");
                    } else {
                        Var v = pick(vs);
                        v.modified = true;
                        String value = opt.has(Feature.EXPRESSION_AWAITS) && chance(40) ? "await(" + task(v.type) + ")" : expr(v.type, 1);
                        line(head + v.name + " = " + value + ";");
                    }
                    completes = true;
                }
                default -> {
                    line(head + "trace(\"" + traceId() + ":\" + " + expr(Type.INT, 1) + ");");
                    completes = true;
                }
            }
        }
        close();
        targets.pop();
        return !hasDefault || completes || t.broken;
    }

    // ---------------------------------------------------------------- labeled block

    private boolean labeledBlock(int depth) {
        String label = "L" + (++nextLabel);
        Target t = pushTarget(TargetKind.BLOCK, label);
        open(label + ":");
        boolean completes = block(depth + 1, blockSize());
        close();
        targets.pop();
        return completes || t.broken;
    }

    // ---------------------------------------------------------------- try

    private boolean tryStatement(int depth) {
        boolean catches = opt.has(Feature.TRY_CATCH) && (!opt.has(Feature.FINALLY) || chance(80));
        boolean hasFinally = opt.has(Feature.FINALLY) && (!catches || chance(45));
        boolean[][] before = snapshot();
        open("try");
        boolean completes = block(depth + 1, blockSize());
        if (catches) {
            List<String> types = new ArrayList<>(List.of(EXCEPTIONS));
            Collections.shuffle(types, rnd);
            types = types.subList(0, 1 + rnd.nextInt(types.size()));
            List<List<String>> clauses = new ArrayList<>();
            for (int i = 0; i < types.size(); ) {
                int size = opt.has(Feature.MULTI_CATCH) && chance(40) ? Math.min(types.size() - i, 2 + rnd.nextInt(2)) : 1;
                clauses.add(types.subList(i, i + size));
                i += size;
            }
            if (opt.has(Feature.CATCH_ALL) && chance(25)) {
                clauses.add(List.of("RuntimeException"));
            }
            for (List<String> clause : clauses) {
                String name = newName();
                reopen("} catch (" + String.join(" | ", clause) + " " + name + ") {");
                completes |= catchBody(depth, name);
            }
        }
        if (hasFinally) {
            boolean[][] afterCatches = snapshot();
            reopen("} finally {");
            int mark = out.length();
            boolean finallyCompletes;
            for (int attempt = 0; ; attempt++) {
                restore(before);
                trace();
                finallyCompletes = block(depth + 1, rnd.nextInt(3));
                if (finallyCompletes || opt.has(Feature.JUMP_DISCARDED_BY_FINALLY) || !differ(before, afterCatches)) {
                    break;
                }
                out.setLength(mark);
                if (attempt == 4) {
                    restore(before);
                    trace();
                    finallyCompletes = true;
                    break;
                }
            }
            if (finallyCompletes) {
                merge(afterCatches);
            }
            completes &= finallyCompletes;
        }
        close();
        return completes;
    }

    private boolean catchBody(int depth, String name) {
        boolean savedCaseGroup = inCaseGroup;
        inCaseGroup = false;
        scope = new Scope(scope);
        try {
            declare(name, Type.EXCEPTION, true, 0);
            line("trace(\"" + traceId() + ":\" + " + name + ".getClass().getSimpleName() + \":\" + " + name + ".getMessage());");
            boolean completes = statements(depth + 1, rnd.nextInt(3));
            if (completes && opt.has(Feature.RETHROW) && chance(20)) {
                line("throw " + name + ";");
                completes = false;
            }
            return completes;
        } finally {
            scope = scope.parent;
            inCaseGroup = savedCaseGroup;
        }
    }

    /** The jump flags of the enclosing targets, outermost last. */
    private boolean[][] snapshot() {
        boolean[][] s = new boolean[targets.size()][];
        int i = 0;
        for (Target t : targets) {
            s[i++] = new boolean[] {t.broken, t.continued};
        }
        return s;
    }

    private void restore(boolean[][] s) {
        int i = 0;
        for (Target t : targets) {
            t.broken = s[i][0];
            t.continued = s[i][1];
            i++;
        }
    }

    private static boolean differ(boolean[][] a, boolean[][] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i][0] != b[i][0] || a[i][1] != b[i][1]) {
                return true;
            }
        }
        return false;
    }

    private void merge(boolean[][] s) {
        int i = 0;
        for (Target t : targets) {
            t.broken |= s[i][0];
            t.continued |= s[i][1];
            i++;
        }
    }

    // ================================================================ expressions

    private Type valueType() {
        return opt.has(Feature.BOOLEAN_LOCALS)
                ? pick(Type.INT, Type.INT, Type.INT, Type.LONG, Type.STRING, Type.STRING, Type.BOOLEAN)
                : pick(Type.INT, Type.INT, Type.INT, Type.LONG, Type.STRING, Type.STRING);
    }

    String expr(Type type, int depth) {
        if (opt.has(Feature.EXPRESSION_AWAITS) && chance(8)) {
            return "await(" + task(type, true) + ")";
        }
        return switch (type) {
            case INT -> intExpr(depth);
            case LONG -> longExpr(depth);
            case STRING -> stringExpr(depth);
            case BOOLEAN -> "(" + condition(depth) + ")";
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private String literal(Type type) {
        return switch (type) {
            case INT -> chance(15) ? "(" + (-1 - rnd.nextInt(5)) + ")" : Integer.toString(rnd.nextInt(10));
            case LONG -> rnd.nextInt(100) + "L";
            case STRING -> pick("\"\"", "\"a\"", "\"bc\"", "\"def\"", "\"x" + rnd.nextInt(10) + "\"");
            case BOOLEAN -> pick("true", "false");
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private String intExpr(int depth) {
        int choice = rnd.nextInt(depth <= 0 ? 4 : 14);
        return switch (choice) {
            case 0 -> literal(Type.INT);
            case 1, 2, 3 -> pickVar(Type.INT);
            case 4 -> "(" + intExpr(depth - 1) + " + " + expr(Type.INT, depth - 1) + ")";
            case 5 -> "(" + intExpr(depth - 1) + " - " + expr(Type.INT, depth - 1) + ")";
            case 6 -> "(" + intExpr(depth - 1) + " * " + expr(Type.INT, depth - 1) + ")";
            case 7 -> "(" + intExpr(depth - 1) + pick(" % ", " / ") + (1 + rnd.nextInt(4)) + ")";
            case 8 -> conditional(() -> "(" + condition(depth - 1) + " ? " + intExpr(depth - 1) + " : " + intExpr(depth - 1) + ")");
            case 9 -> stringAtom() + ".length()";
            case 10 -> "(int) " + longAtom();
            case 11 -> "Math.max(" + expr(Type.INT, depth - 1) + ", " + expr(Type.INT, depth - 1) + ")";
            case 12 -> {
                List<String> records = visibleRecords();
                if (!records.isEmpty() && chance(40)) {
                    yield "new " + pick(records) + "(" + intExpr(depth - 1) + ").score()";
                }
                List<Var> suppliers = vars(Type.SUPPLIER, true);
                if (!suppliers.isEmpty() && chance(50)) {
                    yield pick(suppliers).name + ".getAsInt()";
                }
                if (opt.has(Feature.THIS_CALLS) && chance(30)) {
                    String self = conditionalDepth > 0 && !opt.has(Feature.UNQUALIFIED_CALL_IN_CONDITIONAL) ? "this." : self();
                    yield self + "twice(" + intExpr(depth - 1) + ")";
                }
                yield collectionRead();
            }
            default -> sideEffect();
        };
    }

    private String collectionRead() {
        List<Var> cs = new ArrayList<>(vars(Type.ARRAY, false));
        cs.addAll(vars(Type.LIST, false));
        if (cs.isEmpty()) {
            return pickVar(Type.INT);
        }
        Var c = pick(cs);
        int i = rnd.nextInt(c.length);
        return switch (rnd.nextInt(2)) {
            case 0 -> c.type == Type.ARRAY ? c.name + "[" + i + "]" : c.name + ".get(" + i + ")";
            default -> c.type == Type.ARRAY ? c.name + ".length" : c.name + ".size()";
        };
    }

    /** {@code x++} and friends on an int local, inside an expression. */
    private String sideEffect() {
        if (!opt.has(Feature.INCREMENT)) {
            return pickVar(Type.INT);
        }
        List<Var> vs = assignable().stream().filter(v -> v.type == Type.INT).toList();
        if (vs.isEmpty()) {
            return pickVar(Type.INT);
        }
        Var v = pick(vs);
        v.modified = true;
        String n = v.name;
        return "(" + pick(n + "++", "++" + n, n + "--", "--" + n) + ")";
    }

    private String longExpr(int depth) {
        int choice = rnd.nextInt(depth <= 0 ? 3 : 7);
        return switch (choice) {
            case 0 -> literal(Type.LONG);
            case 1, 2 -> longAtom();
            case 3 -> "(" + longExpr(depth - 1) + " + " + expr(Type.INT, depth - 1) + ")";
            case 4 -> "(" + longExpr(depth - 1) + " * " + expr(pick(Type.INT, Type.LONG), depth - 1) + ")";
            case 5 -> "(long) " + intExpr(depth - 1);
            default -> conditional(() -> "(" + condition(depth - 1) + " ? " + longExpr(depth - 1) + " : " + longExpr(depth - 1) + ")");
        };
    }

    private String conditional(java.util.function.Supplier<String> expression) {
        conditionalDepth++;
        try {
            return expression.get();
        } finally {
            conditionalDepth--;
        }
    }

    private String longAtom() {
        List<Var> longs = vars(Type.LONG, true);
        return longs.isEmpty() ? literal(Type.LONG) : pick(longs).name;
    }

    /** A String expression with at most one String variable in it, so that strings grow additively. */
    private String stringExpr(int depth) {
        int choice = rnd.nextInt(depth <= 0 ? 3 : 7);
        return switch (choice) {
            case 0 -> literal(Type.STRING);
            case 1, 2 -> stringAtom();
            case 3 -> "(" + stringExpr(depth - 1) + " + " + expr(Type.INT, depth - 1) + ")";
            case 4 -> "(" + stringExpr(depth - 1) + " + " + literal(Type.STRING) + ")";
            case 5 -> "String.valueOf(" + expr(pick(Type.INT, Type.LONG), depth - 1) + ")";
            default -> conditional(() -> "(" + condition(depth - 1) + " ? " + stringExpr(depth - 1) + " : " + stringExpr(depth - 1) + ")");
        };
    }

    private String stringAtom() {
        List<Var> strings = vars(Type.STRING, true);
        return strings.isEmpty() ? "q" : pick(strings).name;
    }

    String condition(int depth) {
        if (opt.has(Feature.EXPRESSION_AWAITS) && chance(8)) {
            return "await(" + task(Type.BOOLEAN, true) + ")";
        }
        return plainCondition(depth);
    }

    /** A boolean expression without an await at its top. */
    private String plainCondition(int depth) {
        List<Var> booleans = vars(Type.BOOLEAN, true);
        if (!booleans.isEmpty() && chance(20)) {
            return (chance(30) ? "!" : "") + pick(booleans).name;
        }
        int choice = rnd.nextInt(depth <= 0 ? 4 : 9);
        return switch (choice) {
            case 0, 1 -> nonConstant(() -> intExpr(depth - 1) + " " + pick(COMPARISONS) + " " + expr(Type.INT, depth - 1));
            case 2 -> nonConstant(() -> "(" + intExpr(depth - 1) + " & 1) == 0");
            case 3 -> pick(stringAtom() + ".isEmpty()", stringAtom() + ".startsWith(" + literal(Type.STRING) + ")",
                    stringAtom() + ".equals(" + stringExpr(depth - 1) + ")");
            case 4 -> nonConstant(() -> longExpr(depth - 1) + " " + pick(COMPARISONS) + " " + expr(Type.LONG, depth - 1));
            case 5 -> "(" + condition(depth - 1) + " && " + condition(depth - 1) + ")";
            case 6 -> "(" + condition(depth - 1) + " || " + condition(depth - 1) + ")";
            case 7 -> "!(" + condition(depth - 1) + ")";
            default -> nonConstant(() -> intExpr(depth - 1) + " " + pick(COMPARISONS) + " " + literal(Type.INT));
        };
    }

    /**
     * A comparison that is not a constant expression: a constant condition is pointless in a
     * test, and javac drops the code it guards, unlike the processor's reachability analysis and
     * unlike the JLS rules the generator follows.
     */
    private String nonConstant(java.util.function.Supplier<String> comparison) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String c = comparison.get();
            if (!isConstant(c)) {
                return c;
            }
        }
        return pickVar(Type.INT) + " " + pick(COMPARISONS) + " " + literal(Type.INT);
    }

    private static final java.util.regex.Pattern STRING_LITERAL = java.util.regex.Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> CONSTANT_WORDS = Set.of("int", "long", "true", "false");

    /** Whether a generated expression is a constant expression (only literals, operators and casts). */
    static boolean isConstant(String expression) {
        java.util.regex.Matcher m = IDENTIFIER.matcher(STRING_LITERAL.matcher(expression).replaceAll("\"\""));
        while (m.find()) {
            if (!CONSTANT_WORDS.contains(m.group())) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- tasks

    /** A task whose value can be assigned to a local of {@code type}. */
    private String task(Type type) {
        return task(type, false);
    }

    /**
     * A task whose value can be assigned to a local of {@code type}; with {@code exact}, whose value
     * has exactly the boxed type (an {@code await} inside an expression, where {@code Integer} is
     * no {@code long}).
     */
    private String task(Type type, boolean exact) {
        List<String> choices = new ArrayList<>();
        int weightDone = opt.has(Feature.TASK_DONE) ? 4 : 0;
        int weightPending = opt.has(Feature.TASK_PENDING) ? 4 : 0;
        int weightFailed = opt.has(Feature.TASK_FAILED) ? 1 : 0;
        int weightPendingFailure = opt.has(Feature.TASK_PENDING_FAILURE) && (type == Type.INT || (type == Type.LONG && !exact)) ? 1 : 0;
        if (type == Type.BOOLEAN) {
            weightPending = weightPending / 2;
        }
        int total = weightDone + weightPending + weightFailed + weightPendingFailure;
        if (total == 0) {
            return "done(" + expr(type, 1) + ")";
        }
        List<Var> kept = type == Type.STRING ? vars(Type.TASK_STRING, true)
                : type == Type.INT || (type == Type.LONG && !exact) ? vars(Type.TASK_INT, true) : List.of();
        if (!kept.isEmpty() && chance(30)) {
            return pick(kept).name;
        }
        int roll = rnd.nextInt(total);
        if ((roll -= weightDone) < 0) {
            return "done(" + expr(type, 1) + ")";
        }
        if ((roll -= weightPending) < 0) {
            return self() + switch (type) {
                case STRING -> "laterStr(" + expr(Type.STRING, 1) + ")";
                case BOOLEAN -> "laterBool(" + condition(1) + ")";
                case LONG -> exact || chance(50) ? "laterLong(" + expr(Type.LONG, 1) + ")" : "later(" + expr(Type.INT, 1) + ")";
                default -> "later(" + expr(Type.INT, 1) + ")";
            };
        }
        if ((roll -= weightFailed) < 0) {
            return "Task.<" + type.boxed + ">failed(" + newException() + ")";
        }
        return "laterFail(" + message() + ")";
    }

    /** A task for {@code await(t);}, whose value is dropped. */
    private String anyTask() {
        int roll = rnd.nextInt(10);
        if (roll < 2 && opt.has(Feature.TASK_SLEEP)) {
            return "sleep(0)";
        }
        if (roll < 4 && opt.has(Feature.TASK_YIELD)) {
            return "yieldNow()";
        }
        return task(valueType());
    }

    // ================================================================ scopes and names

    private Var declare(String name, Type type, boolean readOnly, int length) {
        Var v = new Var(name, type, readOnly, length, true);
        scope.vars.put(name, v);
        usedNames.add(name);
        return v;
    }

    private boolean inScope(String name) {
        for (Scope s = scope; s != null; s = s.parent) {
            if (s.vars.containsKey(name) || s.reserved.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A name not in scope: one used before in a sibling scope, or a new one. */
    private String newName() {
        if (opt.has(Feature.NAME_REUSE) && chance(40)) {
            List<String> reusable = usedNames.stream().filter(n -> !inScope(n) && !n.equals("p") && !n.equals("q")).toList();
            if (!reusable.isEmpty()) {
                return pick(reusable);
            }
        }
        List<String> fresh = new ArrayList<>();
        for (String n : NAMES) {
            if (!usedNames.contains(n) && !inScope(n)) {
                fresh.add(n);
            }
        }
        if (!fresh.isEmpty()) {
            return pick(fresh);
        }
        String n;
        do {
            n = "v" + (++nextName);
        } while (inScope(n));
        return n;
    }

    /** Visible, definitely assigned locals of {@code type} (innermost first); with {@code readOnlyToo}, counters too. */
    private List<Var> vars(Type type, boolean readOnlyToo) {
        List<Var> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Scope s = scope; s != null; s = s.parent) {
            for (Var v : s.vars.values()) {
                if (seen.add(v.name) && v.type == type && v.assigned && (readOnlyToo || !v.readOnly || type.ordinal() > Type.BOOLEAN.ordinal())) {
                    result.add(v);
                }
            }
        }
        return result;
    }

    private List<Var> assignable() {
        List<Var> result = new ArrayList<>();
        for (Type t : List.of(Type.INT, Type.LONG, Type.STRING, Type.BOOLEAN)) {
            for (Var v : vars(t, false)) {
                if (!v.readOnly && !v.captured) {
                    result.add(v);
                }
            }
        }
        return result;
    }

    private String pickVar(Type type) {
        List<Var> vs = vars(type, true);
        return vs.isEmpty() ? literal(type) : pick(vs).name;
    }

    // ================================================================ output and randomness

    private void line(String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void open(String header) {
        line(header + " {");
        indent++;
    }

    /** {@code } else {}, {@code } catch (...) {}, {@code } finally {}. */
    private void reopen(String text) {
        indent--;
        line(text);
        indent++;
    }

    private void close() {
        indent--;
        line("}");
    }

    private boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... items) {
        return items[rnd.nextInt(items.length)];
    }

    private <T> T pick(List<T> items) {
        return items.get(rnd.nextInt(items.size()));
    }

    private static void add(List<Runnable> choices, int weight, boolean enabled, Runnable choice) {
        if (enabled) {
            for (int i = 0; i < weight; i++) {
                choices.add(choice);
            }
        }
    }

    private void runWeighted(List<Runnable> choices) {
        if (choices.isEmpty()) {
            trace();
        } else {
            choices.get(rnd.nextInt(choices.size())).run();
        }
    }
}
