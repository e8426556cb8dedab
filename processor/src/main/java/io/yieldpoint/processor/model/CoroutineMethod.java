package io.yieldpoint.processor.model;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Coroutine} method, checked and parsed.
 *
 * @param element the method
 * @param path the path from the compilation unit to the method's tree
 * @param kind task or generator
 * @param valueType the source text of the value type {@code T} of {@code Task<T>} or
 *     {@code Generator<T>}, with a wildcard replaced by its bound
 */
public record CoroutineMethod(ExecutableElement element, TreePath path, CoroutineKind kind, String valueType) {

    public MethodTree tree() {
        return (MethodTree) path.getLeaf();
    }

    public String name() {
        return element.getSimpleName().toString();
    }
}
