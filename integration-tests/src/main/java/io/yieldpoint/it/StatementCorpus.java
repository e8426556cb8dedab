package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import static io.yieldpoint.Co.*;

/**
 * Statements around yield points: {@code do}/{@code while} and {@code for} with awaits in their
 * conditions, initializers and updates, enhanced {@code for} over arrays and {@code Iterable}s,
 * classic {@code switch} (fall-through, {@code default} anywhere, on int, char, String and enum)
 * and arrow {@code switch} statements, labeled statements with {@code break}/{@code continue},
 * {@code throw} and {@code return} from deep inside, and local variable scoping.
 */
public interface StatementCorpus extends Traced {

    /** The selector type of the enum switches. */
    enum Color {
        RED, GREEN, BLUE
    }

    /** An operand that records its evaluation. */
    default int tick(String name, int v) {
        log().add(name + "=" + v);
        return v;
    }

    /** An {@code Iterable} whose iterator records every call made on it. */
    default Iterable<String> recorded(List<String> items) {
        return () -> new Iterator<String>() {
            private int i;

            @Override
            public boolean hasNext() {
                log().add("hasNext " + i);
                return i < items.size();
            }

            @Override
            public String next() {
                log().add("next " + i);
                return items.get(i++);
            }
        };
    }

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Boolean> flag(String name, boolean v) {
        log().add("flag " + name);
        await(yieldNow());
        return done(v);
    }

    /** Records its start, suspends, then completes with {@code s}. */
    @Coroutine
    default Task<String> text(String s) {
        log().add("text " + s);
        await(sleep(0));
        return done(s);
    }

    // ------------------------------------------------------------------ do/while

    @Coroutine
    default Task<Integer> doWhileAwaitsInBodyAndCondition(int n) {
        int i = 0;
        do {
            log().add("body " + i);
            i = await(later(i + 1));
        } while (await(later(i)) < n);
        log().add("after " + i);
        return done(i);
    }

    /** {@code continue} in a {@code do} body goes to the condition, which awaits. */
    @Coroutine
    default Task<Integer> doWhileContinueRunsTheCondition(int n) {
        int i = 0;
        int evens = 0;
        do {
            i++;
            if (i % 2 == 1) {
                log().add("skip " + i);
                continue;
            }
            evens += await(later(i));
        } while (await(flag("more " + i, i < n)));
        return done(evens);
    }

