package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import static io.yieldpoint.Co.*;

/**
 * {@code await} inside expressions: every operand position, Java's left-to-right order of
 * evaluation, and the short-circuits of {@code &&}, {@code ||} and {@code ?:}; compound assignments
 * whose target is read before the right side, array initializers, conditionals of mixed numeric
 * types, method references on awaited receivers, and pattern variables next to yield points.
 *
 * <p>The operands are side-effecting helpers that record what they evaluate ({@link #tick},
 * {@link #check}), and the awaited tasks are coroutines that record when they start
 * ({@link #later}, {@link #flag}, {@link #text}), then suspend before completing. So the trace
 * shows the exact order in which the operands ran, and that an await on the skipped side of a
 * short-circuit never started its coroutine.
 */
public interface ExpressionCorpus extends Traced {

    /** A mutable holder for field and compound-assignment targets. */
    class Box {
        public int v;
        public final String name;

        public Box(String name, int v) {
            this.name = name;
            this.v = v;
        }

        @Override
        public String toString() {
            return name + ":" + v;
        }
    }

    /** An operand that records its evaluation. */
    default int tick(String name, int v) {
        log().add(name + "=" + v);
        return v;
    }

    /** A boolean operand that records its evaluation. */
    default boolean check(String name, boolean v) {
        log().add(name + "?" + v);
        return v;
    }

    /** A string operand that records its evaluation. */
    default String say(String s) {
        log().add("say " + s);
        return s;
    }

    /** An operand that fails. */
    default int boom(String why) {
        log().add("boom " + why);
        throw new IllegalStateException(why);
    }

    /** Overloads told apart by the static type of their argument. */
    default String pick(Object o) {
        return "Object " + o;
    }

    /** Overloads told apart by the static type of their argument. */
    default String pick(String s) {
        return "String " + s;
    }

    /** Overloads told apart by the static type of their argument. */
    default String pickNumber(int i) {
        return "int " + i;
    }

    /** Overloads told apart by the static type of their argument. */
    default String pickNumber(Integer i) {
        return "Integer " + i;
    }

    /** Overloads told apart by the static type of their argument. */
    default String pickNumber(long l) {
        return "long " + l;
    }

    /** Joins its arguments, recording the call. */
    default String join3(Object a, Object b, Object c) {
        String r = a + "|" + b + "|" + c;
        log().add("join3 " + r);
        return r;
    }

    // ------------------------------------------------------------------ awaited helpers

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
    default Task<String> text(@Nullable String s) {
        log().add("text " + s);
        await(sleep(0));
        return done(s);
    }

    /** Records its start, suspends, then completes with {@code o}, statically an {@code Object}. */
    @Coroutine
    default Task<Object> obj(@Nullable Object o) {
        log().add("obj " + o);
        await(yieldNow());
        return done(o);
    }

    /** Records its start, suspends, then fails. */
    @Coroutine
    default Task<Integer> fails(String why) {
        log().add("fails " + why);
        await(yieldNow());
        throw new IllegalArgumentException(why);
    }

    // ------------------------------------------------------------------ operators and order

    @Coroutine
    default Task<Integer> binaryOrder(int n) {
        int r = tick("a", 1) + await(later(n)) * tick("b", 3);
        log().add("r=" + r);
        int s = await(later(n + 1)) - tick("c", 2) - await(later(n + 2));
        log().add("s=" + s);
        return done(r * 100 + s);
    }

    @Coroutine
    default Task<String> argumentOrder(int n) {
        String r = join3(tick("a", n), await(later(n + 1)), tick("c", n + 2));
        String s = join3(await(text("x")), say("y"), await(later(n)));
        return done(r + "/" + s);
    }

    @Coroutine
    default Task<Integer> leftOperandKeptAcrossTheAwait(int n) {
        int x = n;
        int r = x + (x = 10) + await(later(1)) + x;
        log().add("r=" + r + " x=" + x);
        int y = n;
        y = y + (y = 100) + await(later(2));
        log().add("y=" + y);
        return done(r + y);
    }

    @Coroutine
    default Task<Integer> postfixAndPrefixAroundAwaits(int n) {
        int i = n;
        int r = i++ + await(later(i)) + ++i;
        log().add("r=" + r + " i=" + i);
        int j = i-- - await(later(i)) - --i;
        log().add("j=" + j + " i=" + i);
        return done(r * 1000 + j);
    }

    @Coroutine
    default Task<String> stringConcatenation(int n) {
        String s = "<" + tick("a", n) + await(text("b")) + say("c") + await(later(n)) + ">";
        log().add(s);
        String t = "t";
        t += await(text("u")) + n;
        t = t + await(later(n + 1)) + t;
        char c = 'c';
        String u = c + await(text("!")) + 1 + 2;
        return done(s + t + u);
    }

