package io.yieldpoint.it;

import io.yieldpoint.it.Differential.Case;
import io.yieldpoint.it.Differential.Corpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The cases of {@link TypesCorpus}. */
final class TypesCases {

    private TypesCases() {}

    static final class Recorder implements TypesCorpus {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final class GenericRecorder implements GenericTypesCorpus<String, Integer> {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }

        @Override
        public Integer valueOf(String key) {
            log.add("valueOf " + key);
            return key.length();
        }
    }

    static final class InsideRecorder implements Holder.Inside {
        private final List<String> log = Differential.newLog();

        @Override
        public List<String> log() {
            return log;
        }
    }

    static final Corpus<TypesCorpus> CORPUS = new Corpus<>("TypesCorpus", Recorder::new, TypesCorpusCoroutines::of);

    /** Thrown through a generic {@code throws X} clause: every reading must throw this instance. */
    private static final IOException CHECKED = new IOException("given checked");

    static List<Case> all() {
        Corpus<TypesCorpus> c = CORPUS;
        List<Case> cases = new ArrayList<>();
        for (int n : new int[] {0, 1, 2}) {
            cases.add(c.task("liftedPrimitives", "" + n, t -> t.liftedPrimitives(n)));
            cases.add(c.task("liftedArrays", "" + n, t -> t.liftedArrays(n)));
            cases.add(c.task("liftedGenericsAndWildcards", "" + n, t -> t.liftedGenericsAndWildcards(n)));
            cases.add(c.task("varLocalsAcrossYields", "" + n, t -> t.varLocalsAcrossYields(n)));
            cases.add(c.task("varOverAnAwaitedWildcardIterable", "" + n, t -> t.varOverAnAwaitedWildcardIterable(n)));
            cases.add(c.task("tasksAsLiftedLocals", "" + n, t -> t.tasksAsLiftedLocals(n)));
            cases.add(c.task("callsOverloads", "" + n, t -> t.callsOverloads(n)));
            cases.add(c.task("localTypesAcrossYields", "" + n, t -> t.localTypesAcrossYields(n)));
            cases.add(c.task("localTypesInBlocks", "" + n, t -> t.localTypesInBlocks(n)));
            cases.add(c.task("localTypesWithVarAndSwitch", "" + n, t -> t.localTypesWithVarAndSwitch(n)));
            cases.add(c.task("localRecordInACaseGroup", "" + n, t -> t.localRecordInACaseGroup(n)));
            cases.add(c.task("throwsChecked", "" + n, t -> t.throwsChecked(n)));
            cases.add(c.task("callsThrowingCoroutines", "" + n, t -> t.callsThrowingCoroutines(n)));
            cases.add(c.task("parametersReassignedAfterYields", n + ", \"s\", [1], {5}",
                    t -> t.parametersReassignedAfterYields(n, "s", List.of(1), new int[] {5})));
        }
        cases.add(c.task("throwsGeneric", "0, CHECKED", t -> t.throwsGeneric(0, CHECKED)));
        cases.add(c.task("throwsGeneric", "1, CHECKED", t -> t.throwsGeneric(1, CHECKED), CHECKED));
        cases.add(c.task("maxOf", "[3, 9, 2]", t -> t.maxOf(List.of(3, 9, 2))));
        cases.add(c.task("maxOf", "[b, c, a]", t -> t.maxOf(List.of("b", "c", "a"))));
        cases.add(c.task("maxOf", "[]", t -> t.<String>maxOf(List.of())));
        cases.add(c.task("reversed", "{x, y, z}", t -> t.reversed(new String[] {"x", "y", "z"})));
        cases.add(c.task("reversed", "{}", t -> t.reversed(new Integer[0])));
        Map<String, Set<String>> groups = new TreeMap<>(Map.of("a", Set.of("a1", "a2"), "b", Set.of("b1")));
        cases.add(c.task("nestedTypeVariables", "{a=[a1, a2], b=[b1]}", t -> t.nestedTypeVariables(groups)));
        cases.add(c.task("size", "", TypesCorpus::size));
        cases.add(c.task("size", "\"abc\"", t -> t.size("abc")));
        cases.add(c.task("size", "[1, 2]", t -> t.size(List.of(1, 2))));
        cases.add(c.task("size", "new int[2], \"r\"", t -> t.size(new int[2], "r")));
        cases.add(c.task("size", "7L", t -> t.size(7L)));
        for (int n : new int[] {0, 1, 10}) {
            cases.add(c.task("sumTo", "" + n, t -> t.sumTo(n)));
        }
        for (int n : new int[] {0, 3, 8}) {
            cases.add(c.task("isEven", "" + n, t -> t.isEven(n)));
            cases.add(c.task("isOdd", "" + n, t -> t.isOdd(n)));
        }
        for (int n : new int[] {0, 1, 3}) {
            cases.add(c.task("hanoi", n + ", 'A', 'C', 'B'", t -> t.hanoi(n, 'A', 'C', 'B')));
        }
        cases.add(c.task("typeVariableParameterReassigned", "null, \"other\"",
                t -> t.typeVariableParameterReassigned(null, "other")));
        cases.add(c.task("typeVariableParameterReassigned", "1, 2", t -> t.typeVariableParameterReassigned(1, 2)));
        cases.add(c.task("intersectionBound", "3, 5", t -> t.intersectionBound(3, 5)));
        cases.add(c.task("intersectionBound", "2.5, 1.5", t -> t.intersectionBound(2.5, 1.5)));
        for (int n : new int[] {0, 2}) {
            cases.add(c.task("varOverAnAwaitedList", "" + n, t -> t.varOverAnAwaitedList(n)));
            cases.add(c.task("varOverAnAwaitedWildcardList", "" + n, t -> t.varOverAnAwaitedWildcardList(n)));
        }

        Corpus<GenericTypesCorpus<String, Integer>> g = new Corpus<>("GenericTypesCorpus<String, Integer>",
                GenericRecorder::new, GenericTypesCorpusCoroutines::of);
        List<String> keys = List.of("bb", "a", "ccc");
        cases.add(g.task("collect", "" + keys, t -> t.collect(keys)));
        cases.add(g.task("collect", "[]", t -> t.collect(List.of())));
        cases.add(g.task("fold", keys + ", \"\", concat", t -> t.fold(keys, "", (acc, v) -> acc + v)));
        cases.add(g.task("fold", keys + ", 0L, sum", t -> t.fold(keys, 0L, (acc, v) -> acc + v)));
        cases.add(g.task("maxKey", "" + keys, t -> t.maxKey(keys)));
        cases.add(g.task("maxKey", "[]", t -> t.maxKey(List.of())));
        cases.add(g.task("fillSink", keys + ", List<Object>", t -> t.fillSink(keys, new ArrayList<Object>(List.of("x")))));
        cases.add(g.generator("entries", "" + keys, t -> t.entries(keys)));
        cases.add(g.task("valuesViaTheGenerator", "" + keys, t -> t.valuesViaTheGenerator(keys)));

        Corpus<Holder.Inside> h = new Corpus<>("Holder.Inside", InsideRecorder::new, Holder_InsideCoroutines::of);
        for (int n : new int[] {0, 4}) {
            cases.add(h.task("inside", "" + n, t -> t.inside(n)));
        }
        return cases;
    }
}
