package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import static io.yieldpoint.Co.*;

/**
 * A generic interface: the generated class and its machines keep the type parameters, and locals of
 * type {@code T} live across yield points as fields of type {@code T}.
 *
 * @param <T> the element type
 */
public interface GenericCorpus<T extends Comparable<T>> extends Traced {

    /** Supplied by the delegate. */
    T seed();

    @Coroutine
    default Task<List<T>> repeat(int n) {
        List<T> out = new ArrayList<>();
        T s = seed();
        for (int i = 0; i < n; i++) {
            T v = await(done(s));
            await(yieldNow());
            out.add(v);
            log().add("repeat " + v);
        }
        return done(out);
    }

    @Coroutine
    default Task<T> max(T a, T b) {
        T first = await(done(a));
        await(yieldNow());
        T larger = first.compareTo(b) >= 0 ? first : b;
        log().add("max " + larger);
        return done(larger);
    }

    @Coroutine
    default <U extends T> Generator<T> seedThen(U u, int times) {
        for (int i = 0; i < times; i++) {
            emit(u);
        }
        T s = seed();
        emit(s);
        return end();
    }
}