    @Coroutine
    default Task<String> doWhileBreakAndOnce(int n) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(await(text("once")));
        } while (false);
        int i = 0;
        do {
            i++;
            if (await(later(i)) > n) {
                log().add("break at " + i);
                break;
            }
            sb.append(i);
        } while (true);
        return done(sb.toString());
    }

    @Coroutine
    default Task<Integer> whileConditionAwaitsBodyIsPlain(int n) {
        int i = 0;
        int sum = 0;
        while (await(later(i)) < n) {
            sum += i;
            i++;
        }
        while (i > 0 && await(flag("down " + i, i % 3 != 0))) {
            i--;
        }
        log().add("sum=" + sum + " i=" + i);
        return done(sum * 100 + i);
    }

    // ------------------------------------------------------------------ for

    @Coroutine
    default Task<String> forAwaitsInInitConditionAndUpdate(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = await(later(0)), j = tick("j", 10); i < await(later(n)); i += await(later(1)), j--) {
            sb.append(i).append(':').append(j).append(' ');
        }
        return done(sb.toString().trim());
    }

    /** {@code continue} runs the update, awaits included. */
    @Coroutine
    default Task<Integer> forContinueRunsTheAwaitingUpdate(int n) {
        int sum = 0;
        for (int i = 0; i < n; i = await(later(i + 1))) {
            if (i % 2 == 0) {
                continue;
            }
            sum += i;
        }
        return done(sum);
    }

    @Coroutine
    default Task<Integer> forWithOnlyAnAwaitingUpdate(int n) {
        int i = 0;
        for (;; i = await(later(i + 2))) {
            if (i > n) {
                break;
            }
            log().add("i=" + i);
        }
        int j;
        for (j = await(later(n)); j > 0; j--) {
            log().add("j=" + j);
        }
        return done(i * 10 + j);
    }

    @Coroutine
    default Task<String> siblingLoopsWithTheSameNames(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String v = await(text("a" + i));
            sb.append(v);
        }
        for (long i = 10; i < 10 + n; i++) {
            long v = await(later((int) i));
            sb.append(v);
        }
        for (String i : List.of("x", "y")) {
            char v = await(text(i)).charAt(0);
            sb.append(v);
        }
        return done(sb.toString());
    }

    // ------------------------------------------------------------------ enhanced for

    @Coroutine
    default Task<Integer> forEachOverAnArray(int n) {
        int[] values = {n, n + 1, n + 2};
        int sum = 0;
        for (int v : values) {
            sum += await(later(v));
            values = new int[] {100, 100, 100};
        }
        for (int v : values) {
            sum += v;
        }
        return done(sum);
    }

    @Coroutine
    default Task<String> forEachOverAnIterable(int n) {
        List<String> items = new ArrayList<>(List.of("a", "b", "c", "d", "e"));
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (s.equals("b")) {
                continue;
            }
            sb.append(await(text(s)));
            if (sb.length() > n) {
                break;
            }
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> forEachCallsTheIteratorInOrder(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add("i" + i);
        }
        StringBuilder sb = new StringBuilder();
        for (String s : recorded(items)) {
            sb.append(await(text(s)));
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<Integer> forEachOverAwaitedValues(int n) {
        int sum = 0;
        for (int v : await(arrayOf(n))) {
            sum += v;
        }
        for (Integer v : await(listOf(n))) {
            sum += await(later(v * 10));
        }
        return done(sum);
    }

    /** An array of {@code 1..n}, after suspending. */
    @Coroutine
    default Task<int[]> arrayOf(int n) {
        await(yieldNow());
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return done(a);
    }

    /** A list of {@code 1..n}, after suspending. */
    @Coroutine
    default Task<List<Integer>> listOf(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(i);
        }
        await(sleep(0));
        return done(l);
    }

    @Coroutine
    default Task<String> nestedForEachWithLabeledContinue(int n) {
        StringBuilder sb = new StringBuilder();
        rows:
        for (int r : new int[] {1, 2, 3}) {
            for (String c : List.of("a", "b", "c")) {
                if (r + c.length() > n && c.equals("b")) {
                    sb.append('|');
                    continue rows;
                }
                sb.append(await(text(c + r)));
            }
            sb.append(';');
        }
        return done(sb.toString());
    }

    // ------------------------------------------------------------------ classic switch

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> switchOnIntWithFallThrough(int n) {
        StringBuilder sb = new StringBuilder();
        switch (n) {
            case 0:
                sb.append("zero ");
                await(later(0));
                // fall through
            case 1:
                sb.append("one ");
                break;
            default:
                sb.append("default ");
                await(later(9));
                // fall through
            case 2:
                sb.append("two ").append(await(later(2)));
                // fall through
            case 3: {
                int x = await(later(3));
                sb.append(" three ").append(x);
                break;
            }
            case 4:
                return done("four");
        }
        log().add(sb.toString());
        return done(sb.toString());
    }

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> switchOnAwaitedString(String s) {
        String r;
        switch (await(text(s))) {
            case "Aa":
                r = "Aa " + await(later(1));
                break;
            case "BB": // the same hashCode as "Aa"
                r = "BB " + await(later(2));
                break;
            case "go":
            case "run":
                r = await(text("moving"));
                // fall through
            case "stop":
                r = "stopped";
                await(later(3));
                break;
            default:
                r = "other";
        }
        return done(r);
    }

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> switchOnEnum(Color color) {
        StringBuilder sb = new StringBuilder();
        await(later(0));
        switch (color) {
            case RED:
                sb.append(await(text("red")));
                // fall through
            case GREEN:
                sb.append("green");
                break;
            default:
                sb.append(await(text("other")));
        }
        return done(sb.toString());
    }

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> switchOnChar(char c) {
        String kind;
        switch (c) {
            case 'a':
            case 'e':
            case 'i':
                kind = await(text("vowel"));
                break;
            case '0':
                kind = "zero";
                // fall through
            case '1':
                kind = await(text("digit"));
                break;
            default:
                kind = "other " + (int) await(later(c));
        }
        return done(c + ":" + kind);
    }

    /** A local declared in one case is in scope, though not assigned, in the cases after it. */
    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> caseLocalsScopeOverTheWholeSwitch(int n) {
        String r = "none";
        switch (n) {
            case 1:
                int x = await(later(1));
                String s = "s" + x;
                r = s;
                break;
            case 2:
                x = await(later(20));
                s = "t" + x;
                await(later(x));
                r = s + x;
                break;
            default:
                x = n;
                r = "default " + x;
        }
        return done(r);
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> switchInsideALoopBreakAndContinue(int n) {
        StringBuilder sb = new StringBuilder();
        loop:
        for (int i = 0; i < 6; i++) {
            switch (i % 4) {
                case 0:
                    sb.append(await(text("z" + i)));
                    break;
                case 1:
                    await(later(i));
                    continue;
                case 2:
                    if (i >= n) {
                        sb.append("!");
                        break loop;
                    }
                    sb.append("two");
                    break;
                default:
                    sb.append(await(later(i)));
            }
            sb.append(',');
        }
        return done(sb.toString());
    }

    @Coroutine
    @SuppressWarnings("fallthrough")
    default Task<String> nestedSwitches(int a, int b) {
        String r = "";
        switch (a) {
            case 0:
                switch (b) {
                    case 0:
                        r += await(text("00"));
                        break;
                    default:
                        r += await(text("0x"));
                }
                r += "|";
                // fall through
            case 1:
                r += await(text("1"));
                break;
            default:
                r += "d";
        }
        return done(r);
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> switchReturnsFromALoop(int n) {
        for (int i = 0; i < 10; i++) {
            switch (await(later(i))) {
                case 3:
                    if (n == 3) {
                        return done("returned at 3");
                    }
                    break;
                case 5:
                    return done("returned at 5");
                default:
                    log().add("went on " + i);
            }
        }
        return done("no return");
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> switchWithoutAMatchingCase(int n) {
        switch (n) {
            case 1:
                await(later(1));
                break;
            case 2:
                await(later(2));
        }
        switch (await(later(n))) {
        }
        return done("after " + n);
    }

    // ------------------------------------------------------------------ arrow switch statements

    @Coroutine
    default Task<String> arrowSwitchStatement(int n) {
        StringBuilder sb = new StringBuilder();
        switch (n) {
            case 1 -> sb.append(await(text("one")));
            case 2, 3 -> {
                int v = await(later(n));
                sb.append("two or three ").append(v);
            }
            case 4 -> throw new IllegalStateException("four " + await(later(4)));
            default -> {
                if (n > 10) {
                    return done("big");
                }
                sb.append("default");
            }
        }
        sb.append('.');
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> arrowSwitchOnStringAndEnum(String s, Color color) {
        StringBuilder sb = new StringBuilder();
        switch (await(text(s))) {
            case "Aa" -> sb.append("Aa");
            case "BB" -> sb.append(await(text("BB")));
            default -> {
            }
        }
        switch (color) {
            case RED -> sb.append(await(later(1)));
            case GREEN, BLUE -> {
                for (int i = 0; i < 2; i++) {
                    sb.append(await(later(i)));
                }
            }
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> arrowSwitchInALoop(int n) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 5; i++) {
            switch (i) {
                case 0 -> sb.append(await(later(0)));
                case 1 -> {
                    continue;
                }
                case 2 -> {
                    if (n == 2) {
                        break outer;
                    }
                    sb.append("two");
                }
                default -> {
                    if (await(later(i)) == n) {
                        break;
                    }
                    sb.append(i);
                }
            }
            sb.append(',');
        }
        return done(sb.toString());
    }

    /** Yield-free switch expressions, with {@code yield}, between and around awaits. */
    @Coroutine
    @SuppressWarnings("TraditionalSwitchExpression") // Error Prone: old-style switch expressions are what this tests
    default Task<String> switchExpressionsAroundAwaits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int v = await(later(i));
            String name = switch (v) {
                case 0 -> "zero";
                case 1 -> {
                    String t = "one";
                    yield t + "!";
                }
                default -> {
                    if (v > 2) {
                        yield "many";
                    }
                    yield "two";
                }
            };
            int old = switch (name) {
                case "zero":
                    yield 0;
                case "many":
                default:
                    yield name.length();
            };
            sb.append(name).append(old).append(await(text(",")));
        }
        return done(sb.toString());
    }

    // ------------------------------------------------------------------ labels

    @Coroutine
    @SuppressWarnings("LabelledBreakTarget") // Error Prone: a labeled block is what this tests
    default Task<String> labeledBlockBreak(int n) {
        String r = "not found";
        search:
        {
            for (int i = 0; i < 5; i++) {
                if (await(later(i)) == n) {
                    r = "found " + i;
                    break search;
                }
            }
            log().add("searched all");
        }
        return done(r);
    }

    @Coroutine
    default Task<String> labeledBreakAndContinueOutOfNestedLoops(int n) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 4; i++) {
            int j = 0;
            inner:
            while (true) {
                j++;
                int v = await(later(i * 10 + j));
                if (j > i) {
                    continue outer;
                }
                if (v == n) {
                    break outer;
                }
                if (j == 2) {
                    break inner;
                }
                sb.append(v).append(' ');
            }
            sb.append("| ");
        }
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> sameLabelInSiblingStatements(int n) {
        StringBuilder sb = new StringBuilder();
        loop:
        for (int i = 0; i < 3; i++) {
            if (i == n) {
                break loop;
            }
            sb.append(await(later(i)));
        }
        loop:
        for (int i = 0; i < 3; i++) {
            if (i == n) {
                continue loop;
            }
            sb.append(await(text("s" + i)));
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> labeledDoWhileContinue(int n) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        again:
        do {
            i++;
            for (int j = 0; j < 3; j++) {
                if (j == 1 && i % 2 == 0) {
                    continue again;
                }
                sb.append(await(later(i * 10 + j))).append(' ');
            }
        } while (i < n);
        return done(sb.toString().trim());
    }

    // ------------------------------------------------------------------ throw, return, blocks

    @Coroutine
    default Task<String> throwAnAwaitedException(int n) {
        RuntimeException e = await(done(new IllegalStateException("awaited " + n)));
        if (n > 0) {
            throw e;
        }
        if (n == 0) {
            throw await(done(new UnsupportedOperationException("direct")));
        }
        return done("no throw");
    }

    @Coroutine
    default Task<Integer> returnFromDeepInside(int n) {
        for (int i = 0; i < 5; i++) {
            while (true) {
                {
                    int v = await(later(i));
                    if (v == n) {
                        do {
                            return done(v * 100);
                        } while (true);
                    }
                }
                break;
            }
        }
        return done(-1);
    }

    @Coroutine
    default Task<String> emptyStatementsAndBlocks(int n) {
        ;
        {
        }
        {
            {
                await(later(n));
            }
        }
        if (n > 0) {
            ;
        } else {
            await(later(-1));
        }
        for (int i = 0; i < n; i++) {
        }
        while (await(later(n)) < 0) {
        }
        return done("empty " + n);
    }

    /** Loops and blocks without a yield point between awaits are copied as they are. */
    @Coroutine
    default Task<Long> yieldFreeLoopsBetweenAwaits(int n) {
        long sum = await(later(n));
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < i % 7; j++) {
                if (j == 5) {
                    continue;
                }
                sum += i ^ j;
            }
        }
        int k = 0;
        while (k < 100) {
            k += 3;
        }
        sum += await(later(k));
        return done(sum);
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> sameNameInSiblingBlocksOfDifferentTypes(int n) {
        StringBuilder sb = new StringBuilder();
        switch (n % 2) {
            case 0: {
                String v = await(text("even"));
                sb.append(v);
                break;
            }
            default: {
                int v = await(later(n));
                sb.append(v);
            }
        }
        if (n > 1) {
            double v = await(later(n)) / 2.0;
            sb.append(v);
        } else {
            List<String> v = List.of(await(text("small")));
            sb.append(v);
        }
        try {
            char v = await(text("c")).charAt(0);
            sb.append(v);
        } finally {
            boolean v = await(flag("finally", true));
            sb.append(v);
        }
        return done(sb.toString());
    }
    @Coroutine
    @SuppressWarnings("TraditionalSwitchExpression") // Error Prone: old-style switch expressions are what this tests
    default Task<String> switchExpressionOnAnAwaitedSelector(int n) {
        String kind = switch (await(later(n))) {
            case 0 -> "zero";
            case 1, 2 -> {
                String t = "small";
                yield t + n;
            }
            default -> "big";
        };
        int code = switch (await(text(kind))) {
            case "zero":
                yield 0;
            default:
                yield kind.length();
        };
        return done(kind + code);
    }

    /**
     * Awaits inside the arms of switch expressions: an arrow arm's expression, a block arm before its
     * {@code yield}, a classic group's {@code yield}, and a switch expression as an operand.
     */
    @Coroutine
    @SuppressWarnings("TraditionalSwitchExpression") // Error Prone: old-style switch expressions are what this tests
    default Task<String> awaitsInSwitchExpressionArms(int n) {
        String kind = switch (n) {
            case 0 -> "zero";
            case 1 -> await(text("one"));
            case 2 -> {
                String t = await(text("tw"));
                log().add("arm " + t);
                yield t + "o";
            }
            default -> "many" + await(later(n));
        };
        int code = switch (kind) {
            case "zero":
                yield 0;
            case "one":
                log().add("group one");
                yield await(later(1)) + 10;
            default:
                yield kind.length() + await(later(n));
        };
        String both = "<" + switch (code % 3) {
            case 0 -> "a";
            default -> await(text("b"));
        } + ">";
        return done(kind + code + both);
    }

    /** Yield-free {@code synchronized}, {@code assert} and a local class after the last await: copied as written. */
    @Coroutine
    default Task<String> yieldFreeSynchronizedAssertAndLocalClass(int n) {
        Object lock = new Object();
        int v = await(later(n));
        synchronized (lock) {
            v++;
        }
        assert v > 0 : "positive";
        await(later(v));
        class Twice {
            int of(int x) {
                return 2 * x;
            }
        }
        return done("twice " + new Twice().of(v));
    }
}