    @Coroutine
    @SuppressWarnings("OperatorPrecedence") // Error Prone: the corpus mixes operators unparenthesized on purpose
    default Task<Integer> unaryAndBitwise(int n) {
        int neg = -await(later(n));
        int inv = ~await(later(n));
        boolean not = !await(flag("f", n > 0));
        int bits = (await(later(n)) << 2) | tick("low", 1) ^ (await(later(3)) & n);
        long shifted = ((long) await(later(n))) << await(later(33));
        log().add(neg + " " + inv + " " + not + " " + bits + " " + shifted);
        return done(neg + inv + bits + (not ? 1 : 0) + (int) (shifted >>> 30));
    }

    @Coroutine
    @SuppressWarnings("ShortCircuitBoolean") // Error Prone: the non-short-circuit operators are what this tests
    default Task<Integer> nonShortCircuitOperatorsRunBothSides(int n) {
        boolean a = check("a", n > 0) & await(flag("b", true));
        boolean b = check("c", n > 0) | await(flag("d", false));
        boolean c = await(flag("e", n > 0)) ^ check("f", true);
        log().add(a + " " + b + " " + c);
        return done((a ? 1 : 0) + (b ? 2 : 0) + (c ? 4 : 0));
    }

    @Coroutine
    default Task<String> divisionByZeroAfterTheAwait(int n) {
        int q = await(later(12)) / tick("divisor", n);
        log().add("q=" + q);
        int m = tick("dividend", 7) % await(later(n));
        return done(q + "," + m);
    }

    @Coroutine
    default Task<Integer> exceptionInLeftOperandSkipsTheAwait(int n) {
        int r = (n > 0 ? boom("left") : tick("left", 1)) + await(later(2));
        log().add("r=" + r);
        return done(r);
    }

    @Coroutine
    default Task<String> failedAwaitStopsTheArguments(int n) {
        String r;
        try {
            r = join3(tick("a", 1), n > 0 ? await(fails("mid")) : await(later(2)), tick("c", 3));
        } catch (IllegalArgumentException e) {
            log().add("caught " + e.getMessage());
            r = "caught";
        }
        return done(r);
    }

    // ------------------------------------------------------------------ short-circuits

    @Coroutine
    default Task<String> andSkipsTheAwait(boolean left, boolean right) {
        String r;
        if (check("left", left) && await(flag("right", right))) {
            r = "both";
        } else {
            r = "not both";
        }
        boolean v = await(flag("first", left)) && check("second", right);
        log().add(r + " " + v);
        return done(r + " " + v);
    }

    @Coroutine
    default Task<String> orSkipsTheAwait(boolean left, boolean right) {
        boolean v = check("left", left) || await(flag("right", right));
        boolean w = await(flag("first", left)) || await(flag("second", right));
        log().add(v + " " + w);
        return done(v + " " + w);
    }

    @Coroutine
    @SuppressWarnings("OperatorPrecedence") // Error Prone: the corpus mixes operators unparenthesized on purpose
    default Task<String> mixedAndOr(int n) {
        boolean v = check("a", n > 0) || await(flag("b", n > -5)) && await(flag("c", n > -10));
        boolean w = (check("d", n % 2 == 0) || await(flag("e", n > 1))) && await(flag("f", true));
        boolean x = !(await(flag("g", n < 0)) && check("h", true)) || await(flag("i", false));
        log().add(v + " " + w + " " + x);
        return done(v + " " + w + " " + x);
    }

    @Coroutine
    default Task<Integer> conditionalSkipsTheOtherBranch(int n) {
        int r = check("cond", n > 0) ? await(later(n)) : await(later(-n));
        int s = n > 5 ? tick("big", n) : await(later(0)) + 1;
        int t = await(flag("c", n == 0)) ? 7 : tick("else", 8);
        log().add(r + " " + s + " " + t);
        return done(r + s + t);
    }

    @Coroutine
    default Task<String> nestedConditionals(int a, int b) {
        String r = a > 0 ? (b > 0 ? await(text("pp")) : say("pn")) : (b > 0 ? say("np") : await(text("nn")));
        String s = await(flag("a", a > 0)) ? await(flag("b", b > 0)) ? "AB" : "A" : "none";
        return done(r + s);
    }

    @Coroutine
    default Task<String> conditionalAsArgumentAndOperand(int n) {
        String r = join3(say("first"), n > 1 ? await(text("t")) : say("f"), tick("last", n));
        int sum = tick("x", 1) + (n > 1 ? await(later(10)) : 20) + tick("y", 2);
        return done(r + "/" + sum);
    }

    /** {@code ?:} with int and long operands: numeric promotion makes the result a long. */
    @Coroutine
    default Task<String> conditionalNumericPromotion(int n) {
        Object o = n > 0 ? await(later(n)) : 2L;
        Object p = n > 0 ? 1.5 : await(later(n));
        long l = n > 0 ? (long) await(later(n)) : 5L;
        log().add(o + " " + o.getClass().getSimpleName() + " " + p + " " + p.getClass().getSimpleName());
        return done(o + "," + p + "," + l);
    }

