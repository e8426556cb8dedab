package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link GeneratorStatementCorpus}. */
final class GeneratorStatementCases {

    private GeneratorStatementCases() {}

    /** A plain implementation: its default methods are the blocking reading (eager). */
    static final class Recorder implements GeneratorStatementCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<GeneratorStatementCorpus> CORPUS =
            new Corpus<>("GeneratorStatementCorpus", Recorder::new, GeneratorStatementCorpusCoroutines::of);

    static List<Case> all() {
        Corpus<GeneratorStatementCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 3, 7}) {
            cases.add(c.generator("emitInTryFinally", "" + n, g -> g.emitInTryFinally(n)));
            cases.add(c.generator("emitInNestedFinallys", "" + n, g -> g.emitInNestedFinallys(n)));
            cases.add(c.generator("emitInCatchAndFinally", "" + n, g -> g.emitInCatchAndFinally(n)));
            cases.add(c.generator("returnEndThroughFinallys", "" + n, g -> g.returnEndThroughFinallys(n)));
            cases.add(c.generator("emitInTryWithResources", "" + n, g -> g.emitInTryWithResources(n)));
            cases.add(c.generator("emitInSwitches", "" + n, g -> g.emitInSwitches(n)));
            cases.add(c.generator("emitInDoWhileAndLabeledLoops", "" + n, g -> g.emitInDoWhileAndLabeledLoops(n)));
            cases.add(c.generator("emitOverAnIterableAndAMap", "" + n, g -> g.emitOverAnIterableAndAMap(n)));
            cases.add(c.generator("emitExpressions", "" + n, g -> g.emitExpressions(n)));
            cases.add(c.generator("varLocalsAcrossEmits", "" + n, g -> g.varLocalsAcrossEmits(n)));
            cases.add(c.generator("emitInStatementsWithoutBraces", "" + n, g -> g.emitInStatementsWithoutBraces(n)));
            cases.add(c.generator("resourcesAndFinallysAroundEmits", "" + n, g -> g.resourcesAndFinallysAroundEmits(n)));
        }
        for (int n : new int[] {0, 1}) {
            cases.add(c.generator("exceptionFromTheBodyAfterAFinallyEmit", "" + n,
                    g -> g.exceptionFromTheBodyAfterAFinallyEmit(n)));
            cases.add(c.generator("finallyExceptionReplacesTheBodys", "" + n,
                    g -> g.finallyExceptionReplacesTheBodys(n)));
        }
        for (int n : new int[] {0, 1, 3, 4}) {
            cases.add(c.generator("permutations", "\"\", \"abcd\".substring(0, " + n + ")",
                    g -> g.permutations("", "abcd".substring(0, n))));
            cases.add(c.generator("readsPermutationsLazily", "" + n, g -> g.readsPermutationsLazily(n)));
        }
        cases.add(c.generator("leaves", "[1, [2, [3, 4], []], 5]",
                g -> g.leaves(List.of(1, List.of(2, List.of(3, 4), List.of()), 5))));
        cases.add(c.generator("leaves", "[]", g -> g.leaves(List.of())));
        cases.add(c.generator("interleave", "[a, b, c], [x]", g -> g.interleave(List.of("a", "b", "c"), List.of("x"))));
        cases.add(c.generator("<Number>interleave", "[1, 2], [2.5, 3.5, 4.5]",
                g -> g.<Number>interleave(List.of(1, 2), List.of(2.5, 3.5, 4.5))));
        return cases;
    }
}
