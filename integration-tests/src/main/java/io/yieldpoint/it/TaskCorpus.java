package io.yieldpoint.it;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * The differential corpus of {@code Task} coroutines: yield points as statements, in local
 * initializers and assignments, inside blocks, {@code if}/{@code else}, {@code while} and {@code for}
 * bodies; exceptions, calls between coroutines, lambdas, {@code CompletableFuture}s and combinators
 * around them. Everything else around the yield points is yield-free and copied.
 *
 * <p>Each method records its steps in {@link #log()}; {@code DifferentialTest} runs each case of
 * {@code TaskCases} through the blocking reading and through {@code TaskCorpusCoroutines} and
 * compares trace, value and exception. Awaits mix pending tasks ({@code sleep}, {@code yieldNow})
 * with completed ones ({@code done}), so both the suspending path and the fast path of the machine run.
 */
public interface TaskCorpus extends Traced {

    /** An interface constant used in bodies. */
    int LIMIT = 3;

    /** An interface constant used in bodies. */
    String TAG = "tag";

    /** A member type of the interface, held by a local across awaits. */
    record Pair(String name, int value) {}

    /** Abstract: supplied by the delegate given to {@code TaskCorpusCoroutines.of}. */
    int scale(int x);

    /** A plain default method, called from coroutine bodies. */
    default String describe(int x) {
        return "d" + x;
    }

    /** A static interface method, called from coroutine bodies. */
    static int twice(int x) {
        return 2 * x;
    }

    // ------------------------------------------------------------------ straight line

    @Coroutine
    default Task<Integer> straightLine(int n) {
        log().add("a" + n);
        await(sleep(0));
        log().add("b");
        await(yieldNow());
        log().add("c");
        await(sleep(1));
        log().add("d");
        await(sleep(Duration.ofMillis(0)));
        return done(n * 2);
    }

    @Coroutine
    default Task<Integer> awaitCompleted(int n) {
        int x = await(done(n));
        log().add("x=" + x);
        await(done("ignored"));
        x = await(done(x + 1));
        log().add("x=" + x);
        Integer boxed = Co.await(done(x * 10));
        log().add("boxed=" + boxed);
        return done(x + boxed);
    }

    @Coroutine
    default Task<String> awaitForms(String s, int n) {
        await(yieldNow());
        String a = await(done(s + "!"));
        log().add(a);
        String b;
        b = await(done(a + "?"));
        log().add(b);
        s = await(done(b + n));
        log().add(s);
        n = await(done(n + 100));
        log().add("n=" + n);
        await(done(n));
        return done(s + "/" + n);
    }

    @Coroutine
    default Task<Void> voidResult(int n) {
        await(yieldNow());
        log().add("void" + n);
        if (n > 1) {
            return done();
        }
        await(sleep(0));
        log().add("end");
        return Co.done();
    }

    // ------------------------------------------------------------------ branches

    @Coroutine
    default Task<String> ifElseChain(int n) {
        String r;
        if (n < 0) {
            await(yieldNow());
            r = "negative";
        } else if (n == 0) {
            String z = await(done("zero"));
            r = z;
        } else if (n < 10) {
            int twice = await(done(n * 2));
            log().add("twice=" + twice);
            r = "small" + twice;
        } else {
            r = "big";
            await(sleep(0));
            r = r + "!";
        }
        log().add("r=" + r);
        await(yieldNow());
        return done(r);
    }

    @Coroutine
    default Task<Integer> nestedIf(int a, int b) {
        int total = 0;
        if (a > 0) {
            log().add("a>0");
            if (b > 0) {
                total = await(done(a + b));
                log().add("both");
            } else {
                await(yieldNow());
                if (b == 0) {
                    log().add("b=0");
                    total = a;
                } else {
                    total = await(done(a - b));
                }
            }
            total++;
        } else if (b > 0) {
            await(sleep(0));
            total = -b;
        } else {
            log().add("neither");
        }
        log().add("total=" + total);
        return done(total);
    }

    @Coroutine
    default Task<String> ifEarlyReturn(boolean early, int n) {
        log().add("start");
        if (early) {
            await(yieldNow());
            log().add("early");
            return done("early" + n);
        }
        if (n > 5) {
            String s = await(done("gt5"));
            return done(s);
        } else {
            await(sleep(0));
        }
        log().add("late");
        return done("late" + n);
    }

    // ------------------------------------------------------------------ loops

    @Coroutine
    default Task<Integer> whileLoop(int n) {
        int i = 0;
        int sum = 0;
        while (i < n) {
            await(yieldNow());
            log().add("i=" + i);
            sum += i;
            i++;
        }
        log().add("sum=" + sum);
        return done(sum);
    }

    @Coroutine
    default Task<Integer> whileBreakContinue(int n) {
        int i = 0;
        int acc = 0;
        while (true) {
            i++;
            int v = await(done(i));
            if (v % 3 == 0) {
                log().add("skip" + v);
                continue;
            }
            if (v > n) {
                log().add("break" + v);
                break;
            }
            await(sleep(0));
            acc += v;
            log().add("acc=" + acc);
        }
        return done(acc);
    }

    @Coroutine
    default Task<Long> forLoop(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long v = await(done(i * i));
            sum += v;
            log().add(i + ":" + v);
        }
        for (int i = n, j = 0; i > 0 && j < LIMIT; i--, j++) {
            await(yieldNow());
            log().add("ij=" + i + j);
        }
        return done(sum);
    }

    @Coroutine
    default Task<String> forBreakContinueReturn(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 1) {
                sb.append('o');
                continue;
            }
            String s = await(done("e" + i));
            sb.append(s);
            if (i == n) {
                log().add("return at " + i);
                return done(sb.toString());
            }
            if (i > 6) {
                log().add("break at " + i);
                break;
            }
            await(yieldNow());
        }
        log().add("after " + sb);
        return done(sb.toString());
    }

    @Coroutine
    default Task<Integer> forWithoutCondition(int n) {
        int count = 0;
        for (int i = 0;; i++) {
            await(yieldNow());
            if (i >= n) {
                break;
            }
            count += i;
        }
        int k = 0;
        for (;;) {
            k = await(done(k + 1));
            if (k > n) {
                break;
            }
        }
        log().add("count=" + count + " k=" + k);
        return done(count + k);
    }

    @Coroutine
    default Task<String> nestedLoops(int n) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = 0;
            while (j < i) {
                await(yieldNow());
                if (j == 2) {
                    j++;
                    continue;
                }
                String cell = await(done(i + "." + j));
                cells.add(cell);
                j++;
            }
            if (i == 4) {
                break;
            }
        }
        log().add("cells=" + cells);
        return done(String.join(",", cells));
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<Integer> labeledLoopsInside(int n) {
        int found = 0;
        for (int round = 0; round < n; round++) {
            await(yieldNow());
            outer:
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    if (b > a) {
                        continue outer;
                    }
                    if (a + b == round + 2) {
                        found += a * 10 + b;
                        break outer;
                    }
                }
            }
            int inner = 0;
            while (inner < 10) {
                inner++;
                if (inner == round) {
                    break;
                }
            }
            switch (round % 3) {
                case 0:
                    log().add("zero " + round);
                    break;
                case 1:
                    log().add("one " + round);
                    continue;
                default:
                    log().add("other " + round);
            }
            int got = await(done(inner));
            log().add("inner=" + got);
        }
        return done(found);
    }

    @Coroutine
    default Task<Integer> earlyReturnFromLoop(int n) {
        int x = 1;
        while (x < 1000) {
            x = await(done(x * 2));
            await(sleep(0));
            if (x > n) {
                log().add("return " + x);
                return done(x);
            }
            log().add("x=" + x);
        }
        return done(-1);
    }

    @Coroutine
    default Task<String> bothBranchesReturn(int n) {
        log().add("start");
        if (n % 2 == 0) {
            String even = await(done("even" + n));
            await(yieldNow());
            return done(even);
        } else {
            await(sleep(0));
            log().add("odd");
            return done("odd" + n);
        }
    }

    /** Many awaits of completed tasks: the fast path must loop inside one step, not recurse. */
    @Coroutine
    default Task<Long> manyCompletedAwaits(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = await(done(i));
            sum += v;
        }
        log().add("sum=" + sum);
        return done(sum);
    }

    /** A chain of n coroutines each awaiting the next: completion must not recurse n deep either. */
    @Coroutine
    default Task<Integer> chain(int n) {
        if (n == 0) {
            await(yieldNow());
            log().add("bottom");
            return done(0);
        }
        int below = await(chain(n - 1));
        return done(below + 1);
    }

    @Coroutine
    default Task<Integer> whileTrueReturn(int n) {
        int i = 0;
        while (true) {
            i = await(done(i + 3));
            if (i > n) {
                return done(i);
            }
            log().add("i=" + i);
        }
    }

    @Coroutine
    default Task<String> deepNesting(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int j = 0;
            while (j < 2) {
                if ((i + j) % 2 == 0) {
                    String s = await(done("x" + i + j));
                    sb.append(s);
                } else {
                    for (int k = 0; k < j + 1; k++) {
                        await(yieldNow());
                        sb.append('k').append(k);
                    }
                }
                j++;
            }
            log().add("row" + i + "=" + sb);
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<Integer> conditionReadsLifted(int n) {
        int x = 0;
        int steps = 0;
        while (x < n && steps < 100) {
            x = await(done(x + 2));
            steps++;
        }
        log().add("x=" + x + " steps=" + steps);
        return done(steps);
    }

    // ------------------------------------------------------------------ exceptions

    @Coroutine
    default Task<Integer> throwAfterAwait(int n) {
        log().add("before");
        await(sleep(0));
        log().add("after");
        if (n > 0) {
            throw new IllegalArgumentException("bad " + n);
        }
        return done(n);
    }

    @Coroutine
    default Task<Integer> awaitFailed(int n) {
        log().add("start" + n);
        await(yieldNow());
        int v = await(Task.failed(new IllegalStateException("boom")));
        log().add("never " + v);
        return done(v);
    }

    @Coroutine
    default Task<Integer> awaitGiven(Task<Integer> given) {
        log().add("start");
        await(yieldNow());
        int v = await(given);
        log().add("v=" + v);
        return done(v + 1);
    }

    @Coroutine
    default Task<String> catchInYieldFreeTry(int n) {
        await(yieldNow());
        String r;
        try {
            if (n > 2) {
                throw new IllegalStateException("too big " + n);
            }
            r = "parsed" + Integer.parseInt(n == 1 ? "x" : String.valueOf(n));
        } catch (NumberFormatException e) {
            log().add("nfe " + e.getMessage());
            r = "nfe";
        } catch (IllegalStateException e) {
            log().add("ise " + e.getMessage());
            r = "ise";
        } finally {
            log().add("finally");
        }
        String s = await(done(r + "!"));
        return done(s);
    }

    @Coroutine
    default Task<Integer> exceptionFromCallee(int n) {
        log().add("caller");
        int v = await(throwAfterAwait(n));
        log().add("callee gave " + v);
        return done(v + 1);
    }

    @Coroutine
    default Task<Integer> tryFinallyInLoop(int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            await(yieldNow());
            try {
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    return done(sum);
                }
                sum += i;
            } finally {
                log().add("finally " + i);
            }
            log().add("sum=" + sum);
        }
        return done(sum);
    }

    // ------------------------------------------------------------------ calls

    @Coroutine
    default Task<Integer> callOther(int n) {
        int a = await(straightLine(n));
        log().add("a=" + a);
        int b = await(this.awaitCompleted(n));
        log().add("b=" + b);
        String c = await(TaskCorpus.this.ifElseChain(n));
        log().add("c=" + c);
        return done(a + b + c.length());
    }

    @Coroutine
    default Task<Integer> fib(int n) {
        if (n < 2) {
            return done(n);
        }
        if (n % 3 == 0) {
            await(yieldNow());
        }
        int a = await(fib(n - 1));
        int b = await(this.fib(n - 2));
        return done(a + b);
    }

    @Coroutine
    default Task<Integer> returnsOtherTask(int n) {
        await(yieldNow());
        log().add("delegating");
        if (n > 3) {
            return fib(n);
        }
        return this.straightLine(n);
    }

    @Coroutine
    default Task<String> thisAndUnqualified(int n) {
        await(yieldNow());
        String a = describe(n);
        String b = this.describe(n + 1);
        Function<Integer, String> f = this::describe;
        await(done(0));
        String c = f.apply(n + 2);
        Supplier<String> g = () -> describe(n + 3) + this.describe(n + 4);
        String d = await(done(g.get()));
        this.log().add(a + b + c + d);
        TaskCorpus.this.log().add("qualified this");
        return done(a + b + c + d);
    }

    @Coroutine
    default Task<Integer> delegation(int n) {
        int s = scale(n);
        await(yieldNow());
        int t = this.scale(s);
        log().add("s=" + s + " t=" + t + " " + describe(t));
        int u = await(done(scale(t)));
        return done(u);
    }

    @Coroutine
    default Task<Integer> staticsAndConstants(int n) {
        int a = twice(n);
        await(sleep(0));
        int b = TaskCorpus.twice(a) + LIMIT;
        log().add(TAG + a + "/" + b + "/" + TaskCorpus.TAG);
        for (int i = 0; i < LIMIT; i++) {
            b = await(done(twice(b)));
        }
        return done(b);
    }

    @Coroutine
    default <T> Task<T> echo(T value) {
        await(yieldNow());
        T r = await(done(value));
        log().add("echo " + r);
        return done(r);
    }

    @Coroutine
    default Task<String> genericCalls(int n) {
        String s = await(echo("s" + n));
        Integer i = await(this.<Integer>echo(n));
        List<String> l = await(echo(List.of(s, "t")));
        return done(s + i + l);
    }

    @Coroutine
    default Task<String> reassignParams(int n, String s) {
        n = await(done(n + 1));
        s = s + n;
        await(yieldNow());
        n *= 2;
        log().add(s + n);
        while (n > 0) {
            await(yieldNow());
            n -= 3;
            s = s + "-";
        }
        return done(s + n);
    }

    // ------------------------------------------------------------------ locals

    @Coroutine
    default Task<String> varLocals(int n) {
        var list = new ArrayList<String>();
        var count = 0;
        await(yieldNow());
        list.add("first" + n);
        count++;
        var s = await(done("second"));
        list.add(s);
        var pair = new Pair("p", n);
        await(sleep(0));
        count += pair.value();
        for (var i = 0; i < 2; i++) {
            var item = await(done("item" + i));
            list.add(item);
        }
        log().add(list + " " + count);
        return done(list.size() + ":" + count);
    }

    @Coroutine
    default Task<String> widening(int n) {
        long v = await(done(n));
        double d = await(done(n));
        float f = await(done(n));
        long w;
        w = await(done(n + 1));
        int fromShort = await(done((short) n));
        int fromChar = await(done('a'));
        long longFromChar = await(done('b'));
        double dd;
        dd = await(done(2.5f));
        boolean flag = await(done(n > 0));
        char c = await(done('z'));
        String r = v + "," + d + "," + f + "," + w + "," + fromShort + "," + fromChar + "," + longFromChar
                + "," + dd + "," + flag + "," + c;
        log().add(r);
        return done(r);
    }

    @Coroutine
    default Task<String> memberTypeAndArrays(int n) {
        Pair p = new Pair("x", n);
        int[] arr = {1, 2, n};
        String[][] grid = new String[2][2];
        await(yieldNow());
        grid[1][1] = p.name();
        int tripled = await(done(arr[2] * 3));
        arr[0] = tripled;
        log().add(p + " " + arr[0] + arr[1] + arr[2] + grid[1][1]);
        return done(p.name() + arr[0]);
    }

    @Coroutine
    default Task<String> siblingBlocks(int n) {
        if (n > 0) {
            String v = "s" + n;
            await(yieldNow());
            log().add("string " + v);
        } else {
            int v = n * 2;
            await(yieldNow());
            log().add("int " + v);
        }
        {
            long v = 5L + n;
            await(sleep(0));
            log().add("long " + v);
        }
        {
            List<String> v = List.of("a" + n);
            await(done(0));
            log().add("list " + v);
        }
        for (int i = 0; i < 2; i++) {
            Pair v = new Pair("p", i);
            await(yieldNow());
            log().add("pair " + v);
        }
        return done("ok");
    }

    @Coroutine
    default Task<String> namesSelfLabel(int n) {
        String self = "me" + n;
        int label = n;
        await(yieldNow());
        dispatch:
        for (int i = 0; i < 4; i++) {
            if (i == 1) {
                continue dispatch;
            }
            if (i == 3) {
                break dispatch;
            }
            label += i;
        }
        label = await(done(label + 1));
        log().add(self + " " + label + " " + describe(label));
        int state = 0;
        while (state < 2) {
            await(yieldNow());
            self = self + state;
            state++;
        }
        return done(self + label);
    }

    // ------------------------------------------------------------------ lambdas

    @Coroutine
    default Task<String> lambdaCapture(int n) {
        int base = await(done(n * 10));
        String name = "b";
        Supplier<String> s = () -> name + base;
        await(yieldNow());
        log().add(s.get());
        Function<Integer, Integer> add = x -> x + base;
        int r = await(done(add.apply(1)));
        Runnable logIt = () -> log().add("r=" + r + " base=" + base);
        logIt.run();
        return done(s.get() + r);
    }

    @Coroutine
    default Task<String> lambdasInLoop(int n) {
        List<Supplier<String>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i * 10;
            String tag = "t" + i;
            await(yieldNow());
            made.add(() -> tag + ":" + k);
            made.add(new Supplier<String>() {
                @Override
                public String get() {
                    return "anon" + k;
                }
            });
        }
        int j = 0;
        while (j < n) {
            int m = j + 100;
            made.add(() -> "m" + m);
            await(done(j));
            j++;
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> f : made) {
            sb.append(f.get()).append(' ');
        }
        log().add(sb.toString());
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> lambdaInAwaitArgument(int n) {
        int k = await(done(n));
        List<Integer> sums = await(all(List.of(1, 2, 3).stream().map(x -> done(x + k)).toList()));
        log().add("sums=" + sums);
        String s = await(done(sums.stream().map(x -> x + "/" + k).reduce("", String::concat)));
        return done(s);
    }

    @Coroutine
    default Task<String> lambdasOfLocalsAfterTheLastAwait(int n) {
        List<Supplier<String>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            await(yieldNow());
            int after = i * 7;
            made.add(() -> "after" + after);
        }
        StringBuilder sb = new StringBuilder();
        made.forEach(f -> sb.append(f.get()));
        log().add(sb.toString());
        return done(sb.toString());
    }

    @Coroutine
    default Task<Integer> overloaded(int n) {
        await(yieldNow());
        log().add("int " + n);
        return done(n);
    }

    @Coroutine
    default Task<String> overloaded(String s) {
        int n = await(overloaded(s.length()));
        log().add("string " + s);
        return done(s + n);
    }

    // ------------------------------------------------------------------ futures and combinators

    @Coroutine
    default Task<Integer> completableFutures(int n) {
        int a = await(CompletableFuture.completedFuture(n));
        log().add("a=" + a);
        CompletableFuture<Integer> later = new CompletableFuture<>();
        Thread completer = new Thread(() -> later.complete(n * 3), "completer");
        completer.start();
        int b = await(later);
        log().add("b=" + b);
        CompletableFuture<Integer> async = CompletableFuture.supplyAsync(() -> n + 7,
                CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        int c = await(async);
        log().add("c=" + c);
        return done(a + b + c);
    }

    @Coroutine
    default Task<Integer> completableFutureFails(int n) {
        log().add("start");
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("cf failed " + n);
        }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        int v = await(failing);
        log().add("never " + v);
        return done(v);
    }

    @Coroutine
    default Task<String> combinators(int n) {
        Task<Integer> slow = this.quiet(n);
        List<Integer> all = await(all(done(1), slow, fib(n), quiet(n + 1)));
        log().add("all=" + all);
        Task<Integer> never = Task.from(new CompletableFuture<Integer>());
        Integer first = await(any(never, done(n + 5)));
        log().add("any=" + first + " neverCancelled=" + never.isCancelled());
        String timed = await(withTimeout(Duration.ofSeconds(30), echo("in time")));
        log().add(timed);
        List<Object> mixed = await(all(List.of(done("x"), sleep(0), done(n))));
        log().add("mixed=" + mixed);
        return done(all + "|" + first + "|" + timed);
    }

    @Coroutine
    default Task<Integer> timeoutFails(int n) {
        log().add("start");
        int v = await(withTimeout(Duration.ofMillis(n), Task.from(new CompletableFuture<Integer>())));
        log().add("never " + v);
        return done(v);
    }

    @Coroutine
    default Task<Integer> allFails(int n) {
        log().add("start");
        List<Object> v = await(all(sleep(1), quiet(n), Task.<Integer>failed(new IllegalStateException("all failed " + n))));
        log().add("never " + v);
        return done(v.size());
    }

    /** Awaits pending tasks but records nothing: safe to run alongside others in all/any. */
    @Coroutine
    default Task<Integer> quiet(int n) {
        await(sleep(0));
        await(yieldNow());
        return done(n);
    }

    // ------------------------------------------------------------------ private helpers

    /**
     * Private helpers of the interface, called around awaits: an instance helper that calls the
     * abstract {@code scale} and another private helper, a generic static helper, and a
     * {@code this.}-qualified call. The generated class runs copies of them.
     */
    @Coroutine
    default Task<String> privateHelpers(int n) {
        int scaled = scaledTwice(await(sleepThen(n)));
        String label = this.labelled(scaled);
        await(yieldNow());
        List<String> parts = pair(label, sizeOf(await(done(n))));
        log().add("parts " + parts);
        return done(String.join("|", parts));
    }

    /** A task that completes with {@code v} after a pending sleep. */
    @Coroutine
    default Task<Integer> sleepThen(int v) {
        await(sleep(1));
        return done(v);
    }

    private int scaledTwice(int v) {
        log().add("scaledTwice " + v);
        return scale(v) + doubled(v);
    }

    private int doubled(int v) {
        return 2 * v;
    }

    private String labelled(int v) {
        return TAG + ":" + v;
    }

    private static <T> List<T> pair(T a, T b) {
        return List.of(a, b);
    }

    private static String sizeOf(int n) {
        return n > LIMIT ? "big" : "small";
    }
}