    /** {@code ?:} of {@code Integer} and {@code int} unboxes: a null operand throws, as in Java. */
    @Coroutine
    default Task<Integer> conditionalUnboxesNull(int n) {
        Integer nothing = null;
        Integer r = n > 0 ? await(done(nothing)) : 0;
        log().add("r=" + r);
        return done(r);
    }

    // ------------------------------------------------------------------ receivers, calls, casts

    @Coroutine
    default Task<String> awaitAsReceiver(int n) {
        int len = await(text("hello")).length();
        String sub = await(text("abcdef")).substring(await(later(n)));
        String up = await(text("x")).concat(say("y")).toUpperCase(java.util.Locale.ROOT);
        char c = await(text("q" + n)).charAt(await(later(1)));
        log().add(len + " " + sub + " " + up + " " + c);
        return done(len + sub + up + c);
    }

    @Coroutine
    default Task<String> receiverEvaluatedBeforeTheArguments(int n) {
        StringBuilder sb = new StringBuilder("sb");
        StringBuilder other = sb;
        sb.append(say("a")).append(await(text("b"))).append(tick("c", n));
        String s = sb.toString();
        sb = new StringBuilder("second");
        other.append(await(later(n)));
        return done(s + "/" + other + "/" + sb);
    }

    /** A null receiver fails after its arguments have been evaluated, awaits included. */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<String> nullReceiverFailsAfterTheArguments(int n) {
        String s = n > 0 ? "s" : null;
        String r = s.concat(await(text("arg")));
        return done(r);
    }

    @Coroutine
    default Task<String> nestedAwaits(int n) {
        int a = await(later(await(later(n)) + 1));
        String b = await(text(await(text("in")) + await(later(a))));
        int c = await(later(await(later(await(later(n))))));
        return done(a + b + c);
    }

    @Coroutine
    default Task<String> castsOfAwaitedValues(int n) {
        long l = (long) await(later(n)) << 40;
        int narrowed = (int) (long) await(done(5_000_000_000L + n));
        byte b = (byte) (int) await(later(n + 256));
        double d = (double) await(later(n)) / 4;
        String s = (String) await(obj("str" + n));
        Number num = (Number) await(obj(n));
        log().add(l + " " + narrowed + " " + b + " " + d + " " + s + " " + num);
        return done(s + num + b);
    }

    @Coroutine
    default Task<String> castFailsAfterTheAwait(int n) {
        Object o = "text";
        if (n <= 0) {
            o = 42;
        }
        Integer i = (Integer) await(obj(o));
        return done("i=" + i);
    }

    @Coroutine
    default Task<String> instanceofOfAwaitedValues(int n) {
        Object value = n > 0 ? "s" + n : (Object) n;
        boolean isString = await(obj(value)) instanceof String;
        boolean both = check("isString", isString) && await(obj(value)) instanceof CharSequence;
        log().add(isString + " " + both);
        // A pattern variable may bind an awaited value; it must not live across a later yield point
        // ([YP-NotYetSupported]).
        String kind = await(obj(value)) instanceof String s && s.length() > 1 ? "long " + s : "short or int";
        return done(kind + " " + both);
    }

    @Coroutine
    default Task<String> instanceofPatternOfAnAwaitedValue(int n) {
        await(yieldNow());
        if (await(obj(n > 0 ? n : (Object) "s")) instanceof Integer i) {
            return done("int " + (i + 1));
        } else {
            return done("not int");
        }
    }

    @Coroutine
    default Task<String> overloadsByStaticTypeOfTheAwait(int n) {
        String a = pick(await(text("t" + n)));
        String b = pick(await(obj("o" + n)));
        String c = pickNumber(await(later(n)));
        String d = pickNumber(await(later(n)) + 0);
        String e = pickNumber(await(later(n)) + 0L);
        return done(a + "|" + b + "|" + c + "|" + d + "|" + e);
    }

    /** Overloads of one arity with other value types: which one a call means is javac's to say. */
    @Coroutine
    default Task<Integer> twin(int v) {
        log().add("twin int " + v);
        await(yieldNow());
        return done(v * 2);
    }

    /** Overloads of one arity with other value types: which one a call means is javac's to say. */
    @Coroutine
    default Task<String> twin(String v) {
        log().add("twin String " + v);
        await(yieldNow());
        return done(v + v);
    }

    /** A varargs coroutine: a call's arity does not say which overload it is. */
    @Coroutine
    default Task<Integer> sumOf(int... xs) {
        await(yieldNow());
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return done(s);
    }

    /** A varargs coroutine: a call's arity does not say which overload it is. */
    @Coroutine
    default Task<String> sumOf(String a) {
        await(yieldNow());
        return done(a);
    }

