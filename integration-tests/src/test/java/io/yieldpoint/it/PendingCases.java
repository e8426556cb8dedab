package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The differential cases of the pending corpora (see README.md in this folder). To re-enable a
 * fixed bug: move its Pending*.java.txt to src/main/java/io/yieldpoint/it/ as .java, move this
 * file to src/test/java/io/yieldpoint/it/PendingCases.java keeping only the sections of the
 * interfaces moved, and add {@code all.addAll(PendingCases.all());} to DifferentialTest.cases().
 */
final class PendingCases {

    private PendingCases() {}

    /** A plain implementation of {@code Traced} for an interface {@code I} with no other abstract method. */
    private static <I extends Traced> Supplier<I> recorder(java.util.function.Function<List<String>, I> make) {
        return () -> make.apply(Differential.newLog());
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();

        Corpus<PendingLabelLocal> label = new Corpus<>("PendingLabelLocal",
                recorder(log -> new PendingLabelLocal() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingLabelLocalCoroutines::of);
        cases.add(label.task("labelLocal", "3", c -> c.labelLocal(3)));
        cases.add(label.generator("labelLocalInGenerator", "3", c -> c.labelLocalInGenerator(3)));

        Corpus<PendingFlattenedBlockRedeclare> flat = new Corpus<>("PendingFlattenedBlockRedeclare",
                recorder(log -> new PendingFlattenedBlockRedeclare() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingFlattenedBlockRedeclareCoroutines::of);
        cases.add(flat.task("redeclareInSiblingBlock", "2", c -> c.redeclareInSiblingBlock(2)));
        cases.add(flat.task("redeclareAsLambdaParameter", "2", c -> c.redeclareAsLambdaParameter(2)));

        Corpus<PendingQualifiedThisInLocalClass> qualified = new Corpus<>("PendingQualifiedThisInLocalClass",
                recorder(log -> new PendingQualifiedThisInLocalClass() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingQualifiedThisInLocalClassCoroutines::of);
        cases.add(qualified.task("qualifiedThisInAnonymousClass", "4", c -> c.qualifiedThisInAnonymousClass(4)));

        Corpus<PendingStaticImportOnDemand> imports = new Corpus<>("PendingStaticImportOnDemand",
                recorder(log -> new PendingStaticImportOnDemand() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingStaticImportOnDemandCoroutines::of);
        cases.add(imports.task("onDemandImportedJoin", "5", c -> c.onDemandImportedJoin(5)));

        Corpus<PendingGeneratorArgumentName> argument = new Corpus<>("PendingGeneratorArgumentName",
                recorder(log -> new PendingGeneratorArgumentName() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingGeneratorArgumentNameCoroutines::of);
        cases.add(argument.generator("argumentNamedLikeTheRestartCopy", "3",
                c -> c.argumentNamedLikeTheRestartCopy(3)));

        Corpus<PendingHiddenConstants> constants = new Corpus<>("PendingHiddenConstants",
                recorder(log -> new PendingHiddenConstants() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingHiddenConstantsCoroutines::of);
        for (int n : new int[] {0, 1}) {
            cases.add(constants.task("constantHiddenInOneBlockOnly", "" + n, c -> c.constantHiddenInOneBlockOnly(n)));
        }
        cases.add(constants.task("constantNamedLabel", "2", c -> c.constantNamedLabel(2)));

        Corpus<PendingLocalClassScopes> scopes = new Corpus<>("PendingLocalClassScopes",
                recorder(log -> new PendingLocalClassScopes() {
                    @Override
                    public List<String> log() {
                        return log;
                    }
                }), PendingLocalClassScopesCoroutines::of);
        cases.add(scopes.task("anonymousClassFieldNamedLikeALiftedLocal", "3",
                c -> c.anonymousClassFieldNamedLikeALiftedLocal(3)));
        cases.add(scopes.task("localClassMethodNamedLikeAnInterfaceMethod", "3",
                c -> c.localClassMethodNamedLikeAnInterfaceMethod(3)));

        return cases;
    }
}
