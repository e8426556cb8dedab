package io.yieldpoint.processor.analyze;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.yieldpoint.processor.diag.Diagnostics;
import io.yieldpoint.processor.diag.Messages;
import io.yieldpoint.processor.diag.Tag;
import io.yieldpoint.processor.model.InterfaceScope;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Plain default methods that call the interface's own coroutines: the {@code of(delegate)} trap.
 *
 * <p>The generated class runs {@code @Coroutine} methods as state machines and hands every other
 * method to the delegate, so a plain default method runs as plain Java on the delegate, and a
 * coroutine it calls there runs in its blocking reading: its {@code await} blocks the thread, which
 * an event loop refuses. {@code default Task<Integer> price(String sku) { return price(sku,
 * vendor()); }} compiles and then fails at run time. This check warns at such a call
 * ({@code YP-PlainMethodCallsCoroutine}), with the fix: make the method {@code @Coroutine} too
 * ({@code return price(sku, vendor());} is a valid coroutine body). Interfaces without abstract
 * methods are left alone: through {@code create()} their plain default methods run on the generated
 * instance, where the call is a state machine.
 */
public final class PlainMethodCheck {

    private final Trees trees;
    private final Diagnostics diagnostics;

    public PlainMethodCheck(Trees trees, Diagnostics diagnostics) {
        this.trees = trees;
        this.diagnostics = diagnostics;
    }

    /**
     * Checks the plain default methods {@code iface} declares; {@code coroutine} tells @Coroutine ones.
     * An interface without abstract methods is used through {@code create()}, where plain default
     * methods run on the generated instance and their coroutine calls are state machines: no trap.
     */
    public void check(TypeElement iface, InterfaceScope scope, boolean hasAbstractMethods,
            java.util.function.Predicate<ExecutableElement> coroutine) {
        if (!hasAbstractMethods || scope.taskCoroutines().isEmpty()
                || scope.suppressed().contains(Tag.PLAIN_METHOD_CALLS_COROUTINE.text())) {
            return;
        }
        for (Element e : iface.getEnclosedElements()) {
            if (e.getKind() != ElementKind.METHOD || !e.getModifiers().contains(Modifier.DEFAULT)) {
                continue;
            }
            ExecutableElement method = (ExecutableElement) e;
            if (coroutine.test(method)
                    || InterfaceScope.suppressedOn(method).contains(Tag.PLAIN_METHOD_CALLS_COROUTINE.text())) {
                continue;
            }
            TreePath path = trees.getPath(method);
            if (path != null) {
                new Calls(method, scope, path.getCompilationUnit()).scan(path, null);
            }
        }
    }

    /** Finds unqualified and {@code this.} calls of the interface's coroutines, outside nested classes. */
    private final class Calls extends TreePathScanner<Void, Void> {
        private final ExecutableElement method;
        private final InterfaceScope scope;
        private final CompilationUnitTree unit;

        Calls(ExecutableElement method, InterfaceScope scope, CompilationUnitTree unit) {
            this.method = method;
            this.scope = scope;
            this.unit = unit;
        }

        @Override
        public @Nullable Void visitClass(ClassTree node, Void p) {
            return null; // an anonymous or local class's this is not the interface's
        }

        @Override
        public @Nullable Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            String name = DslCalls.ownCallName(node);
            if (name != null && scope.taskCoroutines().contains(InterfaceScope.callKey(name, node.getArguments().size()))) {
                diagnostics.warning(Tag.PLAIN_METHOD_CALLS_COROUTINE, Messages.plainMethodCallsCoroutine(
                        method.getSimpleName().toString(), name, scope.simpleName()), node, unit);
            }
            return super.visitMethodInvocation(node, null);
        }

    }
}