    /**
     * Awaits of the interface's own coroutines and operands kept across them, typed by the processor
     * where the declarations say the type (one overload per arity, on {@code this} or unqualified),
     * by javac otherwise (overloads of one arity, varargs): the overloads chosen by the static types
     * show both give the same types.
     */
    @Coroutine
    default Task<String> callTypesKnownOrNot(int n) {
        String a = pick(await(twin(n))) + " " + pick(await(twin("t" + n))) + " " + pickNumber(await(later(n)));
        int b = tick("b", n) + await(sumOf(n, 1)) + await(this.later(n));
        String c = pick(await(sumOf("v"))) + " " + pick(await(ExpressionCorpus.this.text("q")));
        String d = say("s" + n).concat(await(text("!"))) + pickNumber(tick("e", n) + await(later(1)));
        String e = pick(say("x") + await(later(n))) + " " + pick(await(obj("p")));
        return done(a + "|" + b + "|" + c + "|" + d + "|" + e);
    }

    // ------------------------------------------------------------------ arrays

    @Coroutine
    default Task<Integer> arrayIndexAndElementAssignment(int n) {
        int[] arr = new int[4];
        arr[await(later(1))] = await(later(n));
        arr[tick("i", 2)] = tick("v", 20) + await(later(3));
        int i = 0;
        arr[i] = i = await(later(3));
        String[] names = {"a", "b", "c"};
        names[await(later(2))] += await(text("!"));
        int read = arr[await(later(1))] + arr[tick("j", 3)];
        log().add(java.util.Arrays.toString(arr) + " " + String.join("", names) + " " + read + " i=" + i);
        return done(arr[0] + arr[1] + arr[2] + arr[3] + read);
    }

    /** {@code a[i] = rhs}: the right-hand side runs before the bounds check, awaits included. */
    @Coroutine
    default Task<String> elementAssignmentOutOfBoundsAfterTheRightSide(int n) {
        int[] arr = new int[2];
        arr[await(later(n))] = await(later(7));
        return done("stored " + arr[0] + arr[1]);
    }

    @Coroutine
    default Task<Integer> compoundOnArrayElementsWithAwaitedIndexes(int n) {
        int[] arr = {1, 2, 3, 4};
        arr[await(later(0))] += await(later(10));
        arr[await(later(1))] *= tick("x", 3) + await(later(n));
        arr[tick("i", 2)] -= await(later(1));
        arr[await(later(3))] <<= await(later(2));
        long[] longs = {5L};
        longs[await(later(0))] /= await(later(2));
        String[] strs = {"s"};
        strs[await(later(0))] += await(later(n)) + "!";
        log().add(java.util.Arrays.toString(arr) + " " + longs[0] + " " + strs[0]);
        return done(arr[0] + arr[1] + arr[2] + arr[3] + (int) longs[0] + strs[0].length());
    }

    @Coroutine
    default Task<String> incrementsOnArrayElementsWithAwaitedIndexes(int n) {
        int[] arr = {10, 20, 30};
        int a = arr[await(later(0))]++;
        int b = ++arr[await(later(1))];
        int c = arr[await(later(2))]--;
        int d = --arr[await(later(n % 3))];
        arr[await(later(1))]++;
        log().add(a + " " + b + " " + c + " " + d + " " + java.util.Arrays.toString(arr));
        return done(a + "," + b + "," + c + "," + d + "," + arr[0] + arr[1] + arr[2]);
    }

    /** The array reference is evaluated before the index: replacing it during the await changes nothing. */
    @Coroutine
    @SuppressWarnings("AssignmentExpression") // Error Prone: an assignment inside an expression is what this tests
    default Task<Integer> arrayReferenceEvaluatedBeforeTheIndex(int n) {
        int[][] holder = {{1, 2, 3}};
        int[] first = holder[0];
        holder[0][await(later(n))] = tick("v", 9) + (holder[0] = new int[] {7, 7, 7})[0];
        holder[0][await(later(0))] += await(later(100));
        log().add(java.util.Arrays.toString(first) + " " + java.util.Arrays.toString(holder[0]));
        return done(first[0] + first[1] + first[2] + holder[0][0]);
    }

    @Coroutine
    default Task<Integer> arrayCreationWithAwaits(int n) {
        int[] sized = new int[await(later(n))];
        int[] init = new int[] {tick("a", 1), await(later(2)), tick("c", 3)};
        String[][] grid = new String[await(later(2))][await(later(n))];
        List<Integer> list = new ArrayList<>(List.of(await(later(4)), await(later(5))));
        log().add(sized.length + " " + java.util.Arrays.toString(init) + " " + grid.length + "x" + grid[0].length
                + " " + list);
        return done(sized.length + init[1] + grid[1].length + list.get(1));
    }

    // ------------------------------------------------------------------ compound assignments

    @Coroutine
    @SuppressWarnings("NarrowingCompoundAssignment") // Error Prone: the implicit narrowing is what this tests
    default Task<String> compoundAssignmentsNarrowImplicitly(int n) {
        byte b = 10;
        b += await(later(n));
        b *= await(later(30));
        short s = 1000;
        s -= await(later(n * 100));
        char c = 'a';
        c += await(later(2));
        c++;
        int i = 100;
        i /= await(later(3));
        i %= await(later(7));
        long l = 1;
        l <<= await(later(40));
        l >>= await(later(n));
        double d = 1.5;
        d *= await(later(n));
        float f = 2f;
        f += await(done(0.25));
        String str = "s";
        str += await(later(n));
        str += await(flag("f", true));
        log().add(b + " " + s + " " + c + " " + i + " " + l + " " + d + " " + f + " " + str);
        return done(b + "," + s + "," + c + "," + i + "," + l + "," + d + "," + f + "," + str);
    }

