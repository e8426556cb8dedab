package io.yieldpoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * What a simple type name means in the body of a coroutine interface, read from its declarations and
 * its file's imports (bodies are never attributed): the processor asks before it writes a name into
 * the generated file, where the name could mean another type.
 */
public final class TypeNames {

    private TypeNames() {}

    /**
     * The qualified name {@code simple} denotes as a type inside {@code iface}, or null if none: a
     * member type of the interface (its own or inherited), a single-type import, a type of the
     * package, a member type of an enclosing type, an on-demand import, {@code java.lang}.
     */
    public static @Nullable String meaning(String simple, CompilationUnitTree unit, TypeElement iface, Elements elements) {
        for (Element e : elements.getAllMembers(iface)) {
            if (e instanceof TypeElement member && member.getSimpleName().contentEquals(simple)) {
                return member.getQualifiedName().toString();
            }
        }
        for (ImportTree imp : unit.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (q.endsWith("." + simple)) {
                return q;
            }
        }
        String pkg = elements.getPackageOf(iface).getQualifiedName().toString();
        String samePackage = pkg.isEmpty() ? simple : pkg + "." + simple;
        if (elements.getTypeElement(samePackage) != null) {
            return samePackage;
        }
        for (Element e = iface.getEnclosingElement(); e instanceof TypeElement outer; e = outer.getEnclosingElement()) {
            if (elements.getTypeElement(outer.getQualifiedName() + "." + simple) != null) {
                return outer.getQualifiedName() + "." + simple;
            }
        }
        for (ImportTree imp : unit.getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            if (q.endsWith(".*")) {
                String candidate = q.substring(0, q.length() - 1) + simple;
                if (elements.getTypeElement(candidate) != null) {
                    return candidate;
                }
            }
        }
        return elements.getTypeElement("java.lang." + simple) != null ? "java.lang." + simple : null;
    }
}
