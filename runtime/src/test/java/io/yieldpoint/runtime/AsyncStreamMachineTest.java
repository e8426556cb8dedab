package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.AsyncStreamMachine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link AsyncStreamMachine} with a machine written by hand as the processor
 * writes them, driven through its cursor from a plain thread (each step runs inline or on the
 * default pool; the tests join what they await).
 */
class AsyncStreamMachineTest {

    /**
     * <pre>
     * AsyncStream&lt;Integer&gt; counter(int n, Task&lt;Void&gt; gate) {
     *     try {
     *         for (int i = 0; i &lt; n; i++) { emit(i); }
     *     } finally {
     *         log("cleanup"); await(gate); log("cleaned");
     *     }
     *     log("end"); return end();
     * }
     * </pre>
     */
    static final class Counter extends AsyncStreamMachine<Integer> {
        final int n;
        final Task<Void> gate;
        final List<String> log;
        final Promise<Void> cleanupStarted = new Promise<>();
        int i;
        Throwable thrown;
        boolean failed;

        Counter(int n, Task<Void> gate, List<String> log) {
            this.n = n;
            this.gate = gate;
            this.log = log;
        }

        @Override
        protected boolean step() throws Throwable {
            for (;;) {
                try {
                    switch (label) {
                        case 0:
                            i = 0;
                            label = 1;
                            // fall through
                        case 1:
                            if (i >= n) {
                                label = 3;
                                continue;
                            }
                            if (emitValue(i, 2)) {
                                return SUSPENDED;
                            }
                            // fall through
                        case 2:
                            awaitResult();
                            i++;
                            label = 1;
                            continue;
                        case 3: // finally
                            log.add("cleanup");
                            cleanupStarted.complete(null);
                            if (suspendOn(gate, 4)) {
                                return SUSPENDED;
                            }
                            // fall through
                        case 4:
                            awaitResult();
                            log.add("cleaned");
                            if (failed) {
                                throw thrown;
                            }
                            log.add("end");
                            returnValue(null);
                            return RETURNED;
                        default:
                            throw new IllegalStateException("no state " + label);
                    }
                } catch (Throwable t) {
                    if (label == 1 || label == 2) {
                        failed = true;
                        thrown = t;
                        label = 3;
                        continue;
                    }
                    throw t;
                }
            }
        }

        @Override
        protected AsyncStreamMachine<Integer> restart() {
            return new Counter(n, gate, log);
        }
    }

    /** Written by the producer's steps, which after the first run on the default pool. */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void valuesComeOneNextAtATimeThenTheEnd() {
        AsyncStream.Cursor<Integer> c = new Counter(2, Task.completed(null), log).open();
        assertTrue(c.next().join());
        assertEquals(0, c.current());
        assertEquals(List.of(), log, "suspended at its first emit");
        assertTrue(c.next().join());
        assertEquals(1, c.current());
        assertFalse(c.next().join());
        assertEquals(List.of("cleanup", "cleaned", "end"), log);
        assertFalse(c.next().join(), "after the end, the end again");
        c.close().join();
    }

    @Test
    void closingAtAnEmitRunsTheFinallyWhoseAwaitWaits() {
        Promise<Void> gate = new Promise<>();
        Counter counter = new Counter(10, gate, log);
        AsyncStream.Cursor<Integer> c = counter.open();
        assertTrue(c.next().join());
        Task<Void> closed = c.close();
        counter.cleanupStarted.join(); // the producer resumes on the pool, with the signal at its emit
        assertEquals(List.of("cleanup"), log);
        assertFalse(closed.isDone(), "the close waits for the producer's cleanup");
        gate.complete(null);
        closed.join();
        assertEquals(List.of("cleanup", "cleaned"), log, "the signal ended the body, not a return");
        assertSame(closed, c.close(), "close is idempotent");
        assertThrows(IllegalStateException.class, c::next);
    }

    @Test
    void closingBeforeTheFirstNextRunsNothing() {
        AsyncStream.Cursor<Integer> c = new Counter(3, Task.completed(null), log).open();
        c.close().join();
        assertEquals(List.of(), log);
    }

    @Test
    void everyOpenAfterTheFirstIsAFreshRun() {
        Counter stream = new Counter(1, Task.completed(null), log);
        AsyncStream.Cursor<Integer> first = stream.open();
        AsyncStream.Cursor<Integer> second = stream.open();
        assertSame(stream, first);
        assertTrue(second != first);
        assertEquals(List.of(0), stream.toList().join().subList(0, 1));
    }

    @Test
    void aSecondNextBeforeTheFirstCompletedIsRefused() {
        Promise<Void> gate = new Promise<>();
        AsyncStream.Cursor<Integer> c = new Counter(0, gate, log).open();
        Task<Boolean> pending = c.next(); // the body waits in its finally for the gate
        assertFalse(pending.isDone());
        assertThrows(IllegalStateException.class, c::next);
        gate.complete(null);
        assertFalse(pending.join());
    }
}
