package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@link StreamCorpus}. */
final class StreamCases {

    private StreamCases() {}

    /** A plain implementation: its default methods are the blocking reading (eager). */
    static final class Recorder implements StreamCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<StreamCorpus> CORPUS =
            new Corpus<>("StreamCorpus", Recorder::new, StreamCorpusCoroutines::of);

    static List<Case> all() {
        Corpus<StreamCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 4}) {
            cases.add(c.stream("numbers", "" + n, s -> s.numbers(n)));
            cases.add(c.stream("guarded", "" + n, s -> s.guarded(n)));
            cases.add(c.task("sum", "" + n, s -> s.sum(n)));
            cases.add(c.task("awaitsInTheBody", "" + n, s -> s.awaitsInTheBody(n)));
            cases.add(c.task("streamFromAnAwait", "" + n, s -> s.streamFromAnAwait(n)));
            cases.add(c.task("nestedLoops", "" + n, s -> s.nestedLoops(n)));
            cases.add(c.stream("relabels", "" + n, s -> s.relabels(n)));
            cases.add(c.stream("endsEarly", "" + n, s -> s.endsEarly(n)));
            cases.add(c.task("takesFromOperators", "" + n, s -> s.takesFromOperators(n)));
            for (int at : new int[] {0, 20, 30, 100}) {
                cases.add(c.task("breaksEarly", n + ", " + at, s -> s.breaksEarly(n, at)));
                cases.add(c.task("returnsFromTheLoop", n + ", " + at, s -> s.returnsFromTheLoop(n, at)));
                cases.add(c.task("throwsInTheLoop", n + ", " + at, s -> s.throwsInTheLoop(n, at)));
            }
        }
        for (int n : new int[] {0, 1}) {
            cases.add(c.stream("failsMidway", "" + n, s -> s.failsMidway(n)));
            cases.add(c.task("producerFails", "" + n, s -> s.producerFails(n)));
        }
        return cases;
    }
}
