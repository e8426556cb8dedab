package io.yieldpoint.processor.analyze;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.yieldpoint.processor.parse.SourceReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * The private methods of an interface that its coroutines may call: copied, as the user wrote
 * them, into the generated class, which implements the interface and so resolves what they name the
 * same way (the interface's methods, constants, nested types and type parameters; the file's
 * imports). A coroutine calls the copy ({@code self.helper(...)}, or {@code Generated.helper(...)}
 * for a static one), and a copy's calls of other private methods reach their copies.
 *
 * <p>A private method is copied unless it uses what only the interface itself can say:
 * {@code Iface.this} or {@code Iface.super.m()}; or unless it calls such a method (the rule
 * applies transitively). Calls of those stay the {@code YP-PrivateMember} error.
 *
 * @param copies the names of the copied methods, instance and static, and their source texts
 */
public record PrivateHelpers(Set<String> instanceCopies, Set<String> staticCopies, Set<String> notCopyable,
        List<String> copies) {

    public PrivateHelpers {
        instanceCopies = Set.copyOf(instanceCopies);
        staticCopies = Set.copyOf(staticCopies);
        notCopyable = Set.copyOf(notCopyable);
        copies = List.copyOf(copies);
    }

    /** The private methods {@code iface} declares, sorted into those copied and those not. */
    public static PrivateHelpers of(TypeElement iface, Trees trees, SourceReader source, CompilationUnitTree unit) {
        Map<ExecutableElement, Facts> facts = new LinkedHashMap<>();
        for (Element e : iface.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.PRIVATE)) {
                TreePath path = trees.getPath(e);
                Facts f = new Facts(path);
                if (path != null) {
                    f.scan(path, null);
                }
                facts.put((ExecutableElement) e, f);
            }
        }
        Set<String> notCopyable = new HashSet<>();
        facts.forEach((m, f) -> {
            if (f.path == null || f.usesInterfaceOnly) {
                notCopyable.add(m.getSimpleName().toString());
            }
        });
        // A helper that calls one that cannot be copied cannot be copied either; to a fixed point.
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Map.Entry<ExecutableElement, Facts> e : facts.entrySet()) {
                String name = e.getKey().getSimpleName().toString();
                if (!notCopyable.contains(name) && e.getValue().calls.stream().anyMatch(notCopyable::contains)) {
                    notCopyable.add(name);
                    changed = true;
                }
            }
        }
        Set<String> instance = new HashSet<>();
        Set<String> statics = new HashSet<>();
        List<String> copies = new ArrayList<>();
        facts.forEach((m, f) -> {
            String name = m.getSimpleName().toString();
            if (notCopyable.contains(name) || f.path == null) {
                return;
            }
            boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
            (isStatic ? statics : instance).add(name);
            copies.add(source.text(unit, f.path.getLeaf()));
        });
        return new PrivateHelpers(instance, statics, notCopyable, copies);
    }

    /** What one private method's body does that matters for copying it. */
    private static final class Facts extends TreePathScanner<Void, Void> {
        final @Nullable TreePath path;
        final Set<String> calls = new HashSet<>();
        boolean usesInterfaceOnly;

        Facts(@Nullable TreePath path) {
            this.path = path;
        }

        @Override
        public @Nullable Void visitMemberSelect(MemberSelectTree node, Void p) {
            if ((node.getIdentifier().contentEquals("this") || node.getIdentifier().contentEquals("super"))
                    && !(node.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("super"))) {
                usesInterfaceOnly = true; // Iface.this, Iface.super
            }
            return super.visitMemberSelect(node, null);
        }

        @Override
        public @Nullable Void visitMethodInvocation(MethodInvocationTree node, Void p) {
            String name = DslCalls.ownCallName(node);
            if (name != null) {
                calls.add(name);
            }
            return super.visitMethodInvocation(node, null);
        }
    }
}
