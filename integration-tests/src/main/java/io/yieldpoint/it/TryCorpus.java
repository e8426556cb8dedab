package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import static io.yieldpoint.Co.*;

/**
 * {@code try}/{@code catch}/{@code finally} and try-with-resources around yield points: finally
 * blocks that await and run on every exit (normal, {@code return}, {@code break},
 * {@code continue}, exception) through two or three nested tries; an exception from a finally
 * replacing the pending one; catching the very exception a failed task was completed with;
 * multi-catch and rethrow; resources opened by awaits, closed in reverse order on every exit, their
 * close failures kept as suppressed exceptions.
 */
public interface TryCorpus extends Traced {

    /** A resource that records its opening and closing, and may fail to close. */
    final class Res implements AutoCloseable {
        private final List<String> log;
        private final String name;
        private final boolean failOnClose;

        public Res(List<String> log, String name, boolean failOnClose) {
            this.log = log;
            this.name = name;
            this.failOnClose = failOnClose;
            log.add("open " + name);
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            log.add("close " + name);
            if (failOnClose) {
                throw new IllegalStateException("close " + name);
            }
        }
    }

    /** Records its start, suspends, then completes with {@code v}. */
    @Coroutine
    default Task<Integer> later(int v) {
        log().add("later " + v);
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

    /** Records its start, suspends, then fails with an {@code IllegalArgumentException}. */
    @Coroutine
    default Task<Integer> fails(String why) {
        log().add("fails " + why);
        await(yieldNow());
        throw new IllegalArgumentException(why);
    }

    /** Suspends, then opens a resource. */
    @Coroutine
    default Task<Res> open(String name, boolean failOnClose) {
        await(yieldNow());
        return done(new Res(log(), name, failOnClose));
    }

    /** Records a caught exception with its suppressed ones. */
    default String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName()).append('(').append(e.getMessage());
        for (Throwable s : e.getSuppressed()) {
            sb.append(" +suppressed ").append(s.getMessage());
        }
        String r = sb.append(')').toString();
        log().add("caught " + r);
        return r;
    }

    // ------------------------------------------------------------------ finally on every exit

    @Coroutine
    default Task<String> finallyAwaitsOnNormalExit(int n) {
        try {
            log().add("try");
            await(later(n));
        } finally {
            log().add("finally");
            await(later(99));
            log().add("finally done");
        }
        log().add("after");
        return done("ok " + n);
    }

    /** The value is computed before the finally runs; the finally's assignments do not change it. */
    @Coroutine
    default Task<Integer> finallyAwaitsOnReturn(int n) {
        int x = n;
        try {
            if (n > 0) {
                return done(x);
            }
            x = await(later(1));
        } finally {
            x = await(later(100));
            log().add("finally x=" + x);
        }
        return done(x);
    }

    @Coroutine
    @SuppressWarnings("finally")
    default Task<String> returnInFinallyOverrides(int n) {
        try {
            await(later(1));
            if (n > 0) {
                throw new IllegalStateException("lost");
            }
            return done("try");
        } finally {
            await(later(2));
            return done("finally");
        }
    }

    @Coroutine
    default Task<String> breakAndContinueThroughFinally(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            try {
                if (i % 2 == 1) {
                    continue;
                }
                sb.append(await(later(i)));
                if (i >= n) {
                    break;
                }
            } finally {
                sb.append('f').append(await(later(10 + i))).append(' ');
            }
            sb.append("| ");
        }
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> returnThroughThreeFinallys(int n) {
        StringBuilder sb = new StringBuilder();
        try {
            try {
                try {
                    sb.append(await(later(n)));
                    if (n > 0) {
                        return done("returned " + sb);
                    }
                } finally {
                    sb.append(" f1=").append(await(later(1)));
                    log().add("f1 " + sb);
                }
                sb.append(" after1");
            } finally {
                log().add("f2");
                await(later(2));
            }
        } finally {
            log().add("f3 " + await(text("three")));
        }
        return done("fell through " + sb);
    }

    @Coroutine
    default Task<String> labeledBreakAndContinueThroughFinallys(int n) {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 3; i++) {
            try {
                for (int j = 0; j < 3; j++) {
                    try {
                        try {
                            int v = await(later(i * 10 + j));
                            if (v == n) {
                                break outer;
                            }
                            if (j == 1) {
                                continue outer;
                            }
                            sb.append(v).append(' ');
                        } finally {
                            log().add("inner finally " + i + j);
                        }
                    } finally {
                        sb.append('m').append(await(later(100 + j))).append(' ');
                    }
                }
            } finally {
                sb.append("o").append(i).append(await(text(" "))).append("| ");
            }
        }
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> exceptionThroughNestedFinallys(int n) {
        try {
            try {
                try {
                    await(later(n));
                    if (n > 0) {
                        throw new IllegalStateException("inner " + n);
                    }
                    log().add("no throw");
                } finally {
                    log().add("f1 " + await(later(1)));
                }
            } finally {
                log().add("f2 " + await(text("two")));
            }
        } catch (IllegalStateException e) {
            String m = await(text(e.getMessage()));
            return done("caught " + m);
        }
        return done("normal");
    }

    @Coroutine
    @SuppressWarnings("Finally") // Error Prone: leaving a finally block abruptly is what this tests
    default Task<String> finallyExceptionReplacesThePendingOne(int n) {
        try {
            try {
                await(later(1));
                throw new IllegalStateException("first");
            } finally {
                await(later(2));
                if (n == 1) {
                    throw new UnsupportedOperationException("from finally");
                }
                if (n == 2) {
                    await(fails("awaited in finally"));
                }
                log().add("finally completes");
            }
        } catch (RuntimeException e) {
            return done(describe(e));
        }
    }

    @Coroutine
    @SuppressWarnings("Finally") // Error Prone: leaving a finally block abruptly is what this tests
    default Task<String> finallyExceptionReplacesAReturn(int n) {
        try {
            await(later(1));
            return done("from try");
        } finally {
            log().add("finally");
            if (await(later(n)) > 0) {
                throw new IllegalStateException("finally threw " + n);
            }
        }
    }

    @Coroutine
    default Task<String> loopInsideAFinallyWithItsOwnBreak(int n) {
        StringBuilder sb = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            try {
                sb.append(await(text("r" + round)));
                if (round == n) {
                    break;
                }
            } finally {
                for (int k = 0; k < 5; k++) {
                    if (await(later(k)) == 2) {
                        break;
                    }
                    sb.append(k);
                }
                sb.append(';');
            }
        }
        return done(sb.toString());
    }

    @Coroutine
    @SuppressWarnings({"finally", "RedundantControlFlow"}) // Error Prone: a continue in a finally block is what this tests
    default Task<String> breakInFinallyDiscardsTheException(int n) {
        int i = 0;
        while (true) {
            try {
                i++;
                await(later(i));
                throw new IllegalStateException("discarded " + i);
            } finally {
                if (i >= n) {
                    break;
                }
                continue;
            }
        }
        return done("discarded " + i);
    }

    // ------------------------------------------------------------------ catch

    /** The caught exception is the very instance the awaited task failed with. */
    @Coroutine
    default Task<Object> catchTheSameInstance(Task<Integer> given) {
        try {
            int v = await(given);
            return done(v);
        } catch (IllegalStateException e) {
            await(later(1));
            log().add("caught " + e.getMessage());
            return done(e);
        }
    }

    @Coroutine
    default Task<String> catchAFailedCoroutine(int n) {
        String r;
        try {
            r = "got " + await(n > 0 ? fails("callee " + n) : later(n));
        } catch (IllegalArgumentException e) {
            r = "caught " + e.getMessage() + " " + await(later(7));
        }
        return done(r);
    }

    @Coroutine
    @SuppressWarnings("StatementSwitchToExpressionSwitch") // Error Prone: statement switches are what this tests
    default Task<String> multiCatch(int n) {
        try {
            switch (n) {
                case 0:
                    await(fails("awaited"));
                    break;
                case 1:
                    await(later(1));
                    throw new IllegalStateException("thrown");
                case 2:
                    await(later(2));
                    throw new UnsupportedOperationException("not caught here");
                default:
                    await(later(n));
            }
            return done("none");
        } catch (IllegalArgumentException | IllegalStateException e) {
            String kind = e.getClass().getSimpleName();
            String m = await(text(e.getMessage()));
            log().add(kind + " " + m + " " + e.getMessage());
            return done(kind + ":" + m);
        } catch (RuntimeException e) {
            await(later(-1));
            return done("runtime " + e.getMessage());
        }
    }

    @Coroutine
    default Task<String> rethrowAfterAwait(int n) {
        try {
            try {
                await(n > 0 ? fails("original") : later(0));
                return done("no failure");
            } catch (IllegalArgumentException e) {
                log().add("rethrowing");
                await(later(1));
                throw e;
            }
        } catch (IllegalArgumentException again) {
            return done(describe(again));
        }
    }

    /** {@code await(task, IOException.class)}: a catch of the checked exception is legal around it. */
    @Coroutine
    default Task<String> catchDeclaredChecked(int n) {
        try {
            int v = await(n > 0 ? Task.<Integer>failed(new IOException("io " + n)) : later(n), IOException.class);
            log().add("value " + v);
            return done("value " + v);
        } catch (IOException e) {
            log().add("caught " + e.getMessage());
            await(later(1));
            return done("io");
        }
    }

    /** {@code await(withTimeout(...), TimeoutException.class)} in an expression, caught. */
    @Coroutine
    default Task<String> catchDeclaredTimeout(int n) {
        try {
            await(withTimeout(java.time.Duration.ofMillis(1), n > 0 ? sleep(60_000) : done()),
                    java.util.concurrent.TimeoutException.class);
            return done("slept");
        } catch (java.util.concurrent.TimeoutException e) {
            log().add("timed out");
            return done(e.getClass().getSimpleName());
        }
    }

    /** A precise rethrow: {@code catch (Exception e) { ...; throw e; }} with only {@code throws IOException}. */
    @Coroutine
    default Task<String> preciseRethrow(int n) throws IOException {
        try {
            if (await(later(n)) > 0) {
                throw new IOException("io " + n);
            }
            log().add("no io");
        } catch (Exception e) {
            log().add("rethrow " + e.getMessage());
            await(later(2));
            throw e;
        }
        return done("fine");
    }

    @Coroutine
    @SuppressWarnings("NullAway") // the exception's cause was set where it was thrown
    default Task<String> wrapAndRethrow(int n) {
        IllegalArgumentException original = null;
        try {
            try {
                await(fails("cause " + n));
            } catch (IllegalArgumentException e) {
                original = e;
                await(later(1));
                throw new IllegalStateException("wrapped", e);
            }
        } catch (IllegalStateException e) {
            log().add("same cause " + (e.getCause() == original));
            return done(e.getMessage() + ": " + e.getCause().getMessage());
        }
        return done("unreachable");
    }

    @Coroutine
    default Task<String> catchOrderSubclassFirst(int n) {
        try {
            int v = await(later(n));
            if (v == 1) {
                throw new NumberFormatException("nfe");
            }
            if (v == 2) {
                throw new IllegalArgumentException("iae");
            }
            throw new ArithmeticException("ae");
        } catch (NumberFormatException e) {
            return done("nfe branch " + await(text(e.getMessage())));
        } catch (IllegalArgumentException e) {
            return done("iae branch " + await(text(e.getMessage())));
        } catch (RuntimeException e) {
            return done("runtime branch " + await(text(e.getMessage())));
        }
    }

    @Coroutine
    default Task<String> exceptionInCatchRunsTheFinally(int n) {
        try {
            try {
                await(fails("first"));
            } catch (IllegalArgumentException e) {
                await(later(1));
                if (n > 0) {
                    throw new IllegalStateException("from catch " + e.getMessage());
                }
                log().add("catch completes");
            } finally {
                log().add("finally " + await(later(2)));
            }
        } catch (IllegalStateException e) {
            return done(describe(e));
        }
        return done("no rethrow");
    }

    @Coroutine
    default Task<String> returnFromCatchThroughAnAwaitingFinally(int n) {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append(await(later(n)));
            if (n > 0) {
                throw new IllegalStateException("x");
            }
        } catch (IllegalStateException e) {
            sb.append(" catch");
            return done(sb.toString());
        } finally {
            sb.append(" finally").append(await(later(5)));
            log().add(sb.toString());
        }
        return done(sb + " after");
    }

    @Coroutine
    default Task<String> catchInALoopWithContinue(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            try {
                if (i % 2 == 0) {
                    await(fails("f" + i));
                }
                sb.append(await(later(i)));
            } catch (IllegalArgumentException e) {
                sb.append('[').append(e.getMessage()).append(']');
                if (i == 2) {
                    continue;
                }
                sb.append(await(text("c")));
            }
            sb.append(',');
        }
        return done(sb.toString());
    }

    @Coroutine
    default Task<String> catchErrorsAndCheckedExceptions(int n) {
        try {
            await(later(n));
            if (n == 1) {
                throw new AssertionError("an error");
            }
            mayThrowIo(n);
            return done("nothing");
        } catch (AssertionError e) {
            return done("error " + await(text(e.getMessage())));
        } catch (IOException e) {
            return done("io " + await(text(e.getMessage())));
        }
    }

    /** Throws a checked exception for {@code n == 2}. */
    default void mayThrowIo(int n) throws IOException {
        if (n == 2) {
            throw new IOException("checked");
        }
    }

    /** A coroutine declaring a checked exception, thrown after a suspension. */
    @Coroutine
    default Task<Integer> ioFails(int n) throws IOException {
        await(later(n));
        if (n > 0) {
            throw new IOException("io failed " + n);
        }
        return done(n);
    }

    @Coroutine
    default Task<String> catchACheckedExceptionOfAnAwaitedCoroutine(int n) {
        try {
            int v = await(ioFails(n));
            return done("value " + v);
        } catch (IOException e) {
            return done("caught " + e.getMessage());
        } finally {
            log().add("finally");
        }
    }

    @Coroutine
    default Task<String> nestedTryInCatchAndFinally(int n) {
        StringBuilder sb = new StringBuilder();
        try {
            await(fails("outer"));
        } catch (IllegalArgumentException e) {
            try {
                sb.append(await(later(1)));
                if (n > 0) {
                    throw new IllegalStateException("in catch");
                }
            } catch (IllegalStateException inner) {
                sb.append(" inner caught ").append(inner.getMessage());
            } finally {
                sb.append(" inner finally");
            }
        } finally {
            try {
                sb.append(" ").append(await(text("finally try")));
            } finally {
                sb.append(" last");
            }
        }
        return done(sb.toString());
    }

    // ------------------------------------------------------------------ try-with-resources

    @Coroutine
    default Task<String> resourcesClosedInReverse(int n) {
        try (Res a = new Res(log(), "a", false); Res b = new Res(log(), "b", false)) {
            log().add("body " + a.name() + b.name() + " " + await(later(n)));
        }
        log().add("after");
        return done("ok");
    }

    /**
     * {@code var} resources the body never names: each lives across the await only to be closed
     * after it, so it is a field typed where it is declared; and a plain {@code var} local in scope
     * across the await but dead there, which stays a local.
     */
    @Coroutine
    @SuppressWarnings("try") // resources the body does not name, on purpose
    default Task<String> unnamedUseOfVarResources(int n) {
        var dead = new Res(log(), "dead" + n, false).name();
        log().add(dead);
        try (var a = new Res(log(), "a", false); var b = await(open("b", n > 1))) {
            log().add("body " + await(later(n)));
        }
        log().add("after");
        return done("ok");
    }

    @Coroutine
    default Task<String> awaitsInResourceInitializers(int n) {
        try (Res a = await(open("a", false)); Res b = await(open("b" + await(later(n)), false))) {
            return done(a.name() + b.name() + await(text("body")));
        }
    }

    @Coroutine
    default Task<String> bodyAndCloseFailuresKeepSuppressed(int n) {
        try {
            try (Res a = await(open("a", n >= 2)); Res b = await(open("b", n >= 1))) {
                await(later(n));
                log().add("using " + a.name() + b.name());
                if (n >= 3) {
                    throw new IllegalStateException("body");
                }
            }
            return done("no body failure");
        } catch (IllegalStateException e) {
            return done(describe(e));
        }
    }

    @Coroutine
    default Task<String> aFailingInitializerClosesTheOnesBefore(int n) {
        try {
            try (Res a = await(open("a", false));
                    Res b = n > 0 ? new Res(log(), "b" + await(fails("open b")), false) : await(open("b", false))) {
                log().add("body " + a.name() + b.name() + await(later(n)));
            }
        } catch (IllegalArgumentException e) {
            return done(describe(e));
        }
        return done("opened both");
    }

    @Coroutine
    default Task<String> resourcesAroundReturnBreakAndContinue(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            try (Res r = await(open("r" + i, false))) {
                if (i == 1) {
                    continue;
                }
                if (i == n) {
                    return done(sb.append(r.name()).append(" returned").toString());
                }
                if (i == 3) {
                    break;
                }
                sb.append(r.name()).append(await(later(i))).append(' ');
            }
        }
        return done(sb.toString().trim());
    }

    @Coroutine
    default Task<String> resourcesWithCatchAndFinally(int n) {
        try (Res a = await(open("a", n == 2))) {
            await(later(n));
            if (n > 0) {
                throw new IllegalStateException("body " + a.name());
            }
            return done("body returned");
        } catch (IllegalStateException e) {
            String d = describe(e);
            return done(d + " " + await(text("in catch")));
        } finally {
            log().add("finally " + await(later(9)));
        }
    }

    @Coroutine
    default Task<String> nullResourceIsNotClosed(int n) {
        try (Res none = null; Res some = n > 0 ? await(open("some", false)) : null) {
            await(later(n));
            log().add("none " + (none == null) + " some " + (some == null ? "null" : some.name()));
        }
        return done("closed what was there");
    }

    @Coroutine
    default Task<String> existingVariableAsResource(int n) {
        Res r = await(open("existing" + n, false));
        final Res f = new Res(log(), "final", false);
        try (r) {
            log().add("body " + r.name() + await(later(n)));
            try (f) {
                log().add("inner body " + f.name() + await(later(n + 1)));
            }
        }
        return done("closed " + r.name() + f.name());
    }

    @Coroutine
    default Task<String> nestedResourcesAndAwaitingFinally(int n) {
        List<String> seen = new ArrayList<>();
        try (Res outer = await(open("outer", false))) {
            for (int i = 0; i < 2; i++) {
                try (Res inner = await(open("inner" + i, i == n))) {
                    seen.add(outer.name() + "/" + inner.name());
                    await(later(i));
                } finally {
                    seen.add("finally " + await(later(10 + i)));
                }
            }
        } catch (IllegalStateException e) {
            seen.add(describe(e));
        }
        return done(String.join(", ", seen));
    }

    @Coroutine
    @SuppressWarnings("NullAway") // the exception's cause was set where it was thrown
    default Task<String> uncheckedIoFromABody(int n) {
        try (Res r = await(open("io", false))) {
            if (await(later(n)) > 0) {
                throw new UncheckedIOException(new IOException("wrapped io " + r.name()));
            }
        } catch (UncheckedIOException e) {
            return done(describe(e) + " cause " + e.getCause().getMessage());
        }
        return done("no io");
    }
    /** A close that fails during a {@code return} replaces the return with its exception. */
    @Coroutine
    default Task<String> returnFromABodyWhoseCloseFails(int n) {
        try {
            try (Res a = await(open("a", n > 0))) {
                return done("returned " + a.name() + await(later(n)));
            }
        } catch (IllegalStateException e) {
            return done(describe(e));
        }
    }

    @Coroutine
    @SuppressWarnings("finally")
    default Task<String> returnInFinallyOverridesABreak(int n) {
        for (int i = 0; i < 3; i++) {
            try {
                if (await(later(i)) == n) {
                    break;
                }
            } finally {
                if (i == 1) {
                    return done("finally returned at " + i);
                }
            }
        }
        return done("loop ended");
    }

    @Coroutine
    default Task<String> throwAConditionalWithAnAwait(int n) {
        try {
            throw n > 0 ? new IllegalStateException("made " + await(later(n))) : await(done(new IllegalStateException("awaited")));
        } catch (IllegalStateException e) {
            return done(describe(e));
        }
    }

    // ------------------------------------------------------------------ more resource and catch forms

    /** An awaited resource initializer, and a body without a yield point. */
    @Coroutine
    default Task<String> awaitedResourceYieldFreeBody(int n) {
        try (Res r = await(done(new Res(log(), "r", false)))) {
            log().add("body " + r.name() + n);
        }
        return done("closed");
    }

    /** The same with the await deeper in the initializer, behind a {@code ?:}. */
    @Coroutine
    default Task<String> conditionalResourceYieldFreeBody(int n) {
        try (Res r = n > 0 ? await(done(new Res(log(), "r", false))) : null) {
            log().add("body " + (r == null ? "none" : r.name()));
        }
        return done("closed");
    }

    /** Existing variables as resources ({@code try (r; f)}, Java 9), the first not the last. */
    @Coroutine
    default Task<String> twoExistingVariables(int n) {
        Res r = new Res(log(), "r" + n, false);
        final Res f = new Res(log(), "f", false);
        try (r; f) {
            await(yieldNow());
            log().add("body");
        }
        return done("closed");
    }

    /** An existing variable, then a declared resource. */
    @Coroutine
    default Task<String> existingVariableThenADeclaration(int n) {
        Res r = new Res(log(), "r" + n, false);
        try (r; Res g = new Res(log(), "g", false)) {
            await(yieldNow());
            log().add("body " + (g != null));
        }
        return done("closed");
    }

    /**
     * {@code catch (Throwable e)} around an await: the machine's catch dispatch for it compiles
     * without warnings (this module builds with {@code -Xlint:all -Werror}).
     */
    @Coroutine
    default Task<String> catchThrowable(Task<Integer> t) {
        try {
            return done("value " + await(t));
        } catch (Throwable e) {
            log().add("caught " + e.getMessage());
            return done("caught " + e.getMessage());
        }
    }

    /**
     * A timeout caught as {@code Exception} and told apart with {@code instanceof}: {@code await}
     * declares no checked exception, so javac rejects {@code catch (TimeoutException e)} here as
     * never thrown (docs/guide.md, "Exceptions").
     */
    @Coroutine
    default Task<String> timeoutCaughtAsAnException(int n) {
        Task<Void> work = n > 0 ? sleep(Duration.ofSeconds(30)) : Task.completed(null);
        try {
            await(withTimeout(Duration.ofMillis(1), work));
            log().add("in time");
            return done("in time");
        } catch (Exception e) {
            if (!(e instanceof TimeoutException)) {
                throw e;
            }
            log().add("timed out");
            return done("timed out");
        }
    }
}
