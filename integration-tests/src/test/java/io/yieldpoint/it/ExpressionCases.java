package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link ExpressionCorpus}: arguments that take each side of every branch and short-circuit. */
final class ExpressionCases {

    private ExpressionCases() {}

    static final class Recorder implements ExpressionCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<ExpressionCorpus> CORPUS =
            new Corpus<>("ExpressionCorpus", Recorder::new, ExpressionCorpusCoroutines::of);

    static List<Case> all() {
        Corpus<ExpressionCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 2}) {
            cases.add(c.task("binaryOrder", "" + n, e -> e.binaryOrder(n)));
            cases.add(c.task("argumentOrder", "" + n, e -> e.argumentOrder(n)));
            cases.add(c.task("leftOperandKeptAcrossTheAwait", "" + n, e -> e.leftOperandKeptAcrossTheAwait(n)));
            cases.add(c.task("postfixAndPrefixAroundAwaits", "" + n, e -> e.postfixAndPrefixAroundAwaits(n)));
            cases.add(c.task("stringConcatenation", "" + n, e -> e.stringConcatenation(n)));
            cases.add(c.task("unaryAndBitwise", "" + n, e -> e.unaryAndBitwise(n)));
            cases.add(c.task("nonShortCircuitOperatorsRunBothSides", "" + n,
                    e -> e.nonShortCircuitOperatorsRunBothSides(n)));
            cases.add(c.task("divisionByZeroAfterTheAwait", "" + n, e -> e.divisionByZeroAfterTheAwait(n)));
            cases.add(c.task("exceptionInLeftOperandSkipsTheAwait", "" + n,
                    e -> e.exceptionInLeftOperandSkipsTheAwait(n)));
            cases.add(c.task("failedAwaitStopsTheArguments", "" + n, e -> e.failedAwaitStopsTheArguments(n)));
            cases.add(c.task("conditionalNumericPromotion", "" + n, e -> e.conditionalNumericPromotion(n)));
            cases.add(c.task("conditionalUnboxesNull", "" + n, e -> e.conditionalUnboxesNull(n)));
            cases.add(c.task("awaitAsReceiver", "" + n, e -> e.awaitAsReceiver(n)));
            cases.add(c.task("receiverEvaluatedBeforeTheArguments", "" + n,
                    e -> e.receiverEvaluatedBeforeTheArguments(n)));
            cases.add(c.task("nullReceiverFailsAfterTheArguments", "" + n,
                    e -> e.nullReceiverFailsAfterTheArguments(n)));
            cases.add(c.task("nestedAwaits", "" + n, e -> e.nestedAwaits(n)));
            cases.add(c.task("castsOfAwaitedValues", "" + n, e -> e.castsOfAwaitedValues(n)));
            cases.add(c.task("castFailsAfterTheAwait", "" + n, e -> e.castFailsAfterTheAwait(n)));
            cases.add(c.task("instanceofOfAwaitedValues", "" + n, e -> e.instanceofOfAwaitedValues(n)));
            cases.add(c.task("instanceofPatternOfAnAwaitedValue", "" + n,
                    e -> e.instanceofPatternOfAnAwaitedValue(n)));
            cases.add(c.task("overloadsByStaticTypeOfTheAwait", "" + n, e -> e.overloadsByStaticTypeOfTheAwait(n)));
            cases.add(c.task("callTypesKnownOrNot", "" + n, e -> e.callTypesKnownOrNot(n)));
            cases.add(c.task("arrayIndexAndElementAssignment", "" + n, e -> e.arrayIndexAndElementAssignment(n)));
            cases.add(c.task("compoundOnArrayElementsWithAwaitedIndexes", "" + n,
                    e -> e.compoundOnArrayElementsWithAwaitedIndexes(n)));
            cases.add(c.task("incrementsOnArrayElementsWithAwaitedIndexes", "" + n,
                    e -> e.incrementsOnArrayElementsWithAwaitedIndexes(n)));
            cases.add(c.task("arrayReferenceEvaluatedBeforeTheIndex", "" + n,
                    e -> e.arrayReferenceEvaluatedBeforeTheIndex(n)));
            cases.add(c.task("arrayCreationWithAwaits", "" + (n + 1), e -> e.arrayCreationWithAwaits(n + 1)));
            cases.add(c.task("compoundAssignmentsNarrowImplicitly", "" + n,
                    e -> e.compoundAssignmentsNarrowImplicitly(n)));
            cases.add(c.task("booleanCompoundsRunTheAwait", "" + n, e -> e.booleanCompoundsRunTheAwait(n)));
            cases.add(c.task("boxedCompoundAndIncrement", "" + n, e -> e.boxedCompoundAndIncrement(n)));
            cases.add(c.task("fieldTargets", "" + n, e -> e.fieldTargets(n)));
            cases.add(c.task("fieldTargetEvaluatedBeforeTheRightSide", "" + n,
                    e -> e.fieldTargetEvaluatedBeforeTheRightSide(n)));
            cases.add(c.task("nullFieldTargetFailsAfterTheRightSide", "" + n,
                    e -> e.nullFieldTargetFailsAfterTheRightSide(n)));
            cases.add(c.task("awaitsInObjectCreationAndCalls", "" + n, e -> e.awaitsInObjectCreationAndCalls(n)));
            cases.add(c.task("awaitsInAssignmentChains", "" + n, e -> e.awaitsInAssignmentChains(n)));
            cases.add(c.task("awaitedReceiverOfFieldUpdates", "" + n, e -> e.awaitedReceiverOfFieldUpdates(n)));
            cases.add(c.task("anonymousClassWithAwaitedConstructorArguments", "" + n,
                    e -> e.anonymousClassWithAwaitedConstructorArguments(n)));
            cases.add(c.task("returnAConditionalOfTasks", "" + n, e -> e.returnAConditionalOfTasks(n)));
            cases.add(c.task("explicitTypeArgumentsAndVarargs", "" + n, e -> e.explicitTypeArgumentsAndVarargs(n)));
            cases.add(c.task("nestedArrayInitializers", "" + n, e -> e.nestedArrayInitializers(n)));
            cases.add(c.task("qualifiedDslCallsInExpressions", "" + n, e -> e.qualifiedDslCallsInExpressions(n)));
        }
        for (int n : new int[] {-3, 0, 4}) {
            cases.add(c.task("awaitsInTheReturnValue", "" + n, e -> e.awaitsInTheReturnValue(n)));
            cases.add(c.task("conditionalSkipsTheOtherBranch", "" + n, e -> e.conditionalSkipsTheOtherBranch(n)));
            cases.add(c.task("conditionalAsArgumentAndOperand", "" + n, e -> e.conditionalAsArgumentAndOperand(n)));
            cases.add(c.task("mixedAndOr", "" + n, e -> e.mixedAndOr(n)));
        }
        for (int n : new int[] {-1, 1, 3, 4, 9}) {
            cases.add(c.task("awaitsInIfConditions", "" + n, e -> e.awaitsInIfConditions(n)));
        }
        for (boolean left : new boolean[] {false, true}) {
            for (boolean right : new boolean[] {false, true}) {
                String args = left + ", " + right;
                cases.add(c.task("andSkipsTheAwait", args, e -> e.andSkipsTheAwait(left, right)));
                cases.add(c.task("orSkipsTheAwait", args, e -> e.orSkipsTheAwait(left, right)));
            }
        }
        int[][] pairs = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
        for (int[] p : pairs) {
            cases.add(c.task("nestedConditionals", p[0] + ", " + p[1], e -> e.nestedConditionals(p[0], p[1])));
        }
        for (int n : new int[] {0, 1, 2, 5}) {
            cases.add(c.task("elementAssignmentOutOfBoundsAfterTheRightSide", "" + n,
                    e -> e.elementAssignmentOutOfBoundsAfterTheRightSide(n)));
        }
        for (int n : new int[] {0, 1, 2}) {
            cases.add(c.task("compoundSavesTheLeftValue", "" + n, e -> e.compoundSavesTheLeftValue(n)));
            cases.add(c.task("compoundElementUsesTheValueReadBefore", "" + n,
                    e -> e.compoundElementUsesTheValueReadBefore(n)));
            cases.add(c.task("nestedCompoundElementUsesTheValueReadBefore", "" + n,
                    e -> e.nestedCompoundElementUsesTheValueReadBefore(n)));
            cases.add(c.task("compoundFieldUsesTheValueReadBefore", "" + n,
                    e -> e.compoundFieldUsesTheValueReadBefore(n)));
            cases.add(c.task("compoundStringSavesTheLeftValue", "" + n, e -> e.compoundStringSavesTheLeftValue(n)));
            cases.add(c.task("compoundElementChecksTheIndexFirst", "" + n,
                    e -> e.compoundElementChecksTheIndexFirst(n)));
            cases.add(c.task("compoundOnANullFieldTarget", "" + n, e -> e.compoundOnANullFieldTarget(n)));
            cases.add(c.task("compoundOnANullArray", "" + n, e -> e.compoundOnANullArray(n)));
        }
        for (int n : new int[] {0, 1, 2, 3}) {
            cases.add(c.task("unboxesTheLeftOperandFirst", "" + n, e -> e.unboxesTheLeftOperandFirst(n)));
            cases.add(c.task("unboxesTheCompoundTargetFirst", "" + n, e -> e.unboxesTheCompoundTargetFirst(n)));
            cases.add(c.task("unboxesForEveryNumericOperator", "" + n, e -> e.unboxesForEveryNumericOperator(n)));
            cases.add(c.task("concatenatesANullBoxedLocal", "" + n, e -> e.concatenatesANullBoxedLocal(n)));
        }
        for (int n : new int[] {0, 3}) {
            cases.add(c.task("liftedLocalWithAnAwaitInItsInitializer", "" + n,
                    e -> e.liftedLocalWithAnAwaitInItsInitializer(n)));
            cases.add(c.task("nestedInitializerWithAnAwait", "" + n, e -> e.nestedInitializerWithAnAwait(n)));
        }
        for (int n : new int[] {0, 2}) {
            cases.add(c.task("awaitOrALongLiteral", "" + n, e -> e.awaitOrALongLiteral(n)));
            cases.add(c.task("awaitOrADoubleLiteral", "" + n, e -> e.awaitOrADoubleLiteral(n)));
            cases.add(c.task("conditionalAsANumericOperand", "" + n, e -> e.conditionalAsANumericOperand(n)));
        }
        cases.add(c.task("methodReferenceOnAnAwaitedReceiver", "2", e -> e.methodReferenceOnAnAwaitedReceiver(2)));
        for (Object value : new Object[] {4, "s", "long", 2.5}) {
            cases.add(c.task("patternBeforeAnAwait", "" + value, e -> e.patternBeforeAnAwait(value)));
            cases.add(c.task("awaitInTheElseOfAPattern", "" + value, e -> e.awaitInTheElseOfAPattern(value)));
            cases.add(c.task("patternsInAnElseIfChain", "" + value, e -> e.patternsInAnElseIfChain(value)));
            cases.add(c.task("patternInScopeButDeadAcrossAnAwait", "" + value,
                    e -> e.patternInScopeButDeadAcrossAnAwait(value)));
            cases.add(c.task("negatedPatternDeadAcrossAnAwait", "" + value,
                    e -> e.negatedPatternDeadAcrossAnAwait(value)));
            cases.add(c.task("patternUsedInALoopBeforeItsAwait", "" + value, e -> e.patternUsedInALoopBeforeItsAwait(value)));
            cases.add(c.task("patternAssignedAnAwaitedValue", "" + value, e -> e.patternAssignedAnAwaitedValue(value)));
            cases.add(c.task("bindingInScopeAfterAnIfAndReboundInAnElseIf", "" + value,
                    e -> e.bindingInScopeAfterAnIfAndReboundInAnElseIf(value)));
            for (int n : new int[] {1, 2, 3}) {
                cases.add(c.task("patternUsedInALoweredSwitch", value + "," + n, e -> e.patternUsedInALoweredSwitch(value, n)));
                cases.add(c.task("negatedPatternInACaseGroup", value + "," + n, e -> e.negatedPatternInACaseGroup(value, n)));
            }
        }
        return cases;
    }
}
