package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import static io.yieldpoint.Co.*;

/**
 * Lifted locals keep their exact types: primitives, arrays, generic types with wildcards, type
 * variables of generic methods (with intersection bounds), {@code var} locals whose type javac
 * infers; overloaded coroutines; recursion and coroutines calling each other; parameters
 * reassigned after yield points; checked exceptions declared in {@code throws} clauses, generic
 * ones included.
 */
public interface TypesCorpus extends Traced {

    /** A member type used as a lifted local's type. */
    record Pair<A, B>(A first, B second) {}

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    /** Suspends, then completes with {@code value}, whatever its type. */
    @Coroutine
    default <T> Task<T> after(@Nullable T value) {
        await(yieldNow());
        return done(value);
    }

    /** A list with a wildcard type, so a {@code var} holding it has a captured type. */
    default List<? extends Number> numbers(int n) {
        List<Number> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i % 2 == 0 ? (Number) i : (Number) (i + 0.5));
        }
        return l;
    }

    // ------------------------------------------------------------------ lifted locals

    @Coroutine
    @SuppressWarnings("NarrowingCompoundAssignment") // Error Prone: the implicit narrowing is what this tests
    default Task<String> liftedPrimitives(int n) {
        byte b = (byte) n;
        short s = (short) (n * 1000);
        char c = (char) ('a' + n);
        long l = n * 10_000_000_000L;
        float f = n / 4f;
        double d = n / 3.0;
        boolean z = n % 2 == 0;
        await(later(n));
        b++;
        s += 7;
        c++;
        l -= 1;
        f *= 2;
        d = -d;
        z = !z;
        await(after("x"));
        String r = b + " " + s + " " + c + " " + l + " " + f + " " + d + " " + z;
        log().add(r);
        return done(r);
    }

    @Coroutine
    @SuppressWarnings({"unchecked", "rawtypes"})
    default Task<String> liftedArrays(int n) {
        int[][] grid = new int[2][3];
        String[] names = {"a", "b"};
        List<String>[] lists = new List[2];
        Object[] objects = names;
        char[] chars = "xyz".toCharArray();
        await(later(n));
        grid[1][2] = await(later(n + 1));
        names[0] = names[0] + await(after("!"));
        lists[0] = List.of("l" + n);
        lists[1] = new ArrayList<>(lists[0]);
        chars[n % 3] = await(after('Q'));
        String r = Arrays.deepToString(grid) + Arrays.toString(names) + Arrays.toString(lists)
                + objects.length + new String(chars);
        return done(r);
    }

    @Coroutine
    default Task<String> liftedGenericsAndWildcards(int n) {
        Map<String, List<Integer>> map = new TreeMap<>();
        List<? extends Number> nums = numbers(n);
        Map<? super Integer, ?> sink = new TreeMap<Integer, String>(Map.of(1, "one"));
        Function<? super Integer, ? extends CharSequence> fmt = i -> "#" + i;
        Comparator<String> byLength = Comparator.comparing(String::length);
        Optional<Map.Entry<String, Integer>> entry = Optional.of(new AbstractMap.SimpleEntry<>("k", n));
        Supplier<? extends List<? super Integer>> maker = ArrayList::new;
        BiFunction<String, String, String> cat = String::concat;
        await(later(n));
        map.computeIfAbsent("k", k -> new ArrayList<>()).add(await(later(n + 1)));
        Number first = nums.isEmpty() ? null : nums.get(0);
        CharSequence formatted = fmt.apply(await(later(2)));
        List<? super Integer> made = maker.get();
        made.add(await(later(3)));
        await(after(0));
        String r = map + " " + nums + " " + first + " " + sink.size() + " " + formatted + " "
                + byLength.compare("aa", "b") + " " + entry.map(Map.Entry::getValue).orElse(-1) + " " + made + " "
                + cat.apply("c", "d");
        return done(r);
    }

    @Coroutine
    default <T extends Comparable<? super T>> Task<T> maxOf(List<T> items) {
        T best = null;
        for (T item : items) {
            T seen = await(after(item));
            if (best == null || seen.compareTo(best) > 0) {
                best = seen;
            }
        }
        log().add("max " + best);
        return done(best);
    }

    @Coroutine
    default <T> Task<List<T>> reversed(T[] items) {
        T[] copy = items.clone();
        List<T> out = new ArrayList<>();
        for (int i = copy.length - 1; i >= 0; i--) {
            T v = await(after(copy[i]));
            out.add(v);
        }
        return done(out);
    }

    @Coroutine
    default <K, V extends Collection<K>> Task<Integer> nestedTypeVariables(Map<K, V> groups) {
        int total = 0;
        Iterator<Map.Entry<K, V>> it = groups.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, V> e = it.next();
            V members = await(after(e.getValue()));
            total += members.size();
            log().add(e.getKey() + ":" + members.size());
        }
        return done(total);
    }

    @Coroutine
    default Task<String> varLocalsAcrossYields(int n) {
        var list = new ArrayList<Map<String, Integer>>();
        var arr = new long[] {n, n * 2L};
        var it = List.of("p", "q").iterator();
        var entry = Map.entry("e", n);
        var opt = Optional.of(n);
        var sb = new StringBuilder();
        var pair = new Pair<>("first", List.of(n));
        var wild = numbers(n + 1);
        var nested = new TreeMap<String, List<? extends CharSequence>>();
        await(later(n));
        list.add(Map.of("k", await(later(1))));
        arr[1] += await(later(2));
        sb.append(it.next()).append(await(after("-")));
        nested.put("n", List.of(sb));
        Number w = wild.get(0);
        var awaited = await(after(pair));
        for (var e : nested.entrySet()) {
            var v = await(after(e.getValue()));
            sb.append(e.getKey()).append(v.size());
        }
        String r = list + " " + arr[0] + "," + arr[1] + " " + it.hasNext() + " " + entry + " " + opt.orElse(0) + " "
                + sb + " " + awaited + " " + w + " " + wild.size();
        return done(r);
    }

    @Coroutine
    default Task<String> tasksAsLiftedLocals(int n) {
        Task<Integer> first = later(n);
        List<Task<Integer>> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(later(10 + i));
        }
        int a = await(first);
        int sum = 0;
        for (Task<Integer> t : more) {
            sum += await(t);
        }
        List<Integer> all = await(all(more));
        return done(a + " " + sum + " " + all);
    }

    // ------------------------------------------------------------------ overloads

    @Coroutine
    default Task<String> size() {
        await(yieldNow());
        return done("none");
    }

    @Coroutine
    default Task<String> size(int n) {
        await(later(n));
        return done("int " + n);
    }

    @Coroutine
    default Task<String> size(long n) {
        await(later((int) n));
        return done("long " + n);
    }

    @Coroutine
    default Task<String> size(String s) {
        String inner = await(size(s.length()));
        return done("String " + s + " -> " + inner);
    }

    @Coroutine
    default Task<String> size(List<?> l) {
        String inner = await(size((long) l.size()));
        return done("List " + l.size() + " -> " + inner);
    }

    @Coroutine
    default Task<String> size(int[] a, String... rest) {
        String inner = await(size(List.of(a.length, rest.length)));
        return done("array " + a.length + " " + rest.length + " -> " + inner);
    }

    @Coroutine
    default Task<String> callsOverloads(int n) {
        String r = await(size()) + " | " + await(size(n)) + " | " + await(size((long) n)) + " | "
                + await(size("s" + n)) + " | " + await(size(List.of(n))) + " | " + await(size(new int[n], "x", "y"))
                + " | " + await(size(new int[] {n}));
        return done(r);
    }

    // ------------------------------------------------------------------ recursion

    @Coroutine
    default Task<Long> sumTo(int n) {
        if (n == 0) {
            return done(0L);
        }
        long below = await(sumTo(n - 1));
        if (n % 4 == 0) {
            await(yieldNow());
        }
        return done(below + n);
    }

    @Coroutine
    default Task<Boolean> isEven(int n) {
        if (n == 0) {
            return done(true);
        }
        await(yieldNow());
        return done(await(isOdd(n - 1)));
    }

    @Coroutine
    default Task<Boolean> isOdd(int n) {
        if (n == 0) {
            return done(false);
        }
        return isEven(n - 1);
    }

    @Coroutine
    default Task<Integer> hanoi(int discs, char from, char to, char via) {
        if (discs == 0) {
            return done(0);
        }
        int moves = await(hanoi(discs - 1, from, via, to));
        log().add("move " + discs + " " + from + "->" + to);
        await(yieldNow());
        moves += 1 + await(hanoi(discs - 1, via, to, from));
        return done(moves);
    }

    // ------------------------------------------------------------------ parameters

    @Coroutine
    default Task<String> parametersReassignedAfterYields(int n, String s, List<Integer> list, int[] arr) {
        await(later(n));
        n = n * 2;
        s = s + await(after("!"));
        list = new ArrayList<>(list);
        list.add(await(later(n)));
        arr[0] = await(later(arr[0] + 1));
        arr = new int[] {arr[0], -1};
        for (int i = 0; i < 2; i++) {
            n += await(later(i));
        }
        try {
            if (n > 5) {
                throw new IllegalStateException("big " + n);
            }
        } catch (IllegalStateException e) {
            s = await(after(e.getMessage()));
        }
        return done(n + " " + s + " " + list + " " + arr[0] + arr[1]);
    }

    @Coroutine
    default <T> Task<T> typeVariableParameterReassigned(T value, T other) {
        await(yieldNow());
        if (value == null) {
            value = other;
        }
        value = await(after(value));
        log().add("value " + value);
        return done(value);
    }

    // ------------------------------------------------------------------ throws clauses

    @Coroutine
    default Task<Integer> throwsChecked(int n) throws IOException, InterruptedException {
        int v = await(later(n));
        if (v == 1) {
            throw new IOException("io " + v);
        }
        if (v == 2) {
            throw new InterruptedException("interrupted " + v);
        }
        return done(v);
    }

    @Coroutine
    default <X extends Exception> Task<Integer> throwsGeneric(int n, X failure) throws X {
        await(later(n));
        if (n > 0) {
            throw failure;
        }
        return done(n);
    }

    @Coroutine
    default Task<String> callsThrowingCoroutines(int n) throws InterruptedException {
        String r;
        try {
            r = "value " + await(throwsChecked(n));
        } catch (IOException e) {
            r = "io caught " + e.getMessage();
        }
        try {
            await(throwsGeneric(n, new java.util.concurrent.TimeoutException("timeout " + n)));
        } catch (java.util.concurrent.TimeoutException e) {
            r += ", timeout caught";
        }
        return done(r);
    }
    @Coroutine
    default Task<String> varOverAnAwaitedWildcardIterable(int n) {
        StringBuilder sb = new StringBuilder();
        // var over the awaited iterable itself: varOverAnAwaitedWildcardList
        List<? extends Number> nums = await(after(numbers(n)));
        for (var x : nums) {
            var doubled = await(after(x.doubleValue() * 2));
            sb.append(x).append("->").append(doubled).append(' ');
        }
        return done(sb.toString().trim());
    }

    /** A generic coroutine method whose type variable has an intersection bound. */
    @Coroutine
    default <T extends Number & Comparable<T>> Task<String> intersectionBound(T a, T b) {
        T smaller = a.compareTo(b) <= 0 ? a : b;
        await(yieldNow());
        double sum = a.doubleValue() + b.doubleValue();
        T again = await(done(smaller));
        log().add("smaller " + again);
        return done(again + " " + sum);
    }

    /**
     * The {@code var} variable of an enhanced {@code for} over an awaited iterable, living across a
     * yield point: its field gets the element type of the awaited list ({@code Integer}).
     */
    @Coroutine
    default Task<String> varOverAnAwaitedList(int n) {
        StringBuilder sb = new StringBuilder();
        for (var x : await(done(List.of(n, n + 1)))) {
            await(yieldNow());
            sb.append(x + 1).append(' ');
        }
        return done(sb.toString().trim());
    }

    /** The same over a {@code List<? extends Number>}: the element type is {@code Number}. */
    @Coroutine
    default Task<String> varOverAnAwaitedWildcardList(int n) {
        StringBuilder sb = new StringBuilder();
        for (var x : await(done(numbers(n)))) {
            await(yieldNow());
            sb.append(x.doubleValue()).append(' ');
        }
        log().add("read " + sb);
        return done(sb.toString().trim());
    }

    /**
     * Local records, an enum and an interface declared before yield points of their block: being
     * static, the machine declares them as nested types, and every state sees them.
     */
    @Coroutine
    default Task<String> localTypesAcrossYields(int n) {
        record Point(int x, int y) {
            Point plus(Point o) {
                return new Point(x + o.x, y + o.y);
            }
        }
        enum Direction { NORTH, SOUTH }
        interface Scaler {
            int scale(int v);
        }
        record Named(String name, Point at, Direction facing) {}
        Point p = new Point(n, await(later(n + 1)));
        Scaler twice = v -> 2 * v;
        log().add("point " + p);
        for (int i = 0; i < n; i++) {
            p = p.plus(new Point(await(later(i)), twice.scale(i)));
        }
        Named named = new Named("n" + n, p, n % 2 == 0 ? Direction.NORTH : Direction.SOUTH);
        await(yieldNow());
        return done(named + " " + Direction.values().length);
    }

    /**
     * A local record in a nested block with a yield point, and one of the same name in another
     * block: not hoisted (a nested type by that name would be ambiguous), so each is declared after
     * its block's last yield point, where the plain rule allows it.
     */
    @Coroutine
    default Task<String> localTypesInBlocks(int n) {
        String out = "";
        if (n > 0) {
            int a = await(later(n));
            record Couple(int a, int b) {}
            out += new Couple(a, 1);
        } else {
            int b = await(later(-n));
            record Couple(String s) {}
            out += new Couple("b" + b);
        }
        return done(out);
    }

    /**
     * A lifted {@code var} of a local record, a local enum in the case labels of a switch after an
     * await, and a record named as one of {@link #localTypesAcrossYields}' (each machine has its own).
     */
    @Coroutine
    default Task<String> localTypesWithVarAndSwitch(int n) {
        enum Direction { EAST, WEST, NORTH }
        record Point(String label, Direction to) {}
        var p = new Point("p" + n, Direction.values()[n % 3]);
        await(later(n));
        String where;
        switch (p.to()) {
            case EAST -> where = "east " + await(later(1));
            case WEST -> where = "west";
            default -> where = "north " + await(later(2));
        }
        return done(p.label() + " " + where);
    }

    /** A local record declared in a group of a classic switch, used after awaits of later groups. */
    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> localRecordInACaseGroup(int n) {
        String out = "";
        switch (n) {
            case 1:
                record Tagged(int value) {}
                out += new Tagged(await(later(1)));
                // fall through
            case 2:
                out += "two" + await(later(2));
                break;
            default:
                out += "other";
        }
        return done(out);
    }
}
