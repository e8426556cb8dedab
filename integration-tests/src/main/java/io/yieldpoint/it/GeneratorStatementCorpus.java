package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import static io.yieldpoint.Co.*;

/**
 * {@code Generator} coroutines with {@code emit} wherever a statement may stand: in
 * {@code try}/{@code catch}/{@code finally} (finally blocks included), try-with-resources, classic
 * and arrow {@code switch}, {@code do}/{@code while}, labeled loops, enhanced {@code for};
 * {@code return end()} from deep inside; recursive and generic generators.
 *
 * <p>{@code GeneratorCloseTest} closes some of these early, through the generated class only (the
 * blocking reading is eager), and checks that their finally blocks ran.
 */
public interface GeneratorStatementCorpus extends Traced {

    /** A resource that records its closing. */
    final class Res implements AutoCloseable {
        private final List<String> log;
        private final String name;

        public Res(List<String> log, String name) {
            this.log = log;
            this.name = name;
            log.add("open " + name);
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    /** A boolean operand that records its evaluation. */
    default boolean check(String name, boolean v) {
        log().add(name + "?" + v);
        return v;
    }

    @Coroutine
    default Generator<Integer> emitInTryFinally(int n) {
        log().add("start");
        try {
            for (int i = 0; i < n; i++) {
                log().add("emit " + i);
                emit(i);
            }
        } finally {
            log().add("finally");
        }
        log().add("after");
        return end();
    }

    @Coroutine
    default Generator<String> emitInNestedFinallys(int n) {
        try {
            emit("outer");
            try {
                for (int i = 0; i < n; i++) {
                    emit("inner" + i);
                }
            } finally {
                log().add("inner finally");
            }
            emit("between");
        } finally {
            log().add("outer finally");
        }
        return end();
    }

    @Coroutine
    default Generator<String> emitInCatchAndFinally(int n) {
        for (int i = 0; i < n; i++) {
            try {
                emit("try" + i);
                if (i % 2 == 1) {
                    throw new IllegalStateException("odd " + i);
                }
                emit("no throw " + i);
            } catch (IllegalStateException e) {
                emit("caught " + e.getMessage());
            } finally {
                emit("finally" + i);
                log().add("after finally emit " + i);
            }
        }
        return end();
    }

    @Coroutine
    default Generator<String> returnEndThroughFinallys(int n) {
        try {
            for (int i = 0; i < 10; i++) {
                try {
                    emit("v" + i);
                    if (i == n) {
                        log().add("end at " + i);
                        return end();
                    }
                } finally {
                    log().add("finally " + i);
                }
            }
            emit("all");
        } finally {
            log().add("outer finally");
        }
        return end();
    }

    @Coroutine
    default Generator<String> exceptionFromTheBodyAfterAFinallyEmit(int n) {
        try {
            emit("a");
            if (n > 0) {
                throw new IllegalArgumentException("body " + n);
            }
            emit("b");
        } finally {
            emit("from finally");
        }
        return end();
    }

    @Coroutine
    @SuppressWarnings("Finally") // Error Prone: leaving a finally block abruptly is what this tests
    default Generator<String> finallyExceptionReplacesTheBodys(int n) {
        try {
            try {
                emit("x");
                throw new IllegalStateException("body");
            } finally {
                emit("f");
                if (n > 0) {
                    throw new UnsupportedOperationException("finally " + n);
                }
            }
        } catch (RuntimeException e) {
            emit("caught " + e.getMessage());
        }
        return end();
    }

    @Coroutine
    default Generator<String> emitInTryWithResources(int n) {
        try (Res a = new Res(log(), "a"); Res b = new Res(log(), "b")) {
            for (int i = 0; i < n; i++) {
                emit(a.name() + b.name() + i);
            }
        }
        emit("closed");
        return end();
    }

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Generator<String> emitInSwitches(int n) {
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0:
                    emit("zero");
                    // fall through
                case 1:
                    emit("one-ish " + i);
                    break;
                case 2:
                    continue;
                default:
                    emit("default " + i);
            }
            switch (i % 3) {
                case 0 -> emit("arrow zero");
                case 1 -> {
                    emit("arrow one");
                    emit("arrow one again");
                }
                default -> {
                    if (i > 4) {
                        return end();
                    }
                }
            }
        }
        return end();
    }

    @Coroutine
    @SuppressWarnings("LabelledBreakTarget") // Error Prone: a labeled block is what this tests
    default Generator<Integer> emitInDoWhileAndLabeledLoops(int n) {
        int i = 0;
        do {
            emit(i);
            i++;
        } while (i < n);
        outer:
        for (int a = 0; a < 4; a++) {
            int b = 0;
            while (true) {
                b++;
                if (b > a) {
                    continue outer;
                }
                if (a * b > n) {
                    break outer;
                }
                emit(a * 10 + b);
            }
        }
        block:
        {
            if (n > 2) {
                emit(-1);
                break block;
            }
            emit(-2);
        }
        return end();
    }

