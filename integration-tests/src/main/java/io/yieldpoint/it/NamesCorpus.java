package io.yieldpoint.it;

import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import static io.yieldpoint.Co.*;

/**
 * Locals and parameters named like the names the generated machine makes for itself (spills, saved
 * conditions, iterators, pending finally exits and exceptions, renamed copies of sibling locals,
 * copies captured by lambdas, the state {@code label}, a generator's saved arguments), and like the
 * types it names; sibling blocks declaring the same name: the machine must rename its own, never
 * change what the user's names mean.
 */
public interface NamesCorpus extends Traced {

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
        await(yieldNow());
        return done(v);
    }

    @Coroutine
    default Task<String> localsNamedLikeSpillsAndConditions(int spill1) {
        int spill2 = 10;
        boolean condition1 = spill1 > 0;
        int r = spill1 + await(later(spill2)) * spill2;
        while (condition1 && await(later(spill1)) > 0) {
            spill1--;
            condition1 = spill1 > 0;
        }
        String s = spill2 + (condition1 ? "t" : await(later(3)) + "f");
        return done(r + " " + s + " " + spill1 + " " + spill2 + " " + condition1);
    }

    @Coroutine
    default Task<String> localsNamedLikeFinallyBookkeeping(int n) {
        int finallyExit1 = n;
        Throwable finallyThrown1 = null;
        String closeFailure1 = "cf";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            try {
                try {
                    sb.append(await(later(i)));
                    if (i == finallyExit1) {
                        throw new IllegalStateException("at " + i);
                    }
                } finally {
                    sb.append(" f").append(await(later(finallyExit1)));
                }
            } catch (IllegalStateException e) {
                finallyThrown1 = e;
                break;
            }
        }
        return done(sb + " " + (finallyThrown1 == null ? "none" : finallyThrown1.getMessage()) + " " + closeFailure1);
    }

    @Coroutine
    default Task<String> localsNamedLikeIteratorsAndCopies(int n) {
        List<String> iterator1 = new ArrayList<>(List.of("a", "b"));
        StringBuilder sb = new StringBuilder();
        for (String i : iterator1) {
            sb.append(i).append(await(later(n)));
        }
        for (String i : List.of("x")) {
            sb.append(i);
        }
        String i2 = "i2";
        int k = n;
        String kCaptured2 = "user's";
        await(later(k));
        Supplier<String> s = () -> k + kCaptured2 + i2;
        sb.append(s.get());
        int e2 = 5;
        try {
            Task<Integer> failed = Task.failed(new IllegalStateException("e"));
            await(Co.await(done(failed)));
        } catch (IllegalStateException e) {
            sb.append(e.getMessage()).append(e2);
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> parametersNamedLikeMachineMembers(int awaited, String self2, int label2) {
        await(yieldNow());
        int self = awaited + label2;
        awaited = await(later(self));
        return done(self2 + awaited + self + label2);
    }

    @Coroutine
    @SuppressWarnings("VariableNameSameAsType") // Error Prone: locals named like types are what this tests
    default Task<String> localsNamedLikeTypes(int n) {
        String Task = "task";
        int Integer = n;
        String Object = await(done("object"));
        await(later(Integer));
        List<String> List = new ArrayList<>();
        List.add(Task);
        List.add(Object);
        return done(List + " " + Integer);
    }

    /** A type of the interface named like a member type of the machines' base classes. */
    record Witness(int v) {}

    /** A type of the interface named like a member type of the machines' base classes. */
    record IntWitness(String s) {}

    /** A type of the interface named like a member type of the machines' base classes. */
    record EndListener(int v) {}

    /** A type of the interface named like a member type of the machines' base classes. */
    record FailureWatch(int v) {}

    /** A type of the interface named like a member type of the machines' base classes. */
    record Closed(int v) {}

    /** A type of the interface named like a member type of the machines' base classes. */
    record Failure(String why) {}

    /** A coroutine of a type named like a member type of the machines' base classes. */
    @Coroutine
    default Task<Witness> witnessLater(int v) {
        await(later(v));
        return done(new Witness(v));
    }

    /**
     * The interface's own types named like member types of the machines' base classes: a machine
     * inherits its base class's member types, which would hide these in the copied body, the
     * fields and the machine's value type.
     */
    @Coroutine
    default Task<String> typesNamedLikeMachineMemberTypes(int n) {
        Witness w = await(witnessLater(n));
        IntWitness iw = new IntWitness("i" + n);
        EndListener e = new EndListener(await(later(n + 1)));
        FailureWatch f = new FailureWatch(await(witnessLater(n + 2)).v());
        Closed c = new Closed(await(later(3)));
        Failure why = new Failure("f" + await(witnessLater(4)).v());
        return done(w + " " + iw + " " + e + " " + f + " " + c + " " + why);
    }

    /** A generator whose values are of a type named like its base class's closing signal. */
    @Coroutine
    default Generator<Closed> closedValues(int n) {
        Closed first = new Closed(n);
        emit(first);
        for (int i = 0; i < 2; i++) {
            emit(new Closed(first.v() + i));
        }
        return end();
    }

    /**
     * A local named like the machine's {@code label} field that does not live across a yield point,
     * so stays a local of {@code step()}: the machine's own jumps must still set its state.
     */
    @Coroutine
    default Task<Integer> labelLocal(int n) {
        int i = 0;
        while (i < n) {
            await(yieldNow());
            String label = "L" + i;
            log().add(label);
            i++;
        }
        return done(i);
    }

    /** The same in a generator, with a {@code continue} after the local. */
    @Coroutine
    default Generator<String> labelLocalInGenerator(int n) {
        for (int i = 0; i < n; i++) {
            emit("v" + i);
            String label = "L" + i;
            if (i == 1) {
                continue;
            }
            log().add(label);
        }
        return end();
    }

    /**
     * Sibling blocks declaring the same name, the first with a yield point (its states are written
     * without its braces) and its local declared after it, the second without one.
     */
    @Coroutine
    default Task<String> redeclareInSiblingBlock(int n) {
        {
            await(yieldNow());
            int v = n;
            log().add("int " + v);
        }
        {
            String v = "s" + n;
            log().add("string " + v);
        }
        return done("ok");
    }

    /** The same name as a local of a block with a yield point, then as a lambda parameter. */
    @Coroutine
    default Task<String> redeclareAsLambdaParameter(int n) {
        {
            await(yieldNow());
            int x = n + 1;
            log().add("x=" + x);
        }
        java.util.function.IntUnaryOperator f = x -> x * 2;
        return done("f=" + f.applyAsInt(n));
    }

    /**
     * A generator whose parameter {@code n} is reassigned keeps the argument in a field for a second
     * iteration; a local named like that field ({@code nArgument}) must keep its own value.
     */
    @Coroutine
    default Generator<Integer> argumentNamedLikeTheRestartCopy(int n) {
        int nArgument = 100;
        while (n > 0) {
            emit(n + nArgument);
            n--;
        }
        log().add("nArgument=" + nArgument);
        return end();
    }
}
