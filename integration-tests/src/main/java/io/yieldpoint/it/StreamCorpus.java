package io.yieldpoint.it;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import static io.yieldpoint.Co.*;

/**
 * The differential corpus of {@code AsyncStream} coroutines and of the for-each loops that read
 * them ({@code for (T x : each(stream))}): awaits and emits in loops and branches, try/finally
 * with awaits in the finally, early exits of the consumer (break, return, throw, a labeled
 * continue), failures of the producer, streams reading streams.
 *
 * <p>The blocking reading runs a producer's whole body when it is called, the generated machine
 * one value at a time. So, for the traces to be comparable, per-value entries are logged by
 * producers only (consumers collect into the value they return), and a producer that a consumer
 * leaves early logs only in its finally block, which both readings run exactly once. Laziness and
 * the order of cleanup have tests of their own ({@code StreamBehaviourTest}).
 */
public interface StreamCorpus extends Traced {

    @Coroutine
    default AsyncStream<Integer> numbers(int n) {
        for (int i = 0; i < n; i++) {
            await(sleep(1));
            log().add("produce " + i);
            emit(i);
        }
        log().add("produced " + n);
        return end();
    }

    /** Logs only in its finally block: safe to leave early. */
    @Coroutine
    default AsyncStream<Integer> guarded(int n) {
        try {
            for (int i = 0; i < n; i++) {
                emit(await(Task.completed(i * 10)));
                await(yieldNow());
            }
        } finally {
            await(sleep(5));
            log().add("guarded cleanup");
        }
        return end();
    }

    @Coroutine
    default Task<List<Integer>> sum(int n) {
        List<Integer> seen = new ArrayList<>();
        int total = 0;
        for (int x : each(numbers(n))) {
            total += x;
            seen.add(x);
        }
        log().add("total " + total);
        seen.add(total);
        return done(seen);
    }

    /** The stream itself comes from an await in the loop's header; the loop is in a switch arm. */
    @Coroutine
    default Task<Integer> streamFromAnAwait(int n) {
        int total = 0;
        switch (n % 2) {
            case 0 -> {
                for (Integer x : each(await(Task.completed(numbers(n))))) {
                    total += x * 2;
                }
            }
            default -> {
                for (final int x : each(guarded(n))) {
                    total -= x;
                }
            }
        }
        return done(total);
    }

    @Coroutine
    default Task<List<Integer>> awaitsInTheBody(int n) {
        List<Integer> seen = new ArrayList<>();
        for (Integer x : each(guarded(n))) {
            seen.add(await(Task.completed(x + 1)));
            await(sleep(2));
        }
        return done(seen);
    }

    @Coroutine
    default Task<List<Integer>> breaksEarly(int n, int stopAt) {
        List<Integer> seen = new ArrayList<>();
        for (var x : Co.each(guarded(n))) {
            if (x >= stopAt) {
                break;
            }
            seen.add(x);
        }
        log().add("after loop");
        return done(seen);
    }

    @Coroutine
    default Task<String> returnsFromTheLoop(int n, int at) {
        for (int x : each(guarded(n))) {
            if (x == at) {
                return done("found " + x);
            }
        }
        return done("not found");
    }

    @Coroutine
    default Task<String> throwsInTheLoop(int n, int at) {
        try {
            for (int x : each(guarded(n))) {
                if (x == at) {
                    throw new IllegalArgumentException("bad " + x);
                }
            }
        } catch (IllegalArgumentException e) {
            log().add("caught " + e.getMessage());
            return done("caught");
        }
        return done("clean");
    }

    @Coroutine
    default Task<List<String>> nestedLoops(int n) {
        List<String> pairs = new ArrayList<>();
        outer:
        for (int a : each(guarded(n))) {
            for (int b : each(guarded(n))) {
                if (b > a) {
                    continue outer;
                }
                pairs.add(a + ":" + b);
            }
        }
        return done(pairs);
    }

    @Coroutine
    default AsyncStream<String> failsMidway(int n) {
        emit("one");
        await(sleep(1));
        log().add("one");
        if (n > 0) {
            throw new IllegalStateException("midway " + n);
        }
        emit("two");
        return end();
    }

    @Coroutine
    default Task<String> producerFails(int n) {
        StringBuilder seen = new StringBuilder();
        try {
            for (String s : each(failsMidway(n))) {
                seen.append(s);
            }
        } catch (IllegalStateException e) {
            return done("failed: " + e.getMessage()); // not the values seen: the blocking reading fails at the call
        }
        return done(seen.toString());
    }

    /** A stream reading a stream: awaits, emits and a for-each over each() in one body. */
    @Coroutine
    default AsyncStream<String> relabels(int n) {
        int index = 0;
        for (int x : each(numbers(n))) {
            if (x % 2 == 0) {
                emit("even " + x + " #" + index);
            } else {
                await(sleep(1));
                emit("odd " + x + " #" + index);
            }
            index++;
        }
        emit("count " + index);
        return end();
    }

    @Coroutine
    default AsyncStream<Integer> endsEarly(int n) {
        for (int i = 0; ; i++) {
            if (i == n) {
                log().add("end at " + i);
                return end();
            }
            emit(await(Task.completed(i)));
        }
    }

    @Coroutine
    default Task<List<Integer>> takesFromOperators(int n) {
        List<Integer> out = new ArrayList<>();
        for (int x : each(endsEarly(n).map(v -> v * 3).take(10))) { // take(n) leaving early: StreamBehaviourTest
            out.add(x);
        }
        out.addAll(await(guarded(n).toList()));
        return done(out);
    }
}
