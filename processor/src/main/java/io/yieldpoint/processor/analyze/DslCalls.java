package io.yieldpoint.processor.analyze;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Recognises calls of the DSL {@code io.yieldpoint.Co} syntactically, as the bodies are not
 * attributed while processors run.
 *
 * <p>A call is a DSL call when it is written {@code Co.x(...)} with {@code Co} naming
 * {@code io.yieldpoint.Co} (imported, imported on demand, or fully qualified), or {@code x(...)}
 * unqualified under a static import of {@code Co.x} or {@code Co.*}, where no enclosing type
 * declares or inherits a method {@code x} (which would take precedence over the import).
 */
public final class DslCalls {

    public static final String CO = "io.yieldpoint.Co";

    /** The DSL calls that suspend a coroutine. */
    public static final Set<String> YIELDING = Set.of("await", "emit");

    private static final Set<String> ALL = Set.of(
            "await", "done", "sleep", "yieldNow", "all", "any", "withTimeout", "emit", "end", "each");

    private final boolean coVisible;
    private final Set<String> unqualified;
    private final Set<String> shadowed;

    private DslCalls(boolean coVisible, Set<String> unqualified, Set<String> shadowed) {
        this.coVisible = coVisible;
        this.unqualified = unqualified;
        this.shadowed = shadowed;
    }

    /** The DSL calls as {@code unit} sees them inside {@code owner}. */
    public static DslCalls in(CompilationUnitTree unit, TypeElement owner, Elements elements) {
        boolean coImported = false;
        boolean otherCoImported = false;
        Set<String> staticNames = new HashSet<>();
        for (ImportTree imp : unit.getImports()) {
            String name = imp.getQualifiedIdentifier().toString();
            if (imp.isStatic()) {
                if (name.equals(CO + ".*")) {
                    staticNames.addAll(ALL);
                } else if (name.startsWith(CO + ".") && ALL.contains(name.substring(CO.length() + 1))) {
                    staticNames.add(name.substring(CO.length() + 1));
                }
            } else if (name.equals(CO) || name.equals("io.yieldpoint.*")) {
                coImported = true;
            } else if (name.endsWith(".Co")) {
                otherCoImported = true;
            }
        }
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        boolean coVisible = (coImported || pkg.equals("io.yieldpoint")) && !otherCoImported;
        Set<String> members = memberMethodNames(owner, elements);
        // Only a hidden yield point changes what the body means (it would block, not suspend); a
        // hidden done() or sleep() is an ordinary call of the user's own method.
        Set<String> shadowed = new HashSet<>(staticNames);
        shadowed.retainAll(members);
        shadowed.retainAll(YIELDING);
        staticNames.removeAll(members);
        return new DslCalls(coVisible, staticNames, shadowed);
    }

    private static Set<String> memberMethodNames(TypeElement owner, Elements elements) {
        Set<String> names = new HashSet<>();
        for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            for (Element member : elements.getAllMembers(t)) {
                if (member.getKind() == ElementKind.METHOD) {
                    names.add(member.getSimpleName().toString());
                }
            }
        }
        return names;
    }

    /** The DSL method {@code call} invokes, or null if it is not a DSL call. */
    public @Nullable String dslName(Tree tree) {
        if (!(tree instanceof MethodInvocationTree call)) {
            return null;
        }
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof IdentifierTree id) {
            String name = id.getName().toString();
            return unqualified.contains(name) ? name : null;
        }
        if (select instanceof MemberSelectTree member) {
            String name = member.getIdentifier().toString();
            if (!ALL.contains(name)) {
                return null;
            }
            String qualifier = member.getExpression().toString();
            if (qualifier.equals(CO) || (coVisible && qualifier.equals("Co"))) {
                return name;
            }
        }
        return null;
    }

    /**
     * The name of a DSL method that {@code tree} calls unqualified, under a static import of Co,
     * but that an enclosing type's own method of that name hides; null otherwise.
     */
    public @Nullable String shadowedDslName(Tree tree) {
        if (tree instanceof MethodInvocationTree call && call.getMethodSelect() instanceof IdentifierTree id
                && shadowed.contains(id.getName().toString())) {
            return id.getName().toString();
        }
        return null;
    }

    /** Whether {@code tree} is a call of the DSL method {@code name}. */
    public boolean is(Tree tree, String name) {
        return name.equals(dslName(tree));
    }

    /** Whether {@code tree} is a yield point: {@code await(...)} or {@code emit(...)}. */
    public boolean isYield(Tree tree) {
        String name = dslName(tree);
        return name != null && YIELDING.contains(name);
    }

    /**
     * The method name of a call the interface itself receives: unqualified ({@code m(...)}) or on
     * {@code this} ({@code this.m(...)}); null for any other call.
     */
    public static @Nullable String ownCallName(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof IdentifierTree id) {
            return id.getName().toString();
        }
        if (select instanceof MemberSelectTree m && m.getExpression() instanceof IdentifierTree q
                && q.getName().contentEquals("this")) {
            return m.getIdentifier().toString();
        }
        return null;
    }
}
