package io.yieldpoint.processor.random;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the {@link ProgramGenerator} may produce: limits on size and nesting, and one switch per
 * construct of the grammar ({@link Feature}). Every feature but the ones in {@link #OFF_BY_DEFAULT}
 * is on; the system properties {@code yieldpoint.random.exclude} and {@code yieldpoint.random.include}
 * (comma-separated feature names, case-insensitive) switch them off and on.
 *
 * <p>Switching a feature off changes the programs generated from a seed, so a seed reproduces a
 * program only under the same options (the test prints them).
 */
public final class GeneratorOptions {

    /** One construct of the grammar. */
    public enum Feature {
        /** {@code int/long/String x = expr;} */
        LOCAL_DECL,
        /** {@code var x = expr;} and {@code var s = await(stringTask);} */
        VAR_LOCAL,
        /** {@code T x;} assigned on the next line or in both branches of an if/else. */
        UNINIT_DECL,
        /** A name declared again in a sibling scope, possibly with another type. */
        NAME_REUSE,
        /** {@code x = expr;} to a local or parameter. */
        ASSIGN,
        /** {@code x += e; x -= e; x *= e;} */
        COMPOUND_ASSIGN,
        /** {@code x++; --x;} as statements, and {@code x++} inside expressions. */
        INCREMENT,
        /** {@code boolean} locals (lifted ones are read with {@code awaitBoolean()}), {@code &=}, {@code |=}, {@code ^=}. */
        BOOLEAN_LOCALS,
        /** {@code int[]} and {@code List<Integer>} locals, read by index and iterated. */
        COLLECTION_LOCALS,
        /**
         * {@code IntSupplier f = () -> x + 1;} capturing effectively final locals (maybe lifted),
         * sometimes with a {@code trace} inside, called later as {@code f.getAsInt()}.
         */
        LAMBDA_CAPTURE,
        /** {@code Task<Integer> t = later(x);} kept in a local and awaited later, maybe twice. */
        TASK_LOCALS,
        /** {@code this.trace(...)}, {@code this.later(...)}, and a plain default method {@code twice(x)}. */
        THIS_CALLS,
        /**
         * {@code record R3(int a) { int score() { ... } }} declared in a block (each with a name of
         * its own), then {@code new R3(e).score()} in later expressions, awaits between included.
         */
        LOCAL_RECORD,
        /** {@code arr[i] = e;} */
        ARRAY_STORE,
        /** {@code o instanceof String s && ...}, the negated form that leaves the binding in scope. */
        INSTANCEOF_PATTERNS,
        /** A pattern {@code switch} with guards over an Object (on a JDK of 21 or later). */
        SWITCH_PATTERNS,
        IF,
        ELSE_IF_CHAIN,
        WHILE,
        /** {@code while (true)} and {@code for (;;)} with a counted break. */
        INFINITE_LOOP_WITH_BREAK,
        DO_WHILE,
        FOR,
        FOR_EACH_ARRAY,
        FOR_EACH_LIST,
        /**
         * {@code for (int v : each(values(List.of(...))))}: a for-each over an async stream (the
         * helper {@code values}, which awaits before each value and in its finally), with every
         * jump, return and throw of a loop body leaving it early.
         */
        FOR_EACH_STREAM,
        SWITCH_CLASSIC,
        /** Classic and arrow switches on a String. */
        SWITCH_ON_STRING,
        /** A {@code default} label that is not the last one of a classic switch. */
        SWITCH_DEFAULT_IN_MIDDLE,
        SWITCH_ARROW,
        /** Labels on loops, switches and blocks, with {@code break L} / {@code continue L}. */
        LABELS,
        BREAK,
        CONTINUE,
        /** An {@code if (cond) { ...; break/continue/return/throw }} in the middle of a block. */
        GUARDED_JUMP,
        TRY_CATCH,
        MULTI_CATCH,
        /** {@code catch (RuntimeException x)} after the specific clauses. */
        CATCH_ALL,
        FINALLY,
        /** {@code throw x;} of a catch parameter. */
        RETHROW,
        THROW,
        /** {@code return done(expr);} before the end of the body. */
        EARLY_RETURN,
        /** {@code return later(x);}: a coroutine completing as another task. */
        RETURN_TASK,
        /** {@code await(t);} */
        AWAIT_STATEMENT,
        /** {@code T x = await(t);} */
        AWAIT_INITIALIZER,
        /** {@code x = await(t);} */
        AWAIT_ASSIGNMENT,
        /** {@code case k -> await(t);} in an arrow switch statement. */
        AWAIT_ARROW_CASE,
        /** {@code done(v)}: a task that has already completed. */
        TASK_DONE,
        /** {@code sleep(0)}: a timer. */
        TASK_SLEEP,
        /** {@code yieldNow()}. */
        TASK_YIELD,
        /** {@code later(v)}, {@code laterStr(s)}: helper coroutines completing after a yield. */
        TASK_PENDING,
        /** {@code Task.failed(new E1(...))}. */
        TASK_FAILED,
        /** {@code laterFail(m)}: a helper coroutine that throws after a yield. */
        TASK_PENDING_FAILURE,
        /**
         * A {@code do}/{@code while} or {@code for} loop whose body cannot complete normally and has
         * no {@code continue} (it ends with {@code break}, {@code return} or {@code throw}): the
         * condition or update is never reached (JLS 14.22); once a processor bug, kept as a feature
         * so it stays covered.
         */
        LOOP_BODY_WITHOUT_NORMAL_END,
        /**
         * An unlabeled {@code break} inside a labeled block ({@code L: { ... break; ... }}), which
         * leaves an enclosing loop or switch, not the block; once a processor bug.
         */
        UNLABELED_BREAK_IN_LABELED_BLOCK,
        /**
         * A {@code break} or {@code continue} inside a {@code try} (or catch) whose {@code finally}
         * cannot complete normally, which discards that exit (JLS 14.22); once a processor bug.
         */
        JUMP_DISCARDED_BY_FINALLY,
        /**
         * PROCESSOR LIMITATION ON JAVAC 17 (off by default on javac older than 25): an unqualified call of
         * an interface method inside a conditional expression ({@code c ? twice(x) : 4}) in a body
         * where the processor asks {@code Trees.getScope} for a type (a {@code var} local or a
         * multi-catch parameter that lives across a yield point). javac 17's attribution of the
         * copy crashes (NullPointerException in {@code Attr.isBooleanOrNumeric}), and the
         * processor reports {@code [YP-VarAcrossYield]} (write the type) instead of generating the class. Off, such calls
         * are written {@code this.twice(x)}.
         */
        UNQUALIFIED_CALL_IN_CONDITIONAL,
        /**
         * JAVAC 17 BUG (off by default when the tests run on javac older than 25): a
         * {@code do}/{@code while} whose body cannot complete normally but continues the loop (its
         * condition is reached only by {@code continue}) while a local of the body is in scope,
         * followed by a switch that declares locals in its groups. javac 17.0.15 emits stack maps
         * that keep the body's local alive after the loop; the method fails verification
         * ("Inconsistent stackmap frames") before either reading can run. javac 25 compiles it
         * right. Not a processor bug: the interface's own method does not load. Off, the generator
         * retries such bodies.
         */
        DO_WHILE_BODY_ONLY_CONTINUES,
        /**
         * JAVAC 17 BUG (off by default when the tests run on javac older than 25): a classic switch
         * that declares a local directly in a group, inside the then-block of
         * {@code if (!(o instanceof String s))} (whose binding stays in scope after the if). In a
         * state machine's state, javac 17.0.15 emits stack maps that keep the group's local alive
         * at a jump after the switch; the machine fails verification ("Inconsistent stackmap
         * frames"). javac 25 compiles it right; making the local final, or the group a block, or
         * dropping the binding avoids it. Off, such then-blocks have no classic switch.
         */
        SWITCH_GROUP_LOCAL_IN_NEGATED_PATTERN_IF,
        /**
         * Yield points inside larger expressions: arguments ({@code trace("" + await(t))}),
         * operands ({@code x + await(t)}, {@code c && await(b)}), conditions and loop headers,
         * {@code return done(await(t))}, {@code case k -> x = await(t);} and {@code T x = await(t);}
         * directly in a classic switch group.
         */
        EXPRESSION_AWAITS;

        static Feature parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** Constructs that the processor of this version does not support yet. */
    public static final Set<Feature> NOT_YET_SUPPORTED = EnumSet.noneOf(Feature.class);

    /**
     * Constructs excluded while a processor bug they find is open (each documented at its
     * feature); switch one on with {@code -Dyieldpoint.random.include=NAME} to see the bug.
     */
    public static final Set<Feature> KNOWN_PROCESSOR_BUGS = EnumSet.noneOf(Feature.class);

    /**
     * Constructs that the javac running the tests mishandles: it compiles them to classes that do
     * not verify, or it crashes when the processor asks it for a local's type.
     */
    public static final Set<Feature> JAVAC_BUGS = Runtime.version().feature() < 25
            ? EnumSet.of(Feature.DO_WHILE_BODY_ONLY_CONTINUES, Feature.UNQUALIFIED_CALL_IN_CONDITIONAL,
                    Feature.SWITCH_GROUP_LOCAL_IN_NEGATED_PATTERN_IF)
            : EnumSet.noneOf(Feature.class);

    /** Off by default: the three sets above. */
    public static final Set<Feature> OFF_BY_DEFAULT;

    static {
        EnumSet<Feature> off = EnumSet.copyOf(NOT_YET_SUPPORTED);
        off.addAll(KNOWN_PROCESSOR_BUGS);
        off.addAll(JAVAC_BUGS);
        OFF_BY_DEFAULT = off;
    }

    private final EnumSet<Feature> enabled;
    /** The deepest nesting of compound statements. */
    final int maxDepth;
    /** The deepest nesting of loops (each runs at most {@link #maxIterations} times). */
    final int maxLoopNesting;
    final int maxIterations;
    /** Bounds of the number of statements of one program (its "budget"). */
    final int minStatements;
    final int maxStatements;

    private GeneratorOptions(EnumSet<Feature> enabled, int maxDepth, int maxLoopNesting, int maxIterations,
            int minStatements, int maxStatements) {
        this.enabled = enabled;
        this.maxDepth = maxDepth;
        this.maxLoopNesting = maxLoopNesting;
        this.maxIterations = maxIterations;
        this.minStatements = minStatements;
        this.maxStatements = maxStatements;
    }

    /** The defaults: every feature except {@link #OFF_BY_DEFAULT}, depth 4. */
    public static GeneratorOptions defaults() {
        EnumSet<Feature> on = EnumSet.allOf(Feature.class);
        on.removeAll(OFF_BY_DEFAULT);
        return new GeneratorOptions(on, 4, 3, 3, 8, 40);
    }

    /**
     * The defaults changed by {@code yieldpoint.random.exclude}, {@code yieldpoint.random.include},
     * {@code yieldpoint.random.maxDepth} and {@code yieldpoint.random.maxStatements}.
     */
    public static GeneratorOptions fromSystemProperties() {
        GeneratorOptions d = defaults();
        EnumSet<Feature> on = EnumSet.copyOf(d.enabled);
        for (String name : list(System.getProperty("yieldpoint.random.include"))) {
            on.add(Feature.parse(name));
        }
        for (String name : list(System.getProperty("yieldpoint.random.exclude"))) {
            on.remove(Feature.parse(name));
        }
        int maxDepth = Integer.getInteger("yieldpoint.random.maxDepth", d.maxDepth);
        int maxStatements = Integer.getInteger("yieldpoint.random.maxStatements", d.maxStatements);
        return new GeneratorOptions(on, maxDepth, d.maxLoopNesting, d.maxIterations,
                Math.min(d.minStatements, maxStatements), maxStatements);
    }

    private static String[] list(String value) {
        return value == null || value.isBlank() ? new String[0] : value.split(",");
    }

    public GeneratorOptions with(Feature feature, boolean on) {
        EnumSet<Feature> copy = EnumSet.copyOf(enabled);
        if (on) {
            copy.add(feature);
        } else {
            copy.remove(feature);
        }
        return new GeneratorOptions(copy, maxDepth, maxLoopNesting, maxIterations, minStatements, maxStatements);
    }

    public boolean has(Feature feature) {
        return enabled.contains(feature);
    }

    /** The switches that differ from the defaults, for the log: a seed reproduces only under them. */
    public String describe() {
        EnumSet<Feature> defaultOn = defaults().enabled;
        StringBuilder sb = new StringBuilder("maxDepth=" + maxDepth + ", statements=" + minStatements + ".." + maxStatements);
        EnumSet<Feature> off = EnumSet.complementOf(enabled);
        off.retainAll(defaultOn);
        EnumSet<Feature> extra = EnumSet.copyOf(enabled);
        extra.removeAll(defaultOn);
        if (!off.isEmpty()) {
            sb.append(", excluded=").append(off);
        }
        if (!extra.isEmpty()) {
            sb.append(", included=").append(extra);
        }
        EnumSet<Feature> bugs = EnumSet.copyOf(KNOWN_PROCESSOR_BUGS);
        bugs.removeAll(enabled);
        if (!bugs.isEmpty()) {
            sb.append(", excluded for known processor bugs=").append(bugs);
        }
        EnumSet<Feature> javac = EnumSet.noneOf(Feature.class);
        javac.addAll(JAVAC_BUGS);
        javac.removeAll(enabled);
        if (!javac.isEmpty()) {
            sb.append(", excluded for javac ").append(Runtime.version().feature()).append(" bugs=").append(javac);
        }
        return sb.toString();
    }
}