    @Coroutine
    default Task<String> booleanCompoundsRunTheAwait(int n) {
        boolean f = n > 0;
        f &= await(flag("a", false));
        f |= await(flag("b", n > 1));
        f ^= await(flag("c", true));
        return done("f=" + f);
    }

    @Coroutine
    default Task<String> boxedCompoundAndIncrement(int n) {
        Integer boxed = n;
        boxed += await(later(5));
        boxed++;
        Long big = 1L;
        big *= await(later(3));
        Double d = 0.5;
        d += await(later(n));
        Character ch = 'x';
        ch++;
        return done(boxed + " " + big + " " + d + " " + ch);
    }

    @Coroutine
    default Task<Integer> fieldTargets(int n) {
        Box box = new Box("b", n);
        box.v += await(later(10));
        box.v = box.v * await(later(2));
        Box[] boxes = {new Box("first", 1), new Box("second", 2)};
        boxes[await(later(0))].v += tick("x", 5) + await(later(n));
        boxes[tick("i", 1)].v++;
        int pre = ++boxes[await(later(1))].v;
        log().add(box + " " + boxes[0] + " " + boxes[1] + " pre=" + pre);
        return done(box.v + boxes[0].v + boxes[1].v);
    }

    /** The target object is evaluated before the right-hand side: replacing it during the await changes nothing. */
    @Coroutine
    @SuppressWarnings("AssignmentExpression") // Error Prone: an assignment inside an expression is what this tests
    default Task<Integer> fieldTargetEvaluatedBeforeTheRightSide(int n) {
        Box[] boxes = {new Box("old", 1)};
        Box old = boxes[0];
        boxes[0].v += (boxes[0] = new Box("new", 100)).v + await(later(n));
        boxes[0].v = await(later(n + 1)) + boxes[0].v;
        log().add(old + " " + boxes[0]);
        return done(old.v + boxes[0].v);
    }

    /** {@code box.v = rhs} with a null box fails after the right-hand side, awaits included. */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<String> nullFieldTargetFailsAfterTheRightSide(int n) {
        Box box = n > 0 ? null : new Box("b", 0);
        box.v = await(later(n + 3));
        return done("" + box);
    }

    // ------------------------------------------------------------------ returns and conditions

    @Coroutine
    default Task<Integer> awaitsInTheReturnValue(int n) {
        if (n < 0) {
            return done(await(later(-n)) * 2 + tick("t", 1));
        }
        if (n == 0) {
            return done(check("c", true) ? await(later(7)) : await(later(8)));
        }
        return done(await(later(n)) + await(later(n * 10)));
    }

    @Coroutine
    default Task<String> awaitsInIfConditions(int n) {
        String r;
        if (await(later(n)) > 5) {
            r = "big";
        } else if (await(flag("mid", n > 2)) && await(later(n)) % 2 == 1) {
            r = "odd mid";
        } else if (check("neg", n < 0) || await(text("z")).isEmpty()) {
            r = "neg or empty";
        } else {
            r = "small";
        }
        return done(r);
    }

    @Coroutine
    @SuppressWarnings("UnnecessaryStringBuilder") // Error Prone: an await in a constructor call is what this tests
    default Task<String> awaitsInObjectCreationAndCalls(int n) {
        Box box = new Box(await(text("made")), tick("v", n) + await(later(1)));
        StringBuilder sb = new StringBuilder(await(text("sb")));
        List<String> list = new ArrayList<>(List.of(say("a"), await(text("b")), say("c")));
        list.add(await(later(1)), await(text("inserted")));
        Math.max(tick("m", 1), await(later(2)));
        return done(box + " " + sb + " " + list);
    }

    @Coroutine
    default Task<Integer> awaitsInAssignmentChains(int n) {
        int a;
        int b;
        int c;
        a = b = c = await(later(n));
        a += b += await(later(1));
        int[] arr = new int[2];
        arr[0] = arr[1] = await(later(3)) + a;
        log().add(a + " " + b + " " + c + " " + arr[0] + arr[1]);
        return done(a + b + c + arr[0] + arr[1]);
    }
    // ------------------------------------------------------------------ more operand positions

    /** Suspends, then completes with a box. */
    @Coroutine
    default Task<Box> boxOf(String name, int v) {
        log().add("boxOf " + name);
        await(yieldNow());
        return done(new Box(name, v));
    }

    @Coroutine
    default Task<String> awaitedReceiverOfFieldUpdates(int n) {
        Box shared = new Box("shared", n);
        int a = await(boxOf("a", n)).v++;
        await(done(shared)).v += await(later(5));
        int b = ++await(done(shared)).v;
        await(done(shared)).v = await(later(1)) + await(done(shared)).v;
        return done(a + " " + b + " " + shared);
    }

