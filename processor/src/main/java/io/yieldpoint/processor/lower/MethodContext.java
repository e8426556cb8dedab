package io.yieldpoint.processor.lower;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.yieldpoint.processor.analyze.DslCalls;
import io.yieldpoint.processor.model.BodyAnalysis;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.parse.SourceReader;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the lowering of one method shares between the {@link Lowerer} and the {@link Rewriter}. */
final class MethodContext {

    /**
     * Where {@code break} and {@code continue} of a lowered statement go, and how many lowered
     * finally blocks enclose the statement (a jump from deeper runs those in between first).
     */
    record Jump(int breakLabel, int continueLabel, int finallyDepth) {}

    final CoroutineMethod method;
    final CompilationUnitTree unit;
    final SourceReader source;
    final DslCalls dsl;
    final BodyAnalysis analysis;
    final InterfaceScope scope;
    final Map<LocalVar, String> fieldNames;
    final String selfName;
    final String dispatchLabel;
    final IdentityHashMap<Tree, Jump> loweredLoops = new IdentityHashMap<>();

    /**
     * Lifted locals captured by a lambda or local class in the text rewritten since the last line
     * was written, with the name of the snapshot local that the capture reads instead.
     */
    final Map<LocalVar, String> pendingSnapshots = new LinkedHashMap<>();

    /** Every name in use in the body and the machine, so snapshot names never collide. */
    final Set<String> takenNames;

    /** How returns and jumps leave lowered finally blocks. */
    final Routing routing = new Routing(this);

    /**
     * How the generated code names the machine's {@code label}: {@code this.label} when the body
     * uses the name {@code label} itself (a local of that name would hide the field).
     */
    String labelRef = "label";
    /**
     * How {@code step()} says "suspended" and "the body returned": the constants of
     * {@code CoroutineMachine}, qualified if the body uses those names itself.
     */
    String suspendedRef = "SUSPENDED";
    String returnedRef = "RETURNED";

    /**
     * How many {@code finally} blocks enclose the statement being lowered. A yield point inside one
     * awaits through {@code suspendInFinally}, so that cleanup runs to its end in a cancelled
     * coroutine (see CoroutineMachine, "Cancellation").
     */
    int finallyDepth;

    /** The machine's method for a yield point here: {@code suspendOn}, or in a finally block {@code suspendInFinally}. */
    String suspendCall() {
        return finallyDepth > 0 ? "suspendInFinally" : "suspendOn";
    }

    /** Whether a {@code // File.java:line} comment precedes each lowered statement (yieldpoint.lineComments). */
    boolean lineComments = true;

    MethodContext(CoroutineMethod method, SourceReader source, DslCalls dsl, BodyAnalysis analysis,
            InterfaceScope scope, Map<LocalVar, String> fieldNames, String selfName, String dispatchLabel,
            Set<String> takenNames) {
        this.method = method;
        this.unit = method.path().getCompilationUnit();
        this.source = source;
        this.dsl = dsl;
        this.analysis = analysis;
        this.scope = scope;
        this.fieldNames = fieldNames;
        this.selfName = selfName;
        this.dispatchLabel = dispatchLabel;
        this.takenNames = new HashSet<>(takenNames);
    }

    /** Whether the code written so far names the generated instance ({@link #self}). */
    boolean usesSelf;

    /** The name of the field holding the generated instance, for code that uses it. */
    String self() {
        usesSelf = true;
        return selfName;
    }

    /** The primitive type of each box type, by the box's simple and qualified names. */
    static final Map<String, String> UNBOXED = unboxed();

    private static Map<String, String> unboxed() {
        Map<String, String> m = new java.util.HashMap<>();
        Map.of("Byte", "byte", "Short", "short", "Character", "char", "Integer", "int", "Long", "long",
                "Float", "float", "Double", "double", "Boolean", "boolean").forEach((box, primitive) -> {
                    m.put(box, primitive);
                    m.put("java.lang." + box, primitive);
                });
        return Map.copyOf(m);
    }

    /** The machine's readers of an awaited value into a primitive target, by the target's type. */
    static final Map<String, String> PRIMITIVE_READERS = Map.of(
            "int", "awaitInt()", "long", "awaitLong()", "double", "awaitDouble()", "float", "awaitFloat()",
            "short", "awaitShort()", "byte", "awaitByte()", "char", "awaitChar()", "boolean", "awaitBoolean()");

    /**
     * {@code object}, an {@code Object}-typed read (an iterator's next value, a stream's current one,
     * a value kept across a suspension), as a variable of {@code type}: unboxed through
     * {@code MachineSupport.toInt(...)} and the like for a primitive (Java unboxes, then widens),
     * cast otherwise.
     */
    static String readAs(String type, String object) {
        return PRIMITIVE_READERS.containsKey(type)
                ? MethodLowering.SUPPORT + ".to" + Character.toUpperCase(type.charAt(0)) + type.substring(1) + "(" + object + ")"
                : "(" + type + ") " + object;
    }

    /** A name for a field or local of the machine's own, unused by the body. */
    String syntheticName(String wanted) {
        String name = wanted;
        for (int i = 2; takenNames.contains(name); i++) {
            name = wanted + i;
        }
        takenNames.add(name);
        return name;
    }

    /** The variable {@code declaration} declares: the analysis records every declaration. */
    LocalVar declared(Tree declaration) {
        return Objects.requireNonNull(analysis.declarations().get(declaration), "an analyzed declaration");
    }

    /** The field of the lifted variable {@code v}. */
    String fieldName(LocalVar v) {
        return Objects.requireNonNull(fieldNames.get(v), "a lifted variable has a field");
    }

    /**
     * The source text of {@code v}'s type, which the analysis records for each lifted variable (or
     * reports an error, and nothing is lowered).
     */
    String fieldType(LocalVar v) {
        return Objects.requireNonNull(analysis.fieldTypes().get(v), "a lifted variable's type is known");
    }

    /** Where the {@code yield}s of the switch expression {@code tree}, lowered before them, go. */
    SwitchResult switchResult(@Nullable Tree tree) {
        return Objects.requireNonNull(switchResults.get(tree), "a lowered switch expression");
    }

    /** The snapshot local for a capture of {@code v} in the statement being written. */
    String snapshot(LocalVar v) {
        return pendingSnapshots.computeIfAbsent(v, k -> syntheticName(fieldNames.get(k) + "Captured"));
    }

    /** Where the yield statements of a lowered switch expression put their value, and go. */
    record SwitchResult(String field, int end) {}

    /** The lowered switch expressions, by tree. */
    final IdentityHashMap<Tree, SwitchResult> switchResults = new IdentityHashMap<>();

    /** States some jump enters (so they must be written even where nothing falls into them). */
    final Set<Integer> jumpedTo = new HashSet<>();

    /** {@code label = target; continue dispatch;}, entering state {@code id}. */
    String jump(int id) {
        jumpedTo.add(id);
        return labelRef + " = " + StateWriter.ref(id) + "; continue " + dispatchLabel + ";";
    }

    /** {@code // Fetcher.java:12} for {@code tree}. */
    String lineComment(Tree tree) {
        return "// " + SourceReader.fileName(unit) + ":" + source.line(unit, tree);
    }

    String where(Tree tree) {
        return SourceReader.fileName(unit) + ":" + source.line(unit, tree);
    }
}
