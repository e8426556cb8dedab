package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link GeneratorCorpus}. */
final class GeneratorCases {

    private GeneratorCases() {}

    /** A plain implementation: its default methods are the blocking reading (eager). */
    static final class Recorder implements GeneratorCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<GeneratorCorpus> CORPUS =
            new Corpus<>("GeneratorCorpus", Recorder::new, GeneratorCorpusCoroutines::of);

    static List<Case> all() {
        Corpus<GeneratorCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        cases.add(c.generator("range", "0, 0", g -> g.range(0, 0)));
        cases.add(c.generator("range", "2, 6", g -> g.range(2, 6)));
        for (int n : new int[] {0, 1, 3, 5}) {
            cases.add(c.generator("evens", "" + n, g -> g.evens(n)));
            cases.add(c.generator("branches", "" + n, g -> g.branches(n)));
            cases.add(c.generator("countdown", "" + n, g -> g.countdown(n)));
            cases.add(c.generator("steps", "" + n, g -> g.steps(n)));
            cases.add(c.generator("squares", "" + n, g -> g.squares(n)));
            cases.add(c.generator("readsAnother", "" + n, g -> g.readsAnother(n)));
            cases.add(c.generator("capturesAcrossEmits", "" + n, g -> g.capturesAcrossEmits(n)));
            cases.add(c.generator("labelsAndSelf", "" + n, g -> g.labelsAndSelf(n)));
        }
        for (int n : new int[] {0, 4, 20}) {
            cases.add(c.generator("earlyEnd", "" + n, g -> g.earlyEnd(n)));
        }
        for (int n : new int[] {0, 1}) {
            cases.add(c.generator("throwsMidway", "" + n, g -> g.throwsMidway(n)));
        }
        cases.add(c.generator("mixedAndNull", "3", g -> g.mixedAndNull(3)));
        cases.add(c.generator("empty", "", GeneratorCorpus::empty));
        return cases;
    }
}
