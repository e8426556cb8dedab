package io.yieldpoint.it;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;
import static io.yieldpoint.it.StaticHelpers.*;
import static java.lang.String.*;

/**
 * Names that the generated file must resolve as the interface does: a method of the interface that
 * hides a DSL method of the static import ({@code yieldNow}), nested types named like types the
 * generated code uses ({@code Objects}, {@code CoroutineMachine}), interface constants named like
 * the machine's fields, methods imported on demand ({@code import static java.lang.String.*}) and
 * named like the machine's own, and the names an anonymous class declares inside a body.
 */
public interface ShadowingCorpus extends Traced {

    /** A constant that a lifted local hides in one block only. */
    String MARK = "constant";

    /** A constant named like the machine's state field. */
    String label = "constant label";

    /** A value type whose name is also {@code java.util.Objects}'s. */
    record Objects(int n) {}

    /** A type whose name is also the runtime's machine base class. */
    final class CoroutineMachine {
        private CoroutineMachine() {}
    }

    /** Hides {@code Co.yieldNow} for unqualified calls in this interface's bodies. */
    default Task<Void> yieldNow() {
        log().add("own yieldNow");
        return Co.yieldNow();
    }

    /** A plain default method named like a method of an anonymous class below. */
    default String name(int x) {
        return "outer" + x;
    }

    /** Statically imported methods named like methods the machine inherits: the imports win. */
    @Coroutine
    default Task<String> staticImportsNamedLikeMachineMethods(int n) {
        String a = info(n);
        await(Co.yieldNow());
        int b = runStep(n);
        await(Co.yieldNow());
        log().add(a + " " + b);
        return done(a + "/" + b);
    }

    @Coroutine
    default Task<Integer> hiddenDslMethod(int n) {
        await(yieldNow());
        Objects o = new Objects(n);
        await(Co.yieldNow());
        log().add("o=" + o);
        return done(o.n());
    }

    // ------------------------------------------------------------------ interface constants

    /**
     * An interface constant, and a lifted local of the same name in one block: outside that block
     * the body names the constant.
     */
    @Coroutine
    default Task<String> constantHiddenInOneBlockOnly(int n) {
        if (n > 0) {
            String MARK = "local" + n;
            await(yieldNow());
            log().add("inside " + MARK);
        }
        await(yieldNow());
        log().add("outside " + MARK);
        return done(MARK);
    }

    /** An interface constant named like the machine's {@code label} field. */
    @Coroutine
    default Task<String> constantNamedLabel(int n) {
        await(yieldNow());
        log().add(label);
        return done(label + n);
    }

    // ------------------------------------------------------------------ static imports on demand

    /**
     * {@code join} and {@code valueOf}, imported on demand from {@code String}: {@code join} is also
     * a member of the machine's base classes, where an unqualified call would find that one.
     */
    @Coroutine
    default Task<String> onDemandImportedJoin(int n) {
        await(yieldNow());
        String s = join("+", "a", "b" + n);
        log().add(s);
        return done(s + valueOf(n));
    }

    // ------------------------------------------------------------------ names inside anonymous classes

    /** {@code ShadowingCorpus.this} inside an anonymous class of a body: the generated instance. */
    @Coroutine
    default Task<String> qualifiedThisInAnonymousClass(int n) {
        await(yieldNow());
        Supplier<String> s = new Supplier<String>() {
            @Override
            public String get() {
                ShadowingCorpus.this.log().add("from anonymous " + n);
                return "anon" + n;
            }
        };
        return done(s.get());
    }

    /**
     * Inside an anonymous class, {@code k} is the class's own field, not the lifted local of the
     * body with the same name.
     */
    @Coroutine
    default Task<String> anonymousClassFieldNamedLikeALiftedLocal(int n) {
        int k = await(done(n));
        Supplier<String> s = new Supplier<String>() {
            private final int k = 100;

            @Override
            public String get() {
                return "k=" + k;
            }
        };
        await(yieldNow());
        log().add(s.get() + " outer k=" + k);
        return done(s.get());
    }

    /**
     * Inside an anonymous class, {@code name(n)} calls the class's own method, not the interface's
     * method of the same name.
     */
    @Coroutine
    default Task<String> localClassMethodNamedLikeAnInterfaceMethod(int n) {
        await(yieldNow());
        Supplier<String> s = new Supplier<String>() {
            String name(int x) {
                return "inner" + x;
            }

            @Override
            public String get() {
                return name(n);
            }
        };
        log().add(s.get() + " " + name(n));
        return done(s.get());
    }
}