    @Coroutine
    default Generator<String> emitOverAnIterableAndAMap(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("i" + i);
        }
        Iterator<String> it = items.iterator();
        while (it.hasNext()) {
            String s = it.next();
            log().add("read " + s);
            emit(s);
        }
        Map<String, Integer> map = new TreeMap<>();
        for (String s : items) {
            map.put(s, s.length() + n);
        }
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            emit(e.getKey() + "=" + e.getValue());
        }
        for (var e : map.entrySet()) {
            emit(e.getKey().toUpperCase(java.util.Locale.ROOT));
        }
        return end();
    }

    @Coroutine
    default Generator<Object> emitExpressions(int n) {
        emit(check("a", n > 0) && check("b", n > 1));
        emit(check("c", n > 0) || check("d", n > 1));
        emit(n > 1 ? "big" : n);
        int[] arr = {n, n + 1};
        emit(arr[n % 2]++);
        emit(arr[n % 2]);
        String s = "s";
        emit(s += n);
        emit(s);
        emit(null);
        return end();
    }

    /** All orderings of {@code rest}, each prefixed: a recursive generator, read lazily. */
    @Coroutine
    default Generator<String> permutations(String prefix, String rest) {
        if (rest.isEmpty()) {
            emit(prefix);
            return end();
        }
        for (int i = 0; i < rest.length(); i++) {
            String next = rest.substring(0, i) + rest.substring(i + 1);
            for (String p : permutations(prefix + rest.charAt(i), next)) {
                emit(p);
            }
        }
        return end();
    }

    /** The leaves of a tree of nested lists, depth first. */
    @Coroutine
    default Generator<Integer> leaves(List<?> tree) {
        for (Object node : tree) {
            if (node instanceof List<?>) {
                // A pattern variable may not be in scope at an emit (YP-NotYetSupported): cast.
                List<?> sub = (List<?>) node;
                for (Integer leaf : leaves(sub)) {
                    emit(leaf);
                }
            } else {
                log().add("leaf " + node);
                emit((Integer) node);
            }
        }
        return end();
    }

    @Coroutine
    default <T> Generator<T> interleave(List<? extends T> a, List<? extends T> b) {
        Iterator<? extends T> ia = a.iterator();
        Iterator<? extends T> ib = b.iterator();
        while (ia.hasNext() || ib.hasNext()) {
            if (ia.hasNext()) {
                T x = ia.next();
                emit(x);
            }
            if (ib.hasNext()) {
                emit(ib.next());
            }
        }
        return end();
    }

    @Coroutine
    default Generator<String> varLocalsAcrossEmits(int n) {
        var list = new ArrayList<String>();
        var count = 0L;
        for (var i = 0; i < n; i++) {
            var item = "v" + i;
            list.add(item);
            emit(item);
            count += item.length();
        }
        var map = new TreeMap<String, List<Integer>>();
        map.put("k", List.of(n));
        emit(list + " " + count + " " + map);
        return end();
    }

    /** For the close test: a resource and two finally blocks around the emits. */
    @Coroutine
    default Generator<String> resourcesAndFinallysAroundEmits(int n) {
        log().add("start");
        try (Res r = new Res(log(), "r")) {
            try {
                for (int i = 0; i < n; i++) {
                    emit(r.name() + i);
                }
            } finally {
                log().add("inner finally");
            }
            log().add("after inner try");
        } finally {
            log().add("outer finally");
        }
        log().add("end");
        return end();
    }

    /** A generator reading another one that records nothing (so both readings trace alike). */
    @Coroutine
    default Generator<String> readsPermutationsLazily(int n) {
        int count = 0;
        for (String p : permutations("", "abcd".substring(0, n))) {
            count++;
            if (p.endsWith("a")) {
                continue;
            }
            emit(count + ":" + p);
            if (count > 10) {
                break;
            }
        }
        return end();
    }
    @Coroutine
    @SuppressWarnings("LabelledBreakTarget") // Error Prone: a labeled block is what this tests
    default Generator<Integer> emitInStatementsWithoutBraces(int n) {
        if (n > 0) emit(1); else emit(2);
        for (int i = 0; i < n; i++) emit(i * 10);
        int k = n;
        while (k-- > 0) emit(-k);
        do emit(100); while (false);
        outer:
        try {
            for (int i = 0; i < 3; i++) {
                emit(i * 1000);
                if (i == n) break outer;
            }
        } finally {
            emit(7);
        }
        return end();
    }
}
