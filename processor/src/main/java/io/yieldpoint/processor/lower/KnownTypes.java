package io.yieldpoint.processor.lower;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.TypeParameterTree;
import io.yieldpoint.processor.analyze.DslCalls;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LocalVar;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The static type of an expression, as source text, where the processor can tell it without javac
 * (which does not attribute bodies while processors run). A value computed before a suspension and
 * read after it is kept in an {@code Object} field; the read must have the expression's own static
 * type, which decides overloads, boxing and concatenation. When this class knows the type, the read
 * is a cast ({@code ((int) spill1)}) or {@code this.<X>awaitResult()}; otherwise the lowering writes
 * a witness, a lambda that repeats the expression's text in code that never runs, for javac to type.
 *
 * <p>Known, by the rules of the JLS for each form:
 * <ul>
 *   <li>literals (not {@code null}): their type;</li>
 *   <li>a call of the interface's own method, unqualified or on {@code this}, when every overload of
 *       that name and arity declares one return type ({@link InterfaceScope#returnTypes}); and
 *       {@code await} of such a call, its {@code Task<X>}'s {@code X} ({@link InterfaceScope#awaitedTypes});</li>
 *   <li>a local the body declares with a type, or a lifted one: its field's type;</li>
 *   <li>a cast: its type;</li>
 *   <li>{@code +} with a string literal or concatenation: {@code java.lang.String} (written
 *       qualified, since {@code String} alone could name a type of the user's); arithmetic and shifts on known numeric
 *       types: binary (or, for shifts, unary) numeric promotion (JLS 5.6); comparisons,
 *       {@code instanceof}, {@code &&}, {@code ||}: {@code boolean}.</li>
 * </ul>
 * A type text is used only if each name in it means there what it meant in the interface: not a
 * type parameter of the coroutine method (which the machine declares, and which would hide one of
 * the interface), a local type the machine declares ({@link io.yieldpoint.processor.model.BodyAnalysis#hoistedTypes}),
 * the generated class or one of its machines (named {@code ...Machine}), nor {@code Cursor}, which a
 * stream machine inherits from {@code AsyncStream}. The declarations are read for a top-level
 * interface only ({@code CoroutineProcessor.callTypes} says why).
 */
final class KnownTypes {

    private static final Set<String> NUMERIC = Set.of("byte", "short", "char", "int", "long", "float", "double");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z_$0-9]*");

    /**
     * The type of a string literal or concatenation, written qualified: {@code String} alone could
     * mean a type of the user's package or interface.
     */
    private static final String STRING = "java.lang.String";

    private final MethodContext ctx;
    private final Set<String> hiding = new HashSet<>();

    KnownTypes(MethodContext ctx) {
        this.ctx = ctx;
        for (TypeParameterTree p : ctx.method.tree().getTypeParameters()) {
            hiding.add(p.getName().toString());
        }
        for (ClassTree t : ctx.analysis.hoistedTypes()) {
            hiding.add(t.getSimpleName().toString());
        }
        hiding.add(InterfaceScope.STREAM_MACHINE_MEMBER_TYPE);
        hiding.add(ctx.scope.generatedSimpleName());
    }

    /** The type of {@code await(awaited)}, or null if javac must tell. */
    @Nullable String ofAwait(ExpressionTree awaited) {
        return usable(call(awaited, ctx.scope.awaitedTypes()));
    }

    /** The static type of {@code expression}, or null if javac must tell. */
    @Nullable String of(Tree expression) {
        return usable(type(expression));
    }

    private @Nullable String usable(@Nullable String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            // the generated class's machines are named <Method>Machine: a type so named means one of them
            if (hiding.contains(m.group()) || m.group().endsWith("Machine")) {
                return null;
            }
        }
        return text.strip();
    }

    private @Nullable String type(Tree e) {
        if (e instanceof ParenthesizedTree p) {
            return type(p.getExpression());
        }
        if (e instanceof LiteralTree literal) {
            return literal(literal);
        }
        if (e instanceof TypeCastTree cast) {
            return ctx.source.typeText(ctx.unit, cast.getType());
        }
        if (e instanceof IdentifierTree id) {
            LocalVar v = ctx.analysis.references().get(id);
            return v == null ? null : ctx.analysis.fieldTypes().get(v);
        }
        if (e instanceof MethodInvocationTree call) {
            String dslName = ctx.dsl.dslName(call);
            if (dslName != null) {
                return dslName.equals("await") && call.getArguments().size() == 1
                        ? call(call.getArguments().get(0), ctx.scope.awaitedTypes()) : null;
            }
            return call(call, ctx.scope.returnTypes());
        }
        if (e instanceof BinaryTree b) {
            return binary(b);
        }
        if (e instanceof com.sun.source.tree.InstanceOfTree
                || (e instanceof com.sun.source.tree.UnaryTree u && u.getKind() == Tree.Kind.LOGICAL_COMPLEMENT)) {
            return "boolean";
        }
        return null;
    }

    private static @Nullable String literal(LiteralTree literal) {
        return switch (literal.getKind()) {
            case INT_LITERAL -> "int";
            case LONG_LITERAL -> "long";
            case FLOAT_LITERAL -> "float";
            case DOUBLE_LITERAL -> "double";
            case CHAR_LITERAL -> "char";
            case BOOLEAN_LITERAL -> "boolean";
            case STRING_LITERAL -> STRING;
            default -> null;
        };
    }

    private @Nullable String binary(BinaryTree b) {
        switch (b.getKind()) {
            case LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
                    CONDITIONAL_AND, CONDITIONAL_OR -> {
                return "boolean";
            }
            default -> {
                // below
            }
        }
        String left = type(b.getLeftOperand());
        String right = type(b.getRightOperand());
        if (b.getKind() == Tree.Kind.PLUS && (STRING.equals(left) || STRING.equals(right))) {
            return STRING;
        }
        String l = numeric(left);
        String r = numeric(right);
        if (l == null || r == null) {
            return null;
        }
        return switch (b.getKind()) {
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> promoted(l, r);
            case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> promoted(l, "int");
            default -> null; // &, |, ^ also take booleans: not worth the cases
        };
    }

    private static @Nullable String numeric(@Nullable String type) {
        if (type == null) {
            return null;
        }
        String t = MethodContext.UNBOXED.getOrDefault(type.strip(), type.strip());
        return NUMERIC.contains(t) ? t : null;
    }

    /** Binary numeric promotion (JLS 5.6.2). */
    private static String promoted(String l, String r) {
        for (String wide : List.of("double", "float", "long")) {
            if (l.equals(wide) || r.equals(wide)) {
                return wide;
            }
        }
        return "int";
    }

    /**
     * The type {@code types} gives a call of the interface's own method ({@link DslCalls#ownCallName}:
     * unqualified or on {@code this}) without explicit type arguments; null otherwise.
     */
    private static @Nullable String call(ExpressionTree expression, Map<String, String> types) {
        ExpressionTree e = expression;
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        if (!(e instanceof MethodInvocationTree call) || !call.getTypeArguments().isEmpty()) {
            return null;
        }
        String name = DslCalls.ownCallName(call);
        return name == null ? null : types.get(InterfaceScope.callKey(name, call.getArguments().size()));
    }
}
