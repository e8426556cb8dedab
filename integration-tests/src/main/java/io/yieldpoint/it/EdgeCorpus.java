package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.io.IOException;
import static io.yieldpoint.Co.*;

/**
 * Corner cases around yield points: unusual declarations (varargs, C-style arrays, several
 * declarators), parameters named like the machine's own members, bodies without braces, checked
 * exceptions, primitive parameters assigned from awaits, unboxing a null result.
 */
public interface EdgeCorpus extends Traced {

    @Coroutine
    default Task<Integer> varargs(int... xs) {
        int total = 0;
        for (int i = 0; i < xs.length; i++) {
            int x = await(done(xs[i]));
            total += x;
        }
        log().add("total=" + total);
        return done(total);
    }

    @Coroutine
    default Task<Integer> cStyleArray(int n) {
        int arr[] = {1, 2, n};
        await(yieldNow());
        log().add("arr=" + arr[0] + arr[1] + arr[2]);
        return done(arr[0] + arr[2]);
    }

    @Coroutine
    default Task<Integer> severalDeclarators(int n) {
        int a = n, b = await(done(n + 1)), c = a + b;
        await(yieldNow());
        log().add(a + " " + b + " " + c);
        return done(a + b + c);
    }

    @Coroutine
    default Task<String> paramsNamedLikeMachineMembers(int label, String self, int dispatch) {
        await(yieldNow());
        label = await(done(label + 1));
        log().add(self + label + dispatch);
        return done(self + label + dispatch);
    }

    @Coroutine
    default Task<Integer> withoutBraces(int n) {
        int x = 0;
        if (n > 0) await(yieldNow());
        else x = await(done(-1));
        while (x < n) x = await(done(x + 1));
        for (int i = 0; i < 2; i++) await(yieldNow());
        log().add("x=" + x);
        return done(x);
    }

    @Coroutine
    default Task<Integer> checkedException(int n) throws IOException {
        await(yieldNow());
        log().add("checking " + n);
        if (n > 0) {
            throw new IOException("io " + n);
        }
        return done(n);
    }

    @Coroutine
    default Task<Long> primitiveParamAssigned(long p, double q) {
        p = await(done(7));
        q = await(done(p));
        await(yieldNow());
        log().add(p + " " + q);
        return done(p + (long) q);
    }

    @Coroutine
    default Task<Integer> unboxingNull(int n) {
        await(yieldNow());
        Integer nothing = null;
        int v = await(done(nothing));
        log().add("never " + v);
        return done(v + n);
    }
}