    @Coroutine
    default Task<String> anonymousClassWithAwaitedConstructorArguments(int n) {
        Box b = new Box(await(text("anon")), await(later(n))) {
            @Override
            public String toString() {
                return "anonymous " + name + " " + v;
            }
        };
        return done(b.toString());
    }

    @Coroutine
    default Task<Integer> returnAConditionalOfTasks(int n) {
        await(yieldNow());
        return n > 0 ? later(n * 10) : done(tick("done", -1));
    }

    @Coroutine
    default Task<String> explicitTypeArgumentsAndVarargs(int n) {
        String a = this.<String>echo(await(text("e")));
        String b = String.format("%s-%s-%d", say("f"), await(text("g")), await(later(n)));
        List<Integer> c = java.util.Arrays.asList(tick("x", 1), await(later(2)), tick("z", 3));
        String d = join3(await(text("only")), n, await(obj(null)));
        return done(a + " " + b + " " + c + " " + d);
    }

    /** Returns its argument. */
    default <T> T echo(T value) {
        return value;
    }

    @Coroutine
    default Task<String> nestedArrayInitializers(int n) {
        int[][] grid = new int[][] {new int[] {tick("a", 1), await(later(2))}, new int[] {await(later(n))}, {}};
        String[] words = new String[] {await(text("w")) + say("v")};
        return done(java.util.Arrays.deepToString(grid) + java.util.Arrays.toString(words));
    }

    @Coroutine
    default Task<String> qualifiedDslCallsInExpressions(int n) {
        int a = io.yieldpoint.Co.await(later(n)) + io.yieldpoint.Co.await(io.yieldpoint.Co.done(1));
        boolean b = check("c", n > 0) && io.yieldpoint.Co.await(flag("q", true));
        return io.yieldpoint.Co.done(a + " " + b);
    }

    // ------------------------------------------------------------------ compound targets read before the right side

    /**
     * {@code y += rhs} saves the value of {@code y} before evaluating {@code rhs} (JLS 15.26.2), even
     * when {@code rhs} assigns {@code y} and suspends: for 1, 1 + (100 + 2) = 103.
     */
    @Coroutine
    default Task<Integer> compoundSavesTheLeftValue(int n) {
        int y = n;
        y += (y = 100) + await(later(2));
        return done(y);
    }

    /** The same for a {@code String} target: for 1, "a" + ("b" + 1) = "ab1". */
    @Coroutine
    default Task<String> compoundStringSavesTheLeftValue(int n) {
        String s = "a";
        s += (s = "b") + await(later(n));
        return done(s);
    }

    /**
     * {@code a[i] += rhs} reads the element, so checks the index, before evaluating {@code rhs}: an
     * index out of bounds throws before {@code later(7)} starts.
     */
    @Coroutine
    default Task<Integer> compoundElementChecksTheIndexFirst(int n) {
        int[] arr = {1, 2};
        arr[await(later(n))] += await(later(7));
        return done(arr[0] + arr[1]);
    }

    /**
     * {@code arr[i] op= rhs} where {@code rhs} changes the element while the coroutine is suspended:
     * Java saved the element before, so the operator uses the old value (JLS 15.26.2). For 1:
     * arr[0] = 1 + 5 = 6, not 10 + 5; a byte element narrows as Java does.
     */
    @Coroutine
    @SuppressWarnings("NarrowingCompoundAssignment") // the narrowing is what this tests
    default Task<String> compoundElementUsesTheValueReadBefore(int n) {
        int[] arr = {1, 2};
        arr[0] += await(overwriteThen(arr, n, 10, 5));
        byte[] bytes = {(byte) 120};
        bytes[0] += await(later(n * 10));
        String[] words = {"a"};
        words[0] += await(text("b" + n));
        return done(arr[0] + "," + arr[1] + "," + bytes[0] + "," + words[0]);
    }

    /**
     * {@link #compoundElementUsesTheValueReadBefore} inside larger expressions, with yield points
     * after the compound assignment: its value is the one stored, stored before what follows runs.
     */
    @Coroutine
    @SuppressWarnings("NarrowingCompoundAssignment") // the narrowing is what this tests
    default Task<String> nestedCompoundElementUsesTheValueReadBefore(int n) {
        int[] arr = {1, 2};
        int r = (arr[0] += await(overwriteThen(arr, n, 10, 5))) * 100 + arr[0] + await(later(n));
        byte[] bytes = {(byte) 120};
        int b = tick("left", 1) + (bytes[0] += await(later(n * 10))) + await(later(bytes[0]));
        Box box = new Box("b", 3);
        String s = "" + (box.v -= await(setFieldThen(box, 100, n))) + "/" + box.v + "/" + await(text("end"));
        String[] words = {"a"};
        String w = (words[0] += await(text("b" + n))) + (words[0] += await(text("c")));
        return done(r + "," + arr[0] + "," + b + "," + bytes[0] + "," + s + "," + w + "," + words[0]);
    }

