package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUG (generated code does not compile): {@code PendingQualifiedThisInLocalClass.this}
 * inside an anonymous class of a coroutine body is left as written (the Rewriter replaces
 * {@code Iface.this} only outside local classes), but the machine is a static nested class of the
 * generated class, not an inner class of the interface: "not an enclosing class:
 * PendingQualifiedThisInLocalClass". It should become the machine's {@code self} field there too.
 */
public interface PendingQualifiedThisInLocalClass extends Traced {

    @Coroutine
    default Task<String> qualifiedThisInAnonymousClass(int n) {
        await(yieldNow());
        Supplier<String> s = new Supplier<String>() {
            @Override
            public String get() {
                PendingQualifiedThisInLocalClass.this.log().add("from anonymous " + n);
                return "anon" + n;
            }
        };
        return done(s.get());
    }
}
