package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUG (generated code does not compile): a local named {@code label} that does NOT live
 * across a yield point stays a local of {@code step()}, where it hides the machine's {@code label}
 * field; the jumps the lowering writes after it ({@code label = 2; continue dispatch;}) then assign
 * the user's local. With a String local javac rejects the generated file ("incompatible types: int
 * cannot be converted to String"); with an int local the jump would silently loop for ever.
 * (A lifted {@code label} is renamed to {@code label2} and works: see SliceCorpus.namesSelfLabel.)
 */
public interface PendingLabelLocal extends Traced {

    @Coroutine
    default Task<Integer> labelLocal(int n) {
        int i = 0;
        while (i < n) {
            await(yieldNow());
            String label = "L" + i;
            log().add(label);
            i++;
        }
        return done(i);
    }

    @Coroutine
    default Generator<String> labelLocalInGenerator(int n) {
        for (int i = 0; i < n; i++) {
            emit("v" + i);
            String label = "L" + i;
            if (i == 1) {
                continue;
            }
            log().add(label);
        }
        return end();
    }
}