    /** The same for a field: {@code box.v += rhs} uses the value {@code box.v} had before {@code rhs}. */
    @Coroutine
    default Task<Integer> compoundFieldUsesTheValueReadBefore(int n) {
        Box box = new Box("b", 3);
        box.v += await(setFieldThen(box, 100, n));
        return done(box.v);
    }

    /** Writes {@code value} into {@code arr[0]} after a suspension, then completes with {@code result}. */
    @Coroutine
    default Task<Integer> overwriteThen(int[] arr, int n, int value, int result) {
        await(yieldNow());
        arr[0] = value + n;
        log().add("overwrote " + arr[0]);
        return done(result);
    }

    /** Writes {@code value} into {@code box.v} after a suspension, then completes with {@code result}. */
    @Coroutine
    default Task<Integer> setFieldThen(Box box, int value, int result) {
        await(yieldNow());
        box.v = value;
        return done(result);
    }

    /** {@code box.v += rhs} with a null {@code box} throws before {@code rhs} runs. */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> compoundOnANullFieldTarget(int n) {
        Box box = n > 0 ? null : new Box("b", 0);
        box.v += await(later(5));
        return done(box.v);
    }

    /** {@code arr[0] += rhs} with a null {@code arr} throws before {@code rhs} runs. */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> compoundOnANullArray(int n) {
        int[] arr = n > 0 ? null : new int[1];
        arr[0] += await(later(6));
        return done(arr[0]);
    }

    /**
     * {@code boxed + await(t)} with a null {@code boxed}: Java unboxes the left operand, and throws,
     * before the right one runs (JLS 15.7.1): {@code later(1)} never starts. The machine checks the
     * boxed local before the await ({@code unboxFirst}).
     */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> unboxesTheLeftOperandFirst(int n) {
        Integer nothing = n > 0 ? null : n;
        int r = nothing + await(later(1));
        return done(r);
    }

    /** The same for other operators: {@code -}, a comparison, and {@code &} on a Boolean. */
    @Coroutine
    @SuppressWarnings({"NullAway", "ShortCircuitBoolean"}) // the null dereference and the & are what this tests
    default Task<String> unboxesForEveryNumericOperator(int n) {
        Long big = n == 1 ? null : 10L;
        Double d = n == 2 ? null : 1.5;
        Boolean flag = n == 3 ? null : true;
        long a = big - await(later(1));
        boolean b = d < await(later(2));
        boolean c = flag & await(done(n > 0));
        return done(a + " " + b + " " + c);
    }

    /** A null boxed local before {@code + await(text)}: a concatenation, which unboxes nothing. */
    @Coroutine
    default Task<String> concatenatesANullBoxedLocal(int n) {
        Integer nothing = n > 0 ? null : n;
        String r = nothing + await(text("!"));
        return done(r);
    }

    /** {@code boxed += await(t)} with a null {@code boxed}: the target is unboxed before the right side runs. */
    @Coroutine
    @SuppressWarnings("NullAway") // the null dereference is what this tests
    default Task<Integer> unboxesTheCompoundTargetFirst(int n) {
        Integer boxed = n > 0 ? null : n;
        boxed += await(later(5));
        return done(boxed);
    }

    // ------------------------------------------------------------------ array initializers, conditionals, references

    /**
     * A local living across a yield point, declared with a bare array initializer holding an await:
     * the machine assigns its field a {@code new int[] {...}}, the only form Java allows there.
     */
    @Coroutine
    default Task<Integer> liftedLocalWithAnAwaitInItsInitializer(int n) {
        int[] init = {n, await(later(2)), 3};
        await(yieldNow());
        log().add("init " + init[0] + init[1] + init[2]);
        return done(init[0] + init[1] + init[2]);
    }

    /** Nested bare initializers holding awaits, inside an array creation. */
    @Coroutine
    default Task<String> nestedInitializerWithAnAwait(int n) {
        int[][] grid = new int[][] {{n, await(later(2))}, {await(later(n))}, {}};
        return done(java.util.Arrays.deepToString(grid));
    }

    /**
     * {@code ?:} with an await on one side and a {@code long} literal on the other, assigned to a
     * {@code long}: the conditional is typed from its context, as Java types it.
     */
    @Coroutine
    default Task<Long> awaitOrALongLiteral(int n) {
        long l = n > 0 ? await(later(n)) : 5L;
        log().add("l=" + l);
        return done(l);
    }

    /** The same with a {@code double} literal. */
    @Coroutine
    default Task<Double> awaitOrADoubleLiteral(int n) {
        double d = n > 0 ? await(later(n)) : 2.5;
        return done(d);
    }

    /** A conditional of {@code long} and an await as the right operand of {@code +}. */
    @Coroutine
    default Task<Long> conditionalAsANumericOperand(int n) {
        Integer v = n;
        long w = v + (n > 0 ? 1L : await(later(3)));
        return done(w);
    }

