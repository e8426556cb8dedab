package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;

/** A generator: lazy, one step per element. */
public interface Numbers {

    @Coroutine
    default Generator<Integer> countdown(int from) {
        while (from > 0) {
            emit(from);
            from--;
            if (from == 3) {
                return end();
            }
        }
        emit(0);
        return end();
    }
}
