package io.yieldpoint.it;

import io.yieldpoint.Task;
import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The cases of {@link TaskCorpus}: each method with a few arguments that take different paths. */
final class TaskCases {

    private TaskCases() {}

    /** The implementation of the abstract methods; the default methods are the blocking reading. */
    static final class Recorder implements TaskCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }

        @Override
        public int scale(int x) {
            log.add("scale " + x);
            return 3 * x;
        }
    }

    static final Corpus<TaskCorpus> CORPUS = new Corpus<>("TaskCorpus", Recorder::new, TaskCorpusCoroutines::of);

    /** Thrown through a failed task made by the test: every reading must rethrow this very instance. */
    private static final IllegalStateException GIVEN_FAILURE = new IllegalStateException("given failure");

    static List<Case> all() {
        Corpus<TaskCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 3}) {
            cases.add(c.task("straightLine", "" + n, s -> s.straightLine(n)));
            cases.add(c.task("privateHelpers", "" + n, s -> s.privateHelpers(n)));
            cases.add(c.task("awaitCompleted", "" + n, s -> s.awaitCompleted(n)));
            cases.add(c.task("awaitForms", "\"s\", " + n, s -> s.awaitForms("s", n)));
        }
        for (int n : new int[] {1, 2}) {
            cases.add(c.task("voidResult", "" + n, s -> s.voidResult(n)));
        }
        for (int n : new int[] {-4, 0, 7, 12}) {
            cases.add(c.task("ifElseChain", "" + n, s -> s.ifElseChain(n)));
        }
        int[][] pairs = {{1, 2}, {1, 0}, {2, -1}, {0, 5}, {0, 0}};
        for (int[] p : pairs) {
            cases.add(c.task("nestedIf", p[0] + ", " + p[1], s -> s.nestedIf(p[0], p[1])));
        }
        for (int n : new int[] {2, 8}) {
            cases.add(c.task("ifEarlyReturn", "true, " + n, s -> s.ifEarlyReturn(true, n)));
            cases.add(c.task("ifEarlyReturn", "false, " + n, s -> s.ifEarlyReturn(false, n)));
        }
        for (int n : new int[] {0, 1, 4}) {
            cases.add(c.task("whileLoop", "" + n, s -> s.whileLoop(n)));
            cases.add(c.task("forLoop", "" + n, s -> s.forLoop(n)));
            cases.add(c.task("forWithoutCondition", "" + n, s -> s.forWithoutCondition(n)));
        }
        for (int n : new int[] {0, 5, 9}) {
            cases.add(c.task("whileBreakContinue", "" + n, s -> s.whileBreakContinue(n)));
        }
        for (int n : new int[] {2, 4, 20}) {
            cases.add(c.task("forBreakContinueReturn", "" + n, s -> s.forBreakContinueReturn(n)));
        }
        for (int n : new int[] {0, 4, 6}) {
            cases.add(c.task("nestedLoops", "" + n, s -> s.nestedLoops(n)));
            cases.add(c.task("labeledLoopsInside", "" + n, s -> s.labeledLoopsInside(n)));
            cases.add(c.task("deepNesting", "" + n, s -> s.deepNesting(n)));
        }
        for (int n : new int[] {0, 5, 100}) {
            cases.add(c.task("earlyReturnFromLoop", "" + n, s -> s.earlyReturnFromLoop(n)));
            cases.add(c.task("whileTrueReturn", "" + n, s -> s.whileTrueReturn(n)));
            cases.add(c.task("conditionReadsLifted", "" + n, s -> s.conditionReadsLifted(n)));
        }
        for (int n : new int[] {3, 4}) {
            cases.add(c.task("bothBranchesReturn", "" + n, s -> s.bothBranchesReturn(n)));
        }
        cases.add(c.task("manyCompletedAwaits", "100000", s -> s.manyCompletedAwaits(100_000)));
        // Deep enough that completions must not recurse; shallow enough that the descent (one nested
        // start() per level, in both readings) stays far from the stack limit whatever the JIT did.
        cases.add(c.task("chain", "200", s -> s.chain(200)));
        cases.add(c.task("whileLoop", "500", s -> s.whileLoop(500)));
        for (int n : new int[] {0, 2}) {
            cases.add(c.task("throwAfterAwait", "" + n, s -> s.throwAfterAwait(n)));
            cases.add(c.task("exceptionFromCallee", "" + n, s -> s.exceptionFromCallee(n)));
        }
        cases.add(c.task("awaitFailed", "1", s -> s.awaitFailed(1)));
        cases.add(c.task("awaitGiven", "Task.completed(4)", s -> s.awaitGiven(Task.completed(4))));
        cases.add(c.task("awaitGiven", "Task.failed(GIVEN_FAILURE)", s -> s.awaitGiven(Task.failed(GIVEN_FAILURE)),
                GIVEN_FAILURE));
        cases.add(c.task("awaitGiven", "a future failed later by another thread",
                s -> s.awaitGiven(Task.from(CompletableFuture.supplyAsync(() -> {
                    throw GIVEN_FAILURE;
                }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)))), GIVEN_FAILURE));
        cases.add(c.task("awaitGiven", "a future completed later by another thread",
                s -> s.awaitGiven(Task.from(CompletableFuture.supplyAsync(() -> 41,
                        CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS))))));
        for (int n : new int[] {0, 1, 2, 3}) {
            cases.add(c.task("catchInYieldFreeTry", "" + n, s -> s.catchInYieldFreeTry(n)));
        }
        for (int n : new int[] {0, 2, 5}) {
            cases.add(c.task("tryFinallyInLoop", "" + n, s -> s.tryFinallyInLoop(n)));
        }
        for (int n : new int[] {-1, 4}) {
            cases.add(c.task("callOther", "" + n, s -> s.callOther(n)));
        }
        for (int n : new int[] {0, 1, 2, 10}) {
            cases.add(c.task("fib", "" + n, s -> s.fib(n)));
        }
        for (int n : new int[] {2, 6}) {
            cases.add(c.task("returnsOtherTask", "" + n, s -> s.returnsOtherTask(n)));
        }
        for (int n : new int[] {0, 5}) {
            cases.add(c.task("thisAndUnqualified", "" + n, s -> s.thisAndUnqualified(n)));
            cases.add(c.task("delegation", "" + n, s -> s.delegation(n)));
            cases.add(c.task("staticsAndConstants", "" + n, s -> s.staticsAndConstants(n)));
            cases.add(c.task("genericCalls", "" + n, s -> s.genericCalls(n)));
            cases.add(c.task("reassignParams", n + ", \"p\"", s -> s.reassignParams(n, "p")));
            cases.add(c.task("varLocals", "" + n, s -> s.varLocals(n)));
            cases.add(c.task("widening", "" + n, s -> s.widening(n)));
            cases.add(c.task("memberTypeAndArrays", "" + n, s -> s.memberTypeAndArrays(n)));
            cases.add(c.task("siblingBlocks", "" + n, s -> s.siblingBlocks(n)));
            cases.add(c.task("namesSelfLabel", "" + n, s -> s.namesSelfLabel(n)));
            cases.add(c.task("lambdaCapture", "" + n, s -> s.lambdaCapture(n)));
            cases.add(c.task("completableFutures", "" + n, s -> s.completableFutures(n)));
            cases.add(c.task("combinators", "" + n, s -> s.combinators(n)));
        }
        cases.add(c.task("echo", "\"x\"", s -> s.echo("x")));
        cases.add(c.task("echo", "null", s -> s.echo(null)));
        cases.add(c.task("echo", "List.of(1, 2)", s -> s.echo(List.of(1, 2))));
        for (int n : new int[] {0, 1, 3}) {
            cases.add(c.task("lambdasInLoop", "" + n, s -> s.lambdasInLoop(n)));
            cases.add(c.task("lambdasOfLocalsAfterTheLastAwait", "" + n, s -> s.lambdasOfLocalsAfterTheLastAwait(n)));
        }
        cases.add(c.task("lambdaInAwaitArgument", "5", s -> s.lambdaInAwaitArgument(5)));
        cases.add(c.task("overloaded", "\"four\"", s -> s.overloaded("four")));
        cases.add(c.task("completableFutureFails", "2", s -> s.completableFutureFails(2)));
        cases.add(c.task("timeoutFails", "1", s -> s.timeoutFails(1)));
        cases.add(c.task("allFails", "3", s -> s.allFails(3)));
        cases.add(c.task("quiet", "8", s -> s.quiet(8)));
        return cases;
    }
}
