package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of the smaller corpora: {@link EdgeCorpus}, {@link GenericCorpus},
 * {@link NestedCorpus.Inner}, {@link ShadowingCorpus} and {@link StandaloneCorpus} (through
 * {@code create()}).
 */
final class EdgeCases {

    private EdgeCases() {}

    static final class EdgeRecorder implements EdgeCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final class GenericRecorder implements GenericCorpus<String> {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }

        @Override
        public String seed() {
            log.add("seed");
            return "seed";
        }
    }

    static final class InnerRecorder implements NestedCorpus.Inner {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final class ShadowingRecorder implements ShadowingCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        Corpus<EdgeCorpus> e = new Corpus<>("EdgeCorpus", EdgeRecorder::new, EdgeCorpusCoroutines::of);
        cases.add(e.task("varargs", "", EdgeCorpus::varargs));
        cases.add(e.task("varargs", "1, 2, 3", c -> c.varargs(1, 2, 3)));
        for (int n : new int[] {0, 2}) {
            cases.add(e.task("cStyleArray", "" + n, c -> c.cStyleArray(n)));
            cases.add(e.task("severalDeclarators", "" + n, c -> c.severalDeclarators(n)));
            cases.add(e.task("paramsNamedLikeMachineMembers", n + ", \"me\", 9",
                    c -> c.paramsNamedLikeMachineMembers(n, "me", 9)));
            cases.add(e.task("withoutBraces", "" + n, c -> c.withoutBraces(n)));
            cases.add(e.task("checkedException", "" + n, c -> c.checkedException(n)));
            cases.add(e.task("primitiveParamAssigned", n + "L, 0.5", c -> c.primitiveParamAssigned(n, 0.5)));
            cases.add(e.task("unboxingNull", "" + n, c -> c.unboxingNull(n)));
        }

        Corpus<GenericCorpus<String>> g = new Corpus<>("GenericCorpus<String>", GenericRecorder::new,
                GenericCorpusCoroutines::of);
        cases.add(g.task("repeat", "2", c -> c.repeat(2)));
        cases.add(g.task("max", "\"a\", \"b\"", c -> c.max("a", "b")));
        cases.add(g.task("max", "\"z\", \"b\"", c -> c.max("z", "b")));
        cases.add(g.generator("seedThen", "\"u\", 2", c -> c.seedThen("u", 2)));

        Corpus<NestedCorpus.Inner> i = new Corpus<>("NestedCorpus.Inner", InnerRecorder::new,
                NestedCorpus_InnerCoroutines::of);
        cases.add(i.task("inner", "4", c -> c.inner(4)));

        Corpus<ShadowingCorpus> s = new Corpus<>("ShadowingCorpus", ShadowingRecorder::new,
                ShadowingCorpusCoroutines::of);
        cases.add(s.task("hiddenDslMethod", "6", c -> c.hiddenDslMethod(6)));
        cases.add(s.task("staticImportsNamedLikeMachineMethods", "2", c -> c.staticImportsNamedLikeMachineMethods(2)));
        for (int n : new int[] {0, 1}) {
            cases.add(s.task("constantHiddenInOneBlockOnly", "" + n, c -> c.constantHiddenInOneBlockOnly(n)));
        }
        cases.add(s.task("constantNamedLabel", "2", c -> c.constantNamedLabel(2)));
        cases.add(s.task("onDemandImportedJoin", "5", c -> c.onDemandImportedJoin(5)));
        cases.add(s.task("qualifiedThisInAnonymousClass", "4", c -> c.qualifiedThisInAnonymousClass(4)));
        cases.add(s.task("anonymousClassFieldNamedLikeALiftedLocal", "3",
                c -> c.anonymousClassFieldNamedLikeALiftedLocal(3)));
        cases.add(s.task("localClassMethodNamedLikeAnInterfaceMethod", "3",
                c -> c.localClassMethodNamedLikeAnInterfaceMethod(3)));

        Differential.Standalone<StandaloneCorpus> create = new Differential.Standalone<>("StandaloneCorpus",
                () -> new StandaloneCorpus() {}, StandaloneCorpusCoroutines::create);
        for (int n : new int[] {0, 3}) {
            cases.add(create.task("countTo", "" + n, (c, log) -> c.countTo(log, n)));
            cases.add(create.task("throughShortcut", "" + n, (c, log) -> c.throughShortcut(log, n)));
        }
        return cases;
    }
}
