package io.yieldpoint.processor.lower;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import io.yieldpoint.processor.model.LocalVar;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A case of a lowered switch, as the Java switch that dispatches to its state writes it: its labels
 * (constants, {@code null}, {@code default}, patterns) and its guard as the user wrote them, in the
 * colon form ({@code case Circle c$b when c$b.r() > 0:}), followed by the copies of its lifted
 * pattern variables into their fields ({@code c = c$b;}), since the case's body runs in states of
 * its own, where the binding is out of scope.
 *
 * <p>Patterns and guards are Java 21 trees ({@code CaseTree.getLabels()}, {@code getGuard()}),
 * read reflectively so that the processor still runs on javac 17, where a case has only constants.
 */
final class CaseLabels {

    /** The case line of the dispatching switch, ending with {@code :}. */
    final String line;
    /** The copies of the case's lifted bindings into their fields, to run before the jump. */
    final List<String> copies;
    /** Whether the case has a {@code default} label (alone or after {@code null}). */
    final boolean isDefault;
    /** Whether the case has a pattern or a {@code null} label: the switch is then exhaustive. */
    final boolean enhanced;

    private CaseLabels(String line, List<String> copies, boolean isDefault, boolean enhanced) {
        this.line = line;
        this.copies = copies;
        this.isDefault = isDefault;
        this.enhanced = enhanced;
    }

    private static final @Nullable Method GET_LABELS = method("getLabels");
    private static final @Nullable Method GET_GUARD = method("getGuard");

    private static @Nullable Method method(String name) {
        try {
            return CaseTree.class.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null; // an older javac: cases have constant labels only
        }
    }

    /** The labels of the case at {@code casePath}. */
    static CaseLabels of(MethodContext ctx, Rewriter rewriter, TreePath casePath) {
        CaseTree c = (CaseTree) casePath.getLeaf();
        List<Tree> labels = labels(c);
        Tree guard = invoke(GET_GUARD, c) instanceof Tree g ? g : null;
        boolean isDefault = false;
        boolean enhanced = false;
        int end = -1;
        for (Tree label : labels) {
            String kind = label.getKind().name();
            if (kind.equals("DEFAULT_CASE_LABEL")) {
                isDefault = true;
                continue; // its end position is not reliable (javac 17 puts it after the arrow)
            } else if (kind.equals("PATTERN_CASE_LABEL") || kind.endsWith("_PATTERN") || isNullLabel(label)) {
                enhanced = true;
            }
            end = Math.max(end, (int) ctx.source.end(ctx.unit, label));
        }
        if (guard != null) {
            end = Math.max(end, (int) ctx.source.end(ctx.unit, guard));
        }
        if (labels.isEmpty() || end < 0) {
            return new CaseLabels("default:", List.of(), true, false);
        }
        List<LocalVar> bound = new ArrayList<>();
        for (Tree label : labels) {
            bound.addAll(rewriter.liftedBindings(label));
        }
        // In the labels and the guard, a lifted binding is still the binding: its field is set after.
        IdentityHashMap<Tree, String> asBindings = new IdentityHashMap<>();
        Set<LocalVar> mine = new HashSet<>(bound);
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                LocalVar v = ctx.analysis.references().get(node);
                if (v != null && mine.contains(v)) {
                    asBindings.put(node, rewriter.bindingName(v));
                }
                return null;
            }

            @Override
            public Void scan(Tree tree, Void p) {
                return tree != null && (tree == c.getBody()
                        || (c.getStatements() != null && c.getStatements().contains(tree))) ? null : super.scan(tree, null);
            }
        }.scan(casePath, null);
        // The body is not part of the labels: left out of the rewriting altogether.
        if (c.getBody() != null) {
            asBindings.put(c.getBody(), "");
        }
        List<? extends StatementTree> statements = c.getStatements();
        if (statements != null) {
            for (StatementTree s : statements) {
                asBindings.put(s, "");
            }
        }
        String text = rewriter.rewriteUpTo(casePath, asBindings, end).strip();
        List<String> copies = new ArrayList<>();
        for (LocalVar v : bound) {
            copies.add(ctx.fieldName(v) + " = " + rewriter.bindingName(v) + ";");
        }
        return new CaseLabels(text + (isDefault ? ", default:" : ":"), copies, isDefault, enhanced); // case null, default
    }

    /** {@code case null}: on javac 21 a constant label holding the null literal; on 17, the literal. */
    private static boolean isNullLabel(Tree label) {
        if (label.getKind() == Tree.Kind.NULL_LITERAL) {
            return true;
        }
        Object expression = invoke(method(label.getClass(), "getConstantExpression"), label);
        return expression instanceof Tree t && t.getKind() == Tree.Kind.NULL_LITERAL;
    }

    @SuppressWarnings("unchecked")
    private static List<Tree> labels(CaseTree c) {
        Object labels = invoke(GET_LABELS, c);
        if (labels instanceof List<?> l) {
            return (List<Tree>) l;
        }
        return new ArrayList<>(c.getExpressions());
    }

    private static @Nullable Method method(Class<?> type, String name) {
        for (Class<?> i : type.getInterfaces()) {
            try {
                return i.getMethod(name);
            } catch (NoSuchMethodException e) {
                // not this interface
            }
        }
        return null;
    }

    private static @Nullable Object invoke(@Nullable Method m, Object target) {
        if (m == null) {
            return null;
        }
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + m.getName() + " of a case", e);
        }
    }
}
