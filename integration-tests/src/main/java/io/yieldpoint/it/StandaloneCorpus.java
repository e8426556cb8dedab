package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import static io.yieldpoint.Co.*;

/**
 * An interface without abstract methods, used through {@code StandaloneCorpusCoroutines.create()}:
 * the coroutines take their log as a parameter (a parameter of a generic type, lifted to a field),
 * and plain default methods run on the generated instance.
 */
public interface StandaloneCorpus {

    /** A plain default method; with {@code create()} it runs as written on the generated instance. */
    default Task<Integer> shortcut(List<String> log, int n) {
        log.add("shortcut " + n);
        return countTo(log, n);
    }

    @Coroutine
    default Task<Integer> countTo(List<String> log, int n) {
        int i = 0;
        while (i < n) {
            await(yieldNow());
            i++;
            log.add("count " + i);
        }
        return done(i);
    }

    @Coroutine
    default Task<String> throughShortcut(List<String> log, int n) {
        int counted = await(shortcut(log, n));
        Map<String, Integer> seen = new TreeMap<>();
        seen.put("counted", counted);
        await(sleep(0));
        seen.merge("counted", 1, Integer::sum);
        log.add("seen " + seen);
        return done(seen.toString());
    }
}
