package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUG (generated code does not compile): a generator whose parameter {@code n} is
 * reassigned gets a field {@code nArgument} (the argument kept for restart()), named without
 * checking the body's names: a lifted local {@code nArgument} then gives "variable nArgument is
 * already defined in class GenMachine". The name should come from the same allocator as the other
 * fields.
 */
public interface PendingGeneratorArgumentName extends Traced {

    @Coroutine
    default Generator<Integer> argumentNamedLikeTheRestartCopy(int n) {
        int nArgument = 100;
        while (n > 0) {
            emit(n + nArgument);
            n--;
        }
        log().add("nArgument=" + nArgument);
        return end();
    }
}
