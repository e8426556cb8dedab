package io.yieldpoint.it;

import io.yieldpoint.Task;
import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The differential cases of the pending corpora found while extending the corpus for issue 3 (see
 * README.md in this folder). To re-enable a fixed bug: move its Pending*.java.txt to
 * src/main/java/io/yieldpoint/it/ as .java, move this file to
 * src/test/java/io/yieldpoint/it/PendingIssue3Cases.java keeping only the sections of the interfaces
 * moved, and add {@code all.addAll(PendingIssue3Cases.all());} to DifferentialTest.cases().
 */
final class Issue3FixedCases {

    private Issue3FixedCases() {}

    /** A plain implementation of an interface whose only abstract method is {@code log()}. */
    private static <I extends Traced> Supplier<I> recorder(Function<List<String>, I> make) {
        return () -> make.apply(Differential.newLog());
    }

    private static final IllegalStateException GIVEN = new IllegalStateException("given");

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();

        // ---- PendingExpressionOrder
        Corpus<PendingExpressionOrder> order = new Corpus<>("PendingExpressionOrder",
                recorder(log -> new PendingExpressionOrder() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingExpressionOrderCoroutines::of);
        for (int n : new int[] {0, 1, 2}) {
            cases.add(order.task("compoundSavesTheLeftValue", "" + n, c -> c.compoundSavesTheLeftValue(n)));
            cases.add(order.task("compoundElementChecksTheIndexFirst", "" + n,
                    c -> c.compoundElementChecksTheIndexFirst(n)));
            cases.add(order.task("compoundOnANullFieldTarget", "" + n, c -> c.compoundOnANullFieldTarget(n)));
            cases.add(order.task("compoundOnANullArray", "" + n, c -> c.compoundOnANullArray(n)));
            cases.add(order.task("compoundStringSavesTheLeftValue", "" + n, c -> c.compoundStringSavesTheLeftValue(n)));
        }

        // ---- PendingArrayInitializers
        Corpus<PendingArrayInitializers> arrays = new Corpus<>("PendingArrayInitializers",
                recorder(log -> new PendingArrayInitializers() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingArrayInitializersCoroutines::of);
        for (int n : new int[] {0, 3}) {
            cases.add(arrays.task("liftedLocalWithAnAwaitInItsInitializer", "" + n,
                    c -> c.liftedLocalWithAnAwaitInItsInitializer(n)));
            cases.add(arrays.task("nestedInitializerWithAnAwait", "" + n, c -> c.nestedInitializerWithAnAwait(n)));
        }

        // ---- PendingConditionalTypes
        Corpus<PendingConditionalTypes> conditionals = new Corpus<>("PendingConditionalTypes",
                recorder(log -> new PendingConditionalTypes() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingConditionalTypesCoroutines::of);
        for (int n : new int[] {0, 2}) {
            cases.add(conditionals.task("awaitOrALongLiteral", "" + n, c -> c.awaitOrALongLiteral(n)));
            cases.add(conditionals.task("awaitOrADoubleLiteral", "" + n, c -> c.awaitOrADoubleLiteral(n)));
            cases.add(conditionals.task("conditionalAsANumericOperand", "" + n, c -> c.conditionalAsANumericOperand(n)));
        }

        // ---- PendingMethodReferenceReceiver
        Corpus<PendingMethodReferenceReceiver> references = new Corpus<>("PendingMethodReferenceReceiver",
                recorder(log -> new PendingMethodReferenceReceiver() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingMethodReferenceReceiverCoroutines::of);
        cases.add(references.task("methodReferenceOnAnAwaitedReceiver", "2", c -> c.methodReferenceOnAnAwaitedReceiver(2)));

        // ---- PendingPatternScopes
        Corpus<PendingPatternScopes> patterns = new Corpus<>("PendingPatternScopes",
                recorder(log -> new PendingPatternScopes() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingPatternScopesCoroutines::of);
        for (Object value : new Object[] {4, "s", "long", 2.5}) {
            cases.add(patterns.task("patternBeforeAnAwait", "" + value, c -> c.patternBeforeAnAwait(value)));
            cases.add(patterns.task("awaitInTheElseOfAPattern", "" + value, c -> c.awaitInTheElseOfAPattern(value)));
            cases.add(patterns.task("patternsInAnElseIfChain", "" + value, c -> c.patternsInAnElseIfChain(value)));
        }

        // ---- PendingResourceInitializer
        Corpus<PendingResourceInitializer> initializer = new Corpus<>("PendingResourceInitializer",
                recorder(log -> new PendingResourceInitializer() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingResourceInitializerCoroutines::of);
        for (int n : new int[] {0, 1}) {
            cases.add(initializer.task("awaitedResourceYieldFreeBody", "" + n, c -> c.awaitedResourceYieldFreeBody(n)));
            cases.add(initializer.task("conditionalResourceYieldFreeBody", "" + n,
                    c -> c.conditionalResourceYieldFreeBody(n)));
        }

        // ---- PendingResourceVariables
        Corpus<PendingResourceVariables> variables = new Corpus<>("PendingResourceVariables",
                recorder(log -> new PendingResourceVariables() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingResourceVariablesCoroutines::of);
        cases.add(variables.task("twoExistingVariables", "1", c -> c.twoExistingVariables(1)));
        cases.add(variables.task("existingVariableThenADeclaration", "1", c -> c.existingVariableThenADeclaration(1)));

        // ---- PendingIntersectionBound
        Corpus<PendingCatchThrowable> throwable = new Corpus<>("PendingCatchThrowable",
                recorder(log -> new PendingCatchThrowable() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingCatchThrowableCoroutines::of);
        cases.add(throwable.task("catchThrowable", "Task.completed(1)", c -> c.catchThrowable(Task.completed(1))));
        cases.add(throwable.task("catchThrowable", "Task.failed(GIVEN)", c -> c.catchThrowable(Task.failed(GIVEN))));

        // ---- PendingVarOverAnAwaitedIterable

        Corpus<PendingIntersectionBound> bound = new Corpus<>("PendingIntersectionBound",
                recorder(log -> new PendingIntersectionBound() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingIntersectionBoundCoroutines::of);
        cases.add(bound.task("intersectionBound", "3, 5", c -> c.intersectionBound(3, 5)));
        cases.add(bound.task("intersectionBound", "2.5, 1.5", c -> c.intersectionBound(2.5, 1.5)));

        // ---- PendingCatchThrowable
        Corpus<PendingVarOverAnAwaitedIterable> vars = new Corpus<>("PendingVarOverAnAwaitedIterable",
                recorder(log -> new PendingVarOverAnAwaitedIterable() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingVarOverAnAwaitedIterableCoroutines::of);
        for (int n : new int[] {0, 2}) {
            cases.add(vars.task("varOverAnAwaitedList", "" + n, c -> c.varOverAnAwaitedList(n)));
            cases.add(vars.task("varOverAnAwaitedWildcardList", "" + n, c -> c.varOverAnAwaitedWildcardList(n)));
        }

        return cases;
    }
}
