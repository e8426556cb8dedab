package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link NamesCorpus}. */
final class NamesCases {

    private NamesCases() {}

    static final class Recorder implements NamesCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static List<Case> all() {
        Corpus<NamesCorpus> c = new Corpus<>("NamesCorpus", Recorder::new, NamesCorpusCoroutines::of);
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 3}) {
            cases.add(c.task("localsNamedLikeSpillsAndConditions", "" + n, s -> s.localsNamedLikeSpillsAndConditions(n)));
            cases.add(c.task("localsNamedLikeFinallyBookkeeping", "" + n, s -> s.localsNamedLikeFinallyBookkeeping(n)));
            cases.add(c.task("localsNamedLikeIteratorsAndCopies", "" + n, s -> s.localsNamedLikeIteratorsAndCopies(n)));
            cases.add(c.task("parametersNamedLikeMachineMembers", n + ", \"s\", 7",
                    s -> s.parametersNamedLikeMachineMembers(n, "s", 7)));
            cases.add(c.task("localsNamedLikeTypes", "" + n, s -> s.localsNamedLikeTypes(n)));
        }
        cases.add(c.task("labelLocal", "3", s -> s.labelLocal(3)));
        cases.add(c.task("typesNamedLikeMachineMemberTypes", "2", s -> s.typesNamedLikeMachineMemberTypes(2)));
        cases.add(c.generator("closedValues", "3", s -> s.closedValues(3)));
        cases.add(c.generator("labelLocalInGenerator", "3", s -> s.labelLocalInGenerator(3)));
        cases.add(c.task("redeclareInSiblingBlock", "2", s -> s.redeclareInSiblingBlock(2)));
        cases.add(c.task("redeclareAsLambdaParameter", "2", s -> s.redeclareAsLambdaParameter(2)));
        cases.add(c.generator("argumentNamedLikeTheRestartCopy", "3", s -> s.argumentNamedLikeTheRestartCopy(3)));
        return cases;
    }
}
