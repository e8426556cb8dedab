package io.yieldpoint.processor.lower;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.util.TreeScanner;
import io.yieldpoint.processor.analyze.DslCalls;
import io.yieldpoint.processor.model.BodyAnalysis;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LocalVar;
import io.yieldpoint.processor.model.LoweredMethod;
import io.yieldpoint.processor.parse.SourceReader;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lowers an analyzed coroutine body to a state machine: chooses the names of the machine's fields,
 * then walks the body ({@link MethodLowering}).
 *
 * <p>Names: a lifted local keeps the user's name, so a debugger's variables view shows
 * {@code count}; only when two lifted locals share a name, or one is called like a field of the
 * base class ({@code label}), does one get a suffix. The field holding the generated instance is
 * {@code self} unless the body already uses that name, and the loop around the state switch is
 * labeled {@code dispatch} unless the body has such a label.
 */
public final class Lowerer {

    private final SourceReader source;
    private final boolean lineComments;

    public Lowerer(SourceReader source) {
        this(source, true);
    }

    /** With {@code lineComments} false, no {@code // File.java:line} comment precedes lowered statements. */
    public Lowerer(SourceReader source, boolean lineComments) {
        this.source = source;
        this.lineComments = lineComments;
    }

    public LoweredMethod lower(CoroutineMethod method, BodyAnalysis analysis, DslCalls dsl, InterfaceScope scope) {
        Set<String> identifiers = new HashSet<>();
        Set<String> nonLocalNames = new HashSet<>();
        Set<String> labels = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                identifiers.add(node.getName().toString());
                if (analysis.references().get(node) == null) {
                    nonLocalNames.add(node.getName().toString());
                }
                return null;
            }

            @Override
            public Void visitMethodInvocation(com.sun.source.tree.MethodInvocationTree node, Void p) {
                if (node.getMethodSelect() instanceof IdentifierTree) {
                    scan(node.getTypeArguments(), null); // a method's name is not a variable's
                    scan(node.getArguments(), null);
                    return null;
                }
                return super.visitMethodInvocation(node, null);
            }

            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void p) {
                labels.add(node.getLabel().toString());
                return super.visitLabeledStatement(node, null);
            }
        }.scan(method.tree().getBody(), null);

        // A field must not hide a constant or other name the body reads outside the local's scope.
        Set<String> taken = new HashSet<>(Set.of("label", "SUSPENDED", "RETURNED"));
        taken.addAll(nonLocalNames);
        IdentityHashMap<LocalVar, String> fieldNames = new IdentityHashMap<>();
        // A field renamed (a second lifted local of one name, or an unnamed resource) must not take
        // the name of anything in the body either: a local that stays a local would hide it.
        Set<String> everyName = new HashSet<>(identifiers);
        analysis.variables().forEach(v -> everyName.add(v.name()));
        for (LocalVar v : analysis.variables()) {
            identifiers.add(v.name());
            if (v.lifted()) {
                fieldNames.put(v, v.name().equals("_") ? renamed("unnamed", taken, everyName) // _ is no field name
                        : taken.contains(v.name()) ? renamed(v.name(), taken, everyName) : unique(v.name(), taken));
            }
        }
        taken.addAll(identifiers);
        String self = unique("self", taken);
        String dispatch = unique("dispatch", labels);
        MethodContext ctx = new MethodContext(method, source, dsl, analysis, scope, fieldNames, self, dispatch, taken);
        if (identifiers.contains("label")) {
            ctx.labelRef = "this.label";
        }
        if (identifiers.contains("SUSPENDED") || identifiers.contains("RETURNED")) {
            ctx.suspendedRef = "io.yieldpoint.runtime.machine.CoroutineMachine.SUSPENDED";
            ctx.returnedRef = "io.yieldpoint.runtime.machine.CoroutineMachine.RETURNED";
        }
        ctx.lineComments = lineComments;
        return new MethodLowering(ctx).run();
    }

    /** {@code wanted}, or with the first suffix from 2 on, so that it is in neither set; then taken. */
    private static String renamed(String wanted, Set<String> taken, Set<String> avoid) {
        String name = wanted;
        for (int i = 2; taken.contains(name) || avoid.contains(name); i++) {
            name = wanted + i;
        }
        taken.add(name);
        return name;
    }

    private static String unique(String wanted, Set<String> taken) {
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + i;
        }
        taken.add(name);
        return name;
    }
}
