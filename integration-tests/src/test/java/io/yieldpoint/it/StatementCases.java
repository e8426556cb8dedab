package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import io.yieldpoint.it.StatementCorpus.Color;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link StatementCorpus}: arguments that reach every case, label and exit. */
final class StatementCases {

    private StatementCases() {}

    static final class Recorder implements StatementCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<StatementCorpus> CORPUS =
            new Corpus<>("StatementCorpus", Recorder::new, StatementCorpusCoroutines::of);

    static List<Case> all() {
        Corpus<StatementCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 3}) {
            cases.add(c.task("doWhileAwaitsInBodyAndCondition", "" + n, s -> s.doWhileAwaitsInBodyAndCondition(n)));
            cases.add(c.task("doWhileContinueRunsTheCondition", "" + n, s -> s.doWhileContinueRunsTheCondition(n)));
            cases.add(c.task("doWhileBreakAndOnce", "" + n, s -> s.doWhileBreakAndOnce(n)));
            cases.add(c.task("whileConditionAwaitsBodyIsPlain", "" + n, s -> s.whileConditionAwaitsBodyIsPlain(n)));
            cases.add(c.task("forAwaitsInInitConditionAndUpdate", "" + n,
                    s -> s.forAwaitsInInitConditionAndUpdate(n)));
            cases.add(c.task("forContinueRunsTheAwaitingUpdate", "" + n, s -> s.forContinueRunsTheAwaitingUpdate(n)));
            cases.add(c.task("forWithOnlyAnAwaitingUpdate", "" + n, s -> s.forWithOnlyAnAwaitingUpdate(n)));
            cases.add(c.task("siblingLoopsWithTheSameNames", "" + n, s -> s.siblingLoopsWithTheSameNames(n)));
            cases.add(c.task("forEachOverAnArray", "" + n, s -> s.forEachOverAnArray(n)));
            cases.add(c.task("forEachOverAnIterable", "" + n, s -> s.forEachOverAnIterable(n)));
            cases.add(c.task("forEachCallsTheIteratorInOrder", "" + n, s -> s.forEachCallsTheIteratorInOrder(n)));
            cases.add(c.task("forEachOverAwaitedValues", "" + n, s -> s.forEachOverAwaitedValues(n)));
            cases.add(c.task("nestedForEachWithLabeledContinue", "" + n, s -> s.nestedForEachWithLabeledContinue(n)));
            cases.add(c.task("labeledDoWhileContinue", "" + n, s -> s.labeledDoWhileContinue(n)));
            cases.add(c.task("emptyStatementsAndBlocks", "" + n, s -> s.emptyStatementsAndBlocks(n)));
            cases.add(c.task("yieldFreeLoopsBetweenAwaits", "" + n, s -> s.yieldFreeLoopsBetweenAwaits(n)));
            cases.add(c.task("sameNameInSiblingBlocksOfDifferentTypes", "" + n,
                    s -> s.sameNameInSiblingBlocksOfDifferentTypes(n)));
            cases.add(c.task("switchExpressionOnAnAwaitedSelector", "" + n, s -> s.switchExpressionOnAnAwaitedSelector(n)));
            cases.add(c.task("yieldFreeSynchronizedAssertAndLocalClass", "" + n,
                    s -> s.yieldFreeSynchronizedAssertAndLocalClass(n)));
            cases.add(c.task("switchExpressionsAroundAwaits", "" + (n + 1), s -> s.switchExpressionsAroundAwaits(n + 1)));
        }
        for (int n : new int[] {-1, 0, 1, 2, 3, 4, 7}) {
            cases.add(c.task("switchOnIntWithFallThrough", "" + n, s -> s.switchOnIntWithFallThrough(n)));
            cases.add(c.task("awaitsInSwitchExpressionArms", "" + n, s -> s.awaitsInSwitchExpressionArms(n)));
            cases.add(c.task("caseLocalsScopeOverTheWholeSwitch", "" + n, s -> s.caseLocalsScopeOverTheWholeSwitch(n)));
            cases.add(c.task("switchWithoutAMatchingCase", "" + n, s -> s.switchWithoutAMatchingCase(n)));
            cases.add(c.task("labeledBlockBreak", "" + n, s -> s.labeledBlockBreak(n)));
            cases.add(c.task("returnFromDeepInside", "" + n, s -> s.returnFromDeepInside(n)));
        }
        for (int n : new int[] {1, 2, 3, 4, 5, 11}) {
            cases.add(c.task("arrowSwitchStatement", "" + n, s -> s.arrowSwitchStatement(n)));
            cases.add(c.task("arrowSwitchInALoop", "" + n, s -> s.arrowSwitchInALoop(n)));
            cases.add(c.task("switchInsideALoopBreakAndContinue", "" + n, s -> s.switchInsideALoopBreakAndContinue(n)));
            cases.add(c.task("switchReturnsFromALoop", "" + n, s -> s.switchReturnsFromALoop(n)));
        }
        for (int n : new int[] {0, 2, 12, 21, 99}) {
            cases.add(c.task("labeledBreakAndContinueOutOfNestedLoops", "" + n,
                    s -> s.labeledBreakAndContinueOutOfNestedLoops(n)));
        }
        for (int n : new int[] {0, 1, 5}) {
            cases.add(c.task("sameLabelInSiblingStatements", "" + n, s -> s.sameLabelInSiblingStatements(n)));
        }
        for (String str : new String[] {"Aa", "BB", "go", "run", "stop", "x"}) {
            cases.add(c.task("switchOnAwaitedString", '"' + str + '"', s -> s.switchOnAwaitedString(str)));
        }
        cases.add(c.task("switchOnAwaitedString", "null", s -> s.switchOnAwaitedString(null)));
        for (Color color : Color.values()) {
            cases.add(c.task("switchOnEnum", "" + color, s -> s.switchOnEnum(color)));
            cases.add(c.task("arrowSwitchOnStringAndEnum", "\"BB\", " + color,
                    s -> s.arrowSwitchOnStringAndEnum("BB", color)));
        }
        cases.add(c.task("switchOnEnum", "null", s -> s.switchOnEnum(null)));
        cases.add(c.task("arrowSwitchOnStringAndEnum", "\"Aa\", null", s -> s.arrowSwitchOnStringAndEnum("Aa", null)));
        cases.add(c.task("arrowSwitchOnStringAndEnum", "\"z\", RED", s -> s.arrowSwitchOnStringAndEnum("z", Color.RED)));
        for (char ch : new char[] {'a', 'i', '0', '1', 'x'}) {
            cases.add(c.task("switchOnChar", "'" + ch + "'", s -> s.switchOnChar(ch)));
        }
        int[][] pairs = {{0, 0}, {0, 1}, {1, 0}, {2, 2}};
        for (int[] p : pairs) {
            cases.add(c.task("nestedSwitches", p[0] + ", " + p[1], s -> s.nestedSwitches(p[0], p[1])));
        }
        for (int n : new int[] {-1, 0, 1}) {
            cases.add(c.task("throwAnAwaitedException", "" + n, s -> s.throwAnAwaitedException(n)));
        }
        return cases;
    }
}
