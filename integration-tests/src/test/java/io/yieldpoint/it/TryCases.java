package io.yieldpoint.it;

import io.yieldpoint.Task;
import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The cases of {@link TryCorpus}: every exit of every try, with and without failures. */
final class TryCases {

    private TryCases() {}

    static final class Recorder implements TryCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<TryCorpus> CORPUS = new Corpus<>("TryCorpus", Recorder::new, TryCorpusCoroutines::of);

    /** Completes failed tasks made by the test: each reading must catch this very instance. */
    private static final IllegalStateException GIVEN = new IllegalStateException("given");

    static List<Case> all() {
        Corpus<TryCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 3}) {
            cases.add(c.task("finallyAwaitsOnNormalExit", "" + n, t -> t.finallyAwaitsOnNormalExit(n)));
            cases.add(c.task("finallyAwaitsOnReturn", "" + n, t -> t.finallyAwaitsOnReturn(n)));
            cases.add(c.task("returnInFinallyOverrides", "" + n, t -> t.returnInFinallyOverrides(n)));
            cases.add(c.task("breakAndContinueThroughFinally", "" + (2 * n), t -> t.breakAndContinueThroughFinally(2 * n)));
            cases.add(c.task("returnThroughThreeFinallys", "" + n, t -> t.returnThroughThreeFinallys(n)));
            cases.add(c.task("exceptionThroughNestedFinallys", "" + n, t -> t.exceptionThroughNestedFinallys(n)));
            cases.add(c.task("finallyExceptionReplacesThePendingOne", "" + n,
                    t -> t.finallyExceptionReplacesThePendingOne(n)));
            cases.add(c.task("finallyExceptionReplacesAReturn", "" + n, t -> t.finallyExceptionReplacesAReturn(n)));
            cases.add(c.task("loopInsideAFinallyWithItsOwnBreak", "" + n, t -> t.loopInsideAFinallyWithItsOwnBreak(n)));
            cases.add(c.task("breakInFinallyDiscardsTheException", "" + n,
                    t -> t.breakInFinallyDiscardsTheException(n)));
            cases.add(c.task("catchAFailedCoroutine", "" + n, t -> t.catchAFailedCoroutine(n)));
            cases.add(c.task("multiCatch", "" + n, t -> t.multiCatch(n)));
            cases.add(c.task("rethrowAfterAwait", "" + n, t -> t.rethrowAfterAwait(n)));
            cases.add(c.task("preciseRethrow", "" + n, t -> t.preciseRethrow(n)));
            cases.add(c.task("catchDeclaredChecked", "" + n, t -> t.catchDeclaredChecked(n)));
            cases.add(c.task("catchDeclaredTimeout", "" + n, t -> t.catchDeclaredTimeout(n)));
            cases.add(c.task("wrapAndRethrow", "" + n, t -> t.wrapAndRethrow(n)));
            cases.add(c.task("catchOrderSubclassFirst", "" + n, t -> t.catchOrderSubclassFirst(n)));
            cases.add(c.task("exceptionInCatchRunsTheFinally", "" + n, t -> t.exceptionInCatchRunsTheFinally(n)));
            cases.add(c.task("returnFromCatchThroughAnAwaitingFinally", "" + n,
                    t -> t.returnFromCatchThroughAnAwaitingFinally(n)));
            cases.add(c.task("catchInALoopWithContinue", "" + n, t -> t.catchInALoopWithContinue(n)));
            cases.add(c.task("catchErrorsAndCheckedExceptions", "" + n, t -> t.catchErrorsAndCheckedExceptions(n)));
            cases.add(c.task("ioFails", "" + n, t -> t.ioFails(n)));
            cases.add(c.task("catchACheckedExceptionOfAnAwaitedCoroutine", "" + n,
                    t -> t.catchACheckedExceptionOfAnAwaitedCoroutine(n)));
            cases.add(c.task("nestedTryInCatchAndFinally", "" + n, t -> t.nestedTryInCatchAndFinally(n)));
            cases.add(c.task("resourcesClosedInReverse", "" + n, t -> t.resourcesClosedInReverse(n)));
            cases.add(c.task("unnamedUseOfVarResources", "" + n, t -> t.unnamedUseOfVarResources(n)));
            cases.add(c.task("awaitsInResourceInitializers", "" + n, t -> t.awaitsInResourceInitializers(n)));
            cases.add(c.task("bodyAndCloseFailuresKeepSuppressed", "" + n,
                    t -> t.bodyAndCloseFailuresKeepSuppressed(n)));
            cases.add(c.task("aFailingInitializerClosesTheOnesBefore", "" + n,
                    t -> t.aFailingInitializerClosesTheOnesBefore(n)));
            cases.add(c.task("resourcesAroundReturnBreakAndContinue", "" + n,
                    t -> t.resourcesAroundReturnBreakAndContinue(n)));
            cases.add(c.task("resourcesWithCatchAndFinally", "" + n, t -> t.resourcesWithCatchAndFinally(n)));
            cases.add(c.task("nullResourceIsNotClosed", "" + n, t -> t.nullResourceIsNotClosed(n)));
            cases.add(c.task("existingVariableAsResource", "" + n, t -> t.existingVariableAsResource(n)));
            cases.add(c.task("nestedResourcesAndAwaitingFinally", "" + n,
                    t -> t.nestedResourcesAndAwaitingFinally(n)));
            cases.add(c.task("uncheckedIoFromABody", "" + n, t -> t.uncheckedIoFromABody(n)));
            cases.add(c.task("returnFromABodyWhoseCloseFails", "" + n, t -> t.returnFromABodyWhoseCloseFails(n)));
            cases.add(c.task("returnInFinallyOverridesABreak", "" + n, t -> t.returnInFinallyOverridesABreak(n)));
            cases.add(c.task("throwAConditionalWithAnAwait", "" + n, t -> t.throwAConditionalWithAnAwait(n)));
        }
        for (int n : new int[] {0, 1, 2, 11, 12, 21, 99}) {
            cases.add(c.task("labeledBreakAndContinueThroughFinallys", "" + n,
                    t -> t.labeledBreakAndContinueThroughFinallys(n)));
        }
        // The caught exception is returned as the value: values compare by equals, which for an
        // exception is identity, so each reading must have caught GIVEN itself.
        cases.add(c.task("catchTheSameInstance", "Task.failed(GIVEN)", t -> t.catchTheSameInstance(Task.failed(GIVEN))));
        cases.add(c.task("catchTheSameInstance", "a future failed later with GIVEN",
                t -> t.catchTheSameInstance(Task.from(CompletableFuture.supplyAsync(() -> {
                    throw GIVEN;
                }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS))))));
        cases.add(c.task("catchTheSameInstance", "Task.completed(3)", t -> t.catchTheSameInstance(Task.completed(3))));
        for (int n : new int[] {0, 1}) {
            cases.add(c.task("awaitedResourceYieldFreeBody", "" + n, t -> t.awaitedResourceYieldFreeBody(n)));
            cases.add(c.task("conditionalResourceYieldFreeBody", "" + n, t -> t.conditionalResourceYieldFreeBody(n)));
        }
        cases.add(c.task("twoExistingVariables", "1", t -> t.twoExistingVariables(1)));
        cases.add(c.task("existingVariableThenADeclaration", "1", t -> t.existingVariableThenADeclaration(1)));
        cases.add(c.task("catchThrowable", "Task.completed(1)", t -> t.catchThrowable(Task.completed(1))));
        for (int n : new int[] {0, 1}) {
            cases.add(c.task("timeoutCaughtAsAnException", "" + n, t -> t.timeoutCaughtAsAnException(n)));
        }
        cases.add(c.task("catchThrowable", "Task.failed(GIVEN)", t -> t.catchThrowable(Task.failed(GIVEN))));
        return cases;
    }
}