    /**
     * An await as the receiver of a method reference: the receiver is evaluated once, when the
     * reference is made, so it may suspend like any operand.
     */
    @Coroutine
    default Task<String> methodReferenceOnAnAwaitedReceiver(int n) {
        Supplier<Integer> length = await(text("abc" + n))::length;
        java.util.function.Function<String, String> concat = await(text("pre-"))::concat;
        return done(length.get() + " " + concat.apply("x"));
    }

    // ------------------------------------------------------------------ pattern variables and later yield points

    /** {@code i} is in scope only in the then-block; the await comes after the whole if. */
    @Coroutine
    default Task<String> patternBeforeAnAwait(Object value) {
        String r = "not int";
        if (value instanceof Integer i) {
            r = "int " + (i + 1);
        }
        await(yieldNow());
        log().add(r);
        return done(r);
    }

    /** {@code i} is not in scope in the else branch, where the await is. */
    @Coroutine
    default Task<String> awaitInTheElseOfAPattern(Object value) {
        String r;
        if (value instanceof Integer i) {
            r = "int " + (i + 1);
        } else {
            r = await(done("other"));
        }
        log().add(r);
        return done(r);
    }

    /** A chain of patterns over awaited values: each binding is used before the next await. */
    @Coroutine
    default Task<String> patternsInAnElseIfChain(Object value) {
        String r;
        if (await(done(value)) instanceof Integer i) {
            r = "int " + (i + 1);
        } else if (await(done(value)) instanceof String s && s.length() > 1) {
            r = "long string " + s;
        } else {
            r = "other";
        }
        log().add(r);
        return done(r);
    }

    /**
     * {@code s} is in scope across the await but not used after it: nothing needs keeping, so no
     * error (the generated machine never mentions {@code s} after the yield point).
     */
    @Coroutine
    default Task<String> patternInScopeButDeadAcrossAnAwait(Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            int n = s.length();
            await(yieldNow());
            log().add("length " + n);
            return done("string of " + n);
        }
        return done("other");
    }

    /** The flow-scoping form: after {@code if (!(o instanceof T t)) return ...;}, used only before the await. */
    @Coroutine
    default Task<String> negatedPatternDeadAcrossAnAwait(Object value) {
        if (!(value instanceof Integer i)) {
            return done("not int");
        }
        int twice = i * 2;
        await(yieldNow());
        log().add("twice " + twice);
        return done("twice " + twice);
    }

    // The pattern forms below were found by the random program tester (each once generated a machine
    // that did not compile): a binding used where the code is spread over states, with no use
    // textually after the first await.

    /** A binding used in a loop whose await comes after the use: the next iteration reads it after the await. */
    @Coroutine
    default Task<String> patternUsedInALoopBeforeItsAwait(Object value) {
        StringBuilder r = new StringBuilder();
        if (value instanceof String s) {
            for (int i = 0; i < 2; i++) {
                r.append(s).append(i);
                await(yieldNow());
            }
        }
        return done(r.toString());
    }

    /** A binding assigned an awaited value: the target is written after the await. */
    @Coroutine
    default Task<String> patternAssignedAnAwaitedValue(Object value) {
        if (!(value instanceof String d)) {
            return done("not a string");
        }
        log().add("was " + d);
        d = await(text(d + "!"));
        return done(d);
    }

    /** A binding used in the case of a lowered switch, before the switch's await. */
    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // the classic form is what this tests
    default Task<String> patternUsedInALoweredSwitch(Object value, int n) {
        String r = "none";
        if (value instanceof Integer f && f < 10) {
            switch (n) {
                case 1:
                    r = "one " + f;
                    break;
                case 2:
                    r = await(text("two"));
                    break;
                default:
                    break;
            }
        }
        return done(r);
    }

    /** The negated form in a case group of a switch: the binding is in scope for the rest of the group. */
    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // the classic form is what this tests
    default Task<String> negatedPatternInACaseGroup(Object value, int n) {
        String r = "other";
        switch (n) {
            case 1:
                if (!(value instanceof String t)) {
                    return done("not a string");
                }
                await(yieldNow());
                r = t + " after";
                break;
            default:
                break;
        }
        return done(r);
    }

    /**
     * {@code if (o instanceof String c) {...} else if (o instanceof Integer c) { throw } else { return }}:
     * only the then-branch completes, so the String {@code c} stays in scope after the if (JLS
     * 6.3.2.2), although an else-if bound the name again.
     */
    @Coroutine
    default Task<String> bindingInScopeAfterAnIfAndReboundInAnElseIf(Object value) {
        if (value instanceof String c && c.length() > 1) {
            log().add("long " + c);
        } else if (value instanceof Integer c && c != 2) {
            throw new IllegalArgumentException("int " + c);
        } else {
            return done("neither");
        }
        await(yieldNow());
        return done(c + " " + await(text(c.toUpperCase(java.util.Locale.ROOT))));
    }
}
