package io.yieldpoint.it;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * The differential corpus of {@code Generator} coroutines: {@code emit} in loops and branches,
 * early {@code return end()}, parameters changed by the body, generators reading generators.
 *
 * <p>Through {@code GeneratorCorpusCoroutines} the bodies run lazily, one step per value; the
 * blocking reading runs the whole body when the method is called. So the traces are equal only once
 * the generated generator has been iterated to its end, which is what the differential test does;
 * the laziness has a test of its own.
 */
public interface GeneratorCorpus extends Traced {

    /** An interface constant used in bodies. */
    int STEP = 2;

    @Coroutine
    default Generator<Integer> range(int from, int to) {
        for (int i = from; i < to; i++) {
            log().add("range " + i);
            emit(i);
        }
        return end();
    }

    @Coroutine
    default Generator<Integer> evens(int n) {
        int i = 0;
        while (true) {
            i++;
            if (i % 2 == 1) {
                continue;
            }
            if (i > n) {
                break;
            }
            log().add("even " + i);
            emit(i);
        }
        log().add("done");
        return end();
    }

    @Coroutine
    default Generator<String> branches(int n) {
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0) {
                emit("fizz" + i);
            } else if (i % 3 == 1) {
                emit("buzz" + i);
                Co.emit("again" + i);
            } else {
                log().add("silent " + i);
            }
        }
        return end();
    }

    @Coroutine
    default Generator<Integer> earlyEnd(int n) {
        emit(-1);
        for (int i = 0; i < 10; i++) {
            if (i == n) {
                log().add("end at " + i);
                return end();
            }
            emit(i * STEP);
        }
        emit(99);
        return Co.end();
    }

    @Coroutine
    default Generator<Integer> countdown(int n) {
        log().add("from " + n);
        while (n > 0) {
            emit(n);
            n--;
        }
        log().add("liftoff " + n);
        return end();
    }

    @Coroutine
    default Generator<String> steps(int n) {
        log().add("start");
        for (int i = 0; i < n; i++) {
            log().add("step " + i);
            emit("v" + i);
        }
        log().add("end");
        return end();
    }

    @Coroutine
    default Generator<Integer> throwsMidway(int n) {
        emit(1);
        log().add("one");
        emit(2);
        log().add("two");
        if (n > 0) {
            throw new IllegalStateException("midway " + n);
        }
        emit(3);
        return end();
    }

    /** Records nothing, so the generators that read it trace the same in both readings. */
    @Coroutine
    default Generator<Integer> squares(int n) {
        for (int i = 0; i < n; i++) {
            emit(i * i);
        }
        return end();
    }

    @Coroutine
    default Generator<Integer> readsAnother(int n) {
        Iterator<Integer> it = squares(n).iterator();
        while (it.hasNext()) {
            int x = it.next();
            log().add("read " + x);
            emit(x * 10);
        }
        List<Integer> copy = new ArrayList<>();
        for (int x : this.squares(n + 1)) {
            copy.add(x);
        }
        emit(copy.size());
        return end();
    }

    @Coroutine
    default Generator<Number> mixedAndNull(int n) {
        emit(n);
        emit(2.5);
        emit(null);
        Number last = n * 2L;
        emit(last);
        return end();
    }

    @Coroutine
    default Generator<Object> empty() {
        log().add("empty");
        return end();
    }

    @Coroutine
    default Generator<String> capturesAcrossEmits(int n) {
        List<Supplier<String>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = "c" + i;
            emit(s);
            made.add(() -> s + "!");
        }
        for (int i = 0; i < made.size(); i++) {
            emit(made.get(i).get());
        }
        return end();
    }

    @Coroutine
    default Generator<String> labelsAndSelf(int n) {
        String self = "self";
        int label = 0;
        dispatch:
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j > i) {
                    continue dispatch;
                }
                label++;
            }
        }
        emit(self + label);
        int k = 0;
        while (k < n) {
            emit(self + k);
            label += k;
            k++;
        }
        emit("label" + label);
        return end();
    }
}
