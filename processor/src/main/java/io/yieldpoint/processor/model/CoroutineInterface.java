package io.yieldpoint.processor.model;

import com.sun.source.tree.CompilationUnitTree;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * An interface with {@code @Coroutine} methods: the unit of generation (one file, one originating
 * element).
 *
 * @param element the interface
 * @param unit the compilation unit that declares it, whose imports the generated file repeats
 * @param methods its coroutine methods, in declaration order
 */
public record CoroutineInterface(TypeElement element, CompilationUnitTree unit, List<CoroutineMethod> methods) {

    public CoroutineInterface {
        methods = List.copyOf(methods);
    }

    /** {@code FetcherCoroutines}, or {@code Outer_InnerCoroutines} for a nested interface. */
    public String generatedSimpleName() {
        StringBuilder name = new StringBuilder(element.getSimpleName());
        for (var e = element.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
            name.insert(0, t.getSimpleName() + "_");
        }
        return name + "Coroutines";
    }

    /**
     * Whether {@code iface} has abstract methods (its own or inherited, {@code Object}'s aside): then
     * the generated class has no {@code create()}, and {@code of(delegate)} is its only entry.
     */
    public static boolean hasAbstractMethods(TypeElement iface, javax.lang.model.util.Elements elements) {
        for (javax.lang.model.element.Element e : elements.getAllMembers(iface)) {
            if (e.getKind() == javax.lang.model.element.ElementKind.METHOD
                    && e.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)
                    && !(e.getEnclosingElement() instanceof TypeElement owner
                            && owner.getQualifiedName().contentEquals("java.lang.Object"))) {
                return true;
            }
        }
        return false;
    }
}
