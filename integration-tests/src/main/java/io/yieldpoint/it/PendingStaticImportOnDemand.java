package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;
import static java.lang.String.*;

/**
 * PROCESSOR BUG (generated code does not compile): a method imported ON DEMAND
 * ({@code import static java.lang.String.*;}) whose name is also a member of the machine base
 * classes ({@code join}, {@code of}, {@code run}, {@code cancel}, ...) is left unqualified; inside
 * the machine the inherited member wins: "method join in class AbstractTask<T> cannot be applied to
 * given types". The Rewriter qualifies only single static imports ({@code import static
 * java.lang.String.join;}); on-demand imports need the same treatment (the owner class is known
 * from the import and the name).
 */
public interface PendingStaticImportOnDemand extends Traced {

    @Coroutine
    default Task<String> onDemandImportedJoin(int n) {
        await(yieldNow());
        String s = join("+", "a", "b" + n);
        log().add(s);
        return done(s + valueOf(n));
    }
}
