package io.yieldpoint.processor.analyze;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.yieldpoint.processor.diag.Diagnostics;
import io.yieldpoint.processor.diag.Messages;
import io.yieldpoint.processor.diag.Tag;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.parse.SourceReader;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * The type of a variable, written as source text for a field declaration.
 *
 * <p>A declared type is taken as the user wrote it: the generated file repeats the user's imports
 * and sits in the same package, so the text means the same there, and it reads as the user wrote
 * it. Only a {@code var} needs the compiler: its type comes from {@link com.sun.source.util.Trees#getScope},
 * which attributes a copy of the body (never {@code Trees.getElement} on body nodes, which
 * attributes the class itself and can crash javac when the body names a class generated in the
 * same round). A type that cannot be written down (an error type, an intersection, a capture, an
 * anonymous class) is reported with {@link Tag#VAR_ACROSS_YIELD}.
 */
final class LocalTypes {

    private final SourceReader source;
    private final Diagnostics diagnostics;

    LocalTypes(SourceReader source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** A variable's type: its source text, and for a {@code var} the type javac inferred. */
    record LocalType(String text, @Nullable TypeMirror inferred) {}

    /**
     * The type of the variable declared at {@code declaration}, or null (after reporting) if it
     * cannot be written. {@code inScope} is a path at which the variable is in scope.
     */
    @Nullable LocalType typeOf(CoroutineMethod method, TreePath declaration, TreePath inScope) {
        VariableTree variable = (VariableTree) declaration.getLeaf();
        CompilationUnitTree unit = declaration.getCompilationUnit();
        Tree type = variable.getType();
        if (type instanceof UnionTypeTree) {
            return new LocalType(commonSuperclass(declaration), null);
        }
        if (type != null) {
            return new LocalType(declaredType(unit, variable), null);
        }
        return inferredType(unit, variable, inScope);
    }

    private String declaredType(CompilationUnitTree unit, VariableTree variable) {
        return source.typeText(unit, variable.getType());
    }

    private @Nullable LocalType inferredType(CompilationUnitTree unit, VariableTree variable, TreePath inScope) {
        String name = variable.getName().toString();
        TypeMirror type = null;
        try {
            Scope scope = source.trees().getScope(inScope);
            for (Element e : scope.getLocalElements()) {
                if (e.getSimpleName().contentEquals(name)) {
                    type = e.asType();
                    break;
                }
            }
        } catch (RuntimeException javacFailure) {
            // javac 17 can fail attributing the copy (an unqualified interface call inside ?:):
            // the type stays unknown and the user is asked to write it, rather than a crash.
        }
        String text = type == null ? null : writable(type);
        if (text == null) {
            String suggestion = type == null || type.getKind() == TypeKind.ERROR ? "" : " (it is " + type + ")";
            diagnostics.error(Tag.VAR_ACROSS_YIELD, Messages.varAcrossYield(name, suggestion), variable, unit);
            return null;
        }
        return new LocalType(text, type);
    }

    /**
     * A field type for a multi-catch parameter {@code catch (A | B e)}: the nearest class that all
     * alternatives extend (the union itself cannot be written as a field type).
     */
    private String commonSuperclass(TreePath parameter) {
        CatchTree c = (CatchTree) parameter.getParentPath().getLeaf();
        Scope scope = source.trees().getScope(new TreePath(parameter.getParentPath(), c.getBlock()));
        for (Element e : scope.getLocalElements()) {
            if (e.getSimpleName().contentEquals(((VariableTree) parameter.getLeaf()).getName())
                    && e.asType() instanceof UnionType u) {
                List<List<String>> chains = new ArrayList<>();
                for (TypeMirror alternative : u.getAlternatives()) {
                    List<String> chain = new ArrayList<>();
                    for (TypeMirror t = alternative; t instanceof DeclaredType d; t = ((TypeElement) d.asElement()).getSuperclass()) {
                        chain.add(((TypeElement) d.asElement()).getQualifiedName().toString());
                    }
                    chains.add(chain);
                }
                for (String candidate : chains.get(0)) {
                    if (chains.stream().allMatch(chain -> chain.contains(candidate))) {
                        return candidate;
                    }
                }
            }
        }
        return "Throwable";
    }

    /** {@code type} as source text, or null if no source text denotes it. */
    static @Nullable String writable(TypeMirror type) {
        switch (type.getKind()) {
            case ERROR, INTERSECTION, UNION, NONE, NULL, VOID, EXECUTABLE, PACKAGE, OTHER, MODULE, WILDCARD -> {
                return null;
            }
            default -> {
                // a kind that source text can denote
            }
        }
        String text = type.toString();
        if (text.contains("capture#") || text.contains("<anonymous") || text.contains("<any>")
                || text.contains("&")) {
            return null;
        }
        return text;
    }
}
