package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.HashMap;
import java.util.Map;

/** A generic interface, a generic method, a var across a yield point, a switch expression. */
public interface Cache<K> {

    Task<String> load(K key);

    @Coroutine
    default <V> Task<V> getOrDefault(K key, V fallback, java.util.function.Function<String, V> parse) {
        var hits = new HashMap<K, String>();
        String raw = await(load(key));
        hits.put(key, raw);
        V value = switch (raw.length()) {
            case 0 -> fallback;
            default -> parse.apply(hits.get(key) + await(load(key)));
        };
        return done(value);
    }
}
