package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Generator;
import io.yieldpoint.runtime.machine.GeneratorMachine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link GeneratorMachine}: lazy, one step per element, restartable, exceptions as they are. */
class GeneratorMachineTest {

    /**
     * Hand-written as the processor would generate it for:
     * <pre>{@code
     * @Coroutine default Generator<Integer> countTo(int n, Exception failure) throws Exception {
     *     trace("begin");
     *     for (int i = 1; i <= n; i++) {
     *         trace("emit " + i);
     *         emit(i);
     *     }
     *     if (failure != null) throw failure;
     *     trace("end");
     *     return end();
     * }
     * }</pre>
     */
    static final class CountTo extends GeneratorMachine<Integer> {
        private final int n;
        private final Exception failure;
        private final List<String> trace;
        private int i;

        CountTo(int n, Exception failure, List<String> trace) {
            this.n = n;
            this.failure = failure;
            this.trace = trace;
        }

        @Override
        protected void step() throws Exception {
            for (;;) {
                switch (label) {
                    case 0:
                        trace.add("begin");
                        i = 1;
                        label = 1;
                        continue;
                    case 1:
                        if (i > n) {
                            if (failure != null) {
                                throw failure;
                            }
                            trace.add("end");
                            finish();
                            return;
                        }
                        trace.add("emit " + i);
                        emitValue(i, 2);
                        return;
                    case 2:
                        i++;
                        label = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }

        @Override
        protected GeneratorMachine<Integer> restart() {
            return new CountTo(n, failure, trace);
        }
    }

    /** {@code for (long i = 0; ; i++) emit(i);} — never ends. */
    static final class Naturals extends GeneratorMachine<Long> {
        private long i;
        int steps;

        @Override
        protected void step() {
            steps++;
            if (label == 1) {
                i++;
            }
            emitValue(i, 1);
        }

        @Override
        protected GeneratorMachine<Long> restart() {
            return new Naturals();
        }
    }

    private final List<String> trace = new ArrayList<>();

    private static <T> List<T> list(Iterable<T> values) {
        List<T> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    @Test
    void theBodyRunsLazilyOneStepPerElement() {
        Generator<Integer> g = new CountTo(3, null, trace);
        Iterator<Integer> it = g.iterator();
        assertEquals(List.of(), trace, "nothing runs until a value is asked for");

        assertTrue(it.hasNext());
        assertEquals(List.of("begin", "emit 1"), trace);
        assertEquals(1, it.next());
        assertEquals(List.of("begin", "emit 1"), trace, "next() hands over the buffered value");

        assertTrue(it.hasNext());
        assertEquals(2, it.next());
        assertTrue(it.hasNext());
        assertEquals(3, it.next());
        assertEquals(List.of("begin", "emit 1", "emit 2", "emit 3"), trace);

        assertFalse(it.hasNext());
        assertEquals(List.of("begin", "emit 1", "emit 2", "emit 3", "end"), trace);
        assertFalse(it.hasNext(), "an ended generator stays ended");
        assertEquals(5, trace.size(), "and its body does not run again");
    }

    @Test
    void theBodyInterleavesWithTheConsumer() {
        for (int v : new CountTo(3, null, trace)) {
            trace.add("got " + v);
        }
        assertEquals(List.of("begin", "emit 1", "got 1", "emit 2", "got 2", "emit 3", "got 3", "end"), trace);
    }

    @Test
    void hasNextTwiceRunsOneStep() {
        Iterator<Integer> it = new CountTo(2, null, trace).iterator();
        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals(List.of("begin", "emit 1"), trace);
        assertEquals(1, it.next());
    }

    @Test
    void nextWithoutHasNextWorksAndPastTheEndThrows() {
        Iterator<Integer> it = new CountTo(2, null, trace).iterator();
        assertEquals(1, it.next());
        assertEquals(2, it.next());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void anEmptyGeneratorEndsAtOnce() {
        assertEquals(List.of(), list(new CountTo(0, null, trace)));
        assertEquals(List.of("begin", "end"), trace);
    }

    @Test
    void iteratingTwiceRestartsTheBody() {
        CountTo g = new CountTo(2, null, trace);
        Iterator<Integer> first = g.iterator();
        assertSame(g, first, "the first iterator is the machine itself");
        Iterator<Integer> second = g.iterator();
        assertNotSame(first, second);

        assertEquals(List.of(1, 2), list(() -> first));
        assertEquals(List.of(1, 2), list(() -> second));
        assertEquals(List.of(1, 2), list(g), "a third pass starts afresh too");
        assertEquals(3, trace.stream().filter("begin"::equals).count());
    }

    @Test
    void twoIteratorsAreIndependent() {
        CountTo g = new CountTo(3, null, new ArrayList<>());
        Iterator<Integer> a = g.iterator();
        Iterator<Integer> b = g.iterator();
        assertEquals(1, a.next());
        assertEquals(2, a.next());
        assertEquals(1, b.next());
        assertEquals(3, a.next());
        assertEquals(2, b.next());
        assertFalse(a.hasNext());
        assertTrue(b.hasNext());
    }

    @Test
    void anExceptionFromTheBodySurfacesFromHasNextAsTheSameInstance() {
        IOException boom = new IOException("from the body");
        Iterator<Integer> it = new CountTo(2, boom, trace).iterator();
        assertEquals(1, it.next());
        assertEquals(2, it.next());

        Throwable thrown = assertThrows(Throwable.class, it::hasNext);
        assertSame(boom, thrown, "the checked exception as it is, not wrapped");
        assertFalse(it.hasNext(), "a generator that threw has ended");
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void anExceptionInTheFirstStepSurfacesFromNextToo() {
        IllegalStateException boom = new IllegalStateException("at once");
        Iterator<Integer> it = new CountTo(0, boom, trace).iterator();
        assertSame(boom, assertThrows(IllegalStateException.class, it::next));
    }

    @Test
    void anExceptionSurfacesFromAForEachLoop() {
        IOException boom = new IOException("loop");
        List<Integer> got = new ArrayList<>();
        Throwable thrown = assertThrows(Throwable.class, () -> {
            for (int v : new CountTo(3, boom, trace)) {
                got.add(v);
            }
        });
        assertSame(boom, thrown);
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void closeStopsTheGenerator() {
        CountTo g = new CountTo(5, null, trace);
        Iterator<Integer> it = g.iterator();
        assertEquals(1, it.next());
        g.close();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(List.of("begin", "emit 1"), trace, "the body did not run again");
    }

    @Test
    void closeDropsABufferedValue() {
        CountTo g = new CountTo(5, null, trace);
        assertTrue(g.iterator().hasNext()); // 1 is buffered
        g.close();
        assertFalse(g.hasNext());
    }

    @Test
    void streamIsLazyAndClosingItStopsTheGenerator() {
        CountTo g = new CountTo(100, null, trace);
        List<Integer> firstTwo;
        try (Stream<Integer> s = g.stream()) {
            firstTwo = s.limit(2).collect(Collectors.toList());
        }
        assertEquals(List.of(1, 2), firstTwo);
        assertFalse(trace.contains("emit 3"), "only what the stream asked for ran: " + trace);
        assertFalse(g.hasNext(), "closing the stream closed the generator");
    }

    @Test
    void streamGivesEveryValueInOrder() {
        assertEquals(List.of(2, 4, 6), new CountTo(3, null, trace).stream().map(x -> x * 2)
                .collect(Collectors.toList()));
    }

    @Test
    void anEndlessGeneratorIsFineWhenConsumedLazily() {
        Naturals g = new Naturals();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), g.stream().limit(5).collect(Collectors.toList()));
        assertEquals(5, g.steps);
    }

    @Test
    void nullValuesAreEmitted() {
        GeneratorMachine<String> g = new GeneratorMachine<>() {
            @Override
            protected void step() {
                switch (label) {
                    case 0 -> emitValue(null, 1);
                    case 1 -> emitValue("x", 2);
                    default -> finish();
                }
            }

            @Override
            protected GeneratorMachine<String> restart() {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(Arrays.asList(null, "x"), list(g));
    }

    @Test
    void aStepThatNeitherEmitsNorEndsIsABug() {
        GeneratorMachine<String> broken = new GeneratorMachine<>() {
            @Override
            protected void step() {
                // forgets to emitValue or finish
            }

            @Override
            protected GeneratorMachine<String> restart() {
                return this;
            }
        };
        assertThrows(IllegalStateException.class, broken::hasNext);
    }
}
