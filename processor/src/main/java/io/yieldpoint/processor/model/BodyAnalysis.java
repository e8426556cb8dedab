package io.yieldpoint.processor.model;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * What the analysis learned of one coroutine body.
 *
 * @param yieldPoints the {@code await}/{@code emit} calls that suspend the coroutine
 * @param containsYield the trees that contain a yield point (each yield point's ancestors within
 *     the body), by identity
 * @param variables every parameter and local, in declaration order
 * @param declarations each variable by its declaring tree
 * @param references each identifier that names a parameter or local, with the variable
 * @param fieldTypes the source text of the type of each lifted variable, and of each local
 *     initialized by {@code await} (whose declaration the lowering rewrites)
 * @param inferredTypes the type javac inferred for each such {@code var}, for the emitter to write
 *     with imports rather than fully qualified
 * @param hoistedTypes the local records, enums and interfaces of lowered blocks, which the machine
 *     declares as nested types (they are static, so nothing of the body is lost by moving them)
 */
public record BodyAnalysis(
        List<MethodInvocationTree> yieldPoints,
        Set<Tree> containsYield,
        List<LocalVar> variables,
        Map<Tree, LocalVar> declarations,
        Map<IdentifierTree, LocalVar> references,
        Map<LocalVar, String> fieldTypes,
        Map<LocalVar, TypeMirror> inferredTypes,
        List<ClassTree> hoistedTypes) {

    // The analyzer builds these maps by identity (javac's trees and our variables): the copies keep
    // identity semantics, which is what Error Prone's check is guarding.
    @SuppressWarnings("IdentityHashMapUsage")
    public BodyAnalysis {
        yieldPoints = List.copyOf(yieldPoints);
        containsYield = Collections.unmodifiableSet(identitySet(containsYield));
        variables = List.copyOf(variables);
        declarations = Collections.unmodifiableMap(new IdentityHashMap<>(declarations));
        references = Collections.unmodifiableMap(new IdentityHashMap<>(references));
        fieldTypes = Collections.unmodifiableMap(new IdentityHashMap<>(fieldTypes));
        inferredTypes = Collections.unmodifiableMap(new IdentityHashMap<>(inferredTypes));
        hoistedTypes = List.copyOf(hoistedTypes);
    }

    /**
     * Whether {@code tree} is a local record, enum or interface declared in a lowered block, which
     * the machine declares as a nested type instead, so that every state sees it.
     */
    public boolean isHoisted(Tree tree) {
        for (ClassTree t : hoistedTypes) {
            if (t == tree) {
                return true;
            }
        }
        return false;
    }

    private static Set<Tree> identitySet(Set<Tree> trees) {
        Set<Tree> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(trees);
        return s;
    }

    /** Whether {@code tree} has a yield point inside it (or is one). */
    public boolean hasYield(Tree tree) {
        return containsYield.contains(tree);
    }
}
