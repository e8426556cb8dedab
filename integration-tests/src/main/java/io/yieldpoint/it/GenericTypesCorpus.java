package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import static io.yieldpoint.Co.*;

/**
 * A generic interface with two type parameters, one bounded by itself: the machines keep them, and
 * locals of types built from them ({@code Map<K, V>}, {@code Optional<K>}, {@code List<? super V>},
 * a generic method's own {@code R}) live across yield points.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface GenericTypesCorpus<K extends Comparable<K>, V> extends Traced {

    /** Supplied by the delegate. */
    V valueOf(K key);

    /** Suspends, then completes with {@code value}. */
    @Coroutine
    default <T> Task<T> after(T value) {
        await(yieldNow());
        return done(value);
    }

    @Coroutine
    default Task<Map<K, V>> collect(List<K> keys) {
        Map<K, V> out = new TreeMap<>();
        for (K key : keys) {
            K k = await(after(key));
            V v = valueOf(k);
            out.put(k, await(after(v)));
        }
        log().add("collected " + out);
        return done(out);
    }

    @Coroutine
    default <R> Task<R> fold(List<K> keys, R initial, BiFunction<R, ? super V, R> step) {
        R acc = initial;
        for (K key : keys) {
            V v = await(after(valueOf(key)));
            acc = step.apply(acc, v);
            log().add("acc " + acc);
        }
        return done(acc);
    }

    @Coroutine
    default Task<Optional<K>> maxKey(Collection<? extends K> keys) {
        Optional<K> best = Optional.empty();
        for (K key : keys) {
            K k = await(after(key));
            if (best.isEmpty() || k.compareTo(best.get()) > 0) {
                best = Optional.of(k);
            }
        }
        return done(best);
    }

    @Coroutine
    default Task<Integer> fillSink(List<K> keys, List<? super V> sink) {
        int before = sink.size();
        for (K key : keys) {
            sink.add(await(after(valueOf(key))));
        }
        return done(sink.size() - before);
    }

    @Coroutine
    default Generator<Map.Entry<K, V>> entries(List<K> keys) {
        for (K key : keys) {
            V v = valueOf(key);
            emit(Map.entry(key, v));
        }
        return end();
    }

    @Coroutine
    default Task<List<V>> valuesViaTheGenerator(List<K> keys) {
        List<V> out = new ArrayList<>();
        for (Map.Entry<K, V> e : entries(keys)) {
            out.add(await(after(e.getValue())));
        }
        return done(out);
    }
}
