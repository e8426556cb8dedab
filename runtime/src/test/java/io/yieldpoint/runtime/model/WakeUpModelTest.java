package io.yieldpoint.runtime.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.runtime.internal.LoopInbox;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker on the loop's wake-up handshake, the {@link LoopInbox} that every event
 * loop uses: the test's thread plays the loop (drains the inbox, then sleeps), other threads submit
 * steps and wake the loop when {@code add} says it is asleep. If the handshake could lose a
 * wake-up, some interleaving would leave the loop asleep with a step waiting and nobody to wake
 * it, and the checker reports the hang.
 *
 * <p><b>The sleep.</b> The checker lets {@code LockSupport.park} return at any time (spurious
 * wake-ups are allowed), so a loop parked that way would find its step anyway and a lost wake-up
 * would go unseen. The loop here sleeps as a loop with sockets does, in a selector's
 * {@code select}: the stand-in ({@link Selector}) returns only after a {@code wakeup()}, and a
 * {@code wakeup()} that came first makes the next {@code select} return at once.
 *
 * <p>Checked by planting bugs, each reported as a hang within the CI's interleavings: a submitter
 * that reads {@code parked} before it adds its step (caught by the one-submitter test), and a loop
 * that looks at its inbox before it publishes {@code parked} (caught by both submitter tests), and,
 * in the short timed wait, a submitter that only wakes the selector (caught by that test). {@code -Dyieldpoint.stress.scale=N}
 * multiplies the interleavings explored (CI: 300 per test).
 */
public class WakeUpModelTest {

    private static int invocations() {
        return 300 * Integer.getInteger("yieldpoint.stress.scale", 1);
    }

    /** Another thread submits a step while the loop runs out of work and goes to sleep. */
    @Test
    void aStepSubmittedFromAnotherThreadWakesTheLoop() {
        Lincheck.runConcurrentTest(invocations(), () -> {
            LoopInbox inbox = new LoopInbox();
            Selector selector = new Selector();
            int[] ran = new int[1];
            Thread submitter = new Thread(() -> submit(inbox, selector, () -> ran[0]++));
            submitter.start();
            runLoopUntil(inbox, selector, () -> ran[0] == 1);
            join(submitter);
            assertEquals(1, ran[0], "the submitted step ran once");
        });
    }

    /** Two threads submit a step each while the loop runs out of work and goes to sleep. */
    @Test
    void stepsSubmittedFromOtherThreadsWakeTheLoop() {
        Lincheck.runConcurrentTest(invocations(), () -> {
            LoopInbox inbox = new LoopInbox();
            Selector selector = new Selector();
            int[] ran = new int[1];
            Thread first = new Thread(() -> submit(inbox, selector, () -> ran[0]++));
            Thread second = new Thread(() -> submit(inbox, selector, () -> ran[0]++));
            first.start();
            second.start();
            runLoopUntil(inbox, selector, () -> ran[0] == 2);
            join(first);
            join(second);
            assertEquals(2, ran[0], "each submitted step ran once");
        });
    }

    /**
     * The loop's short timed wait, as {@code IoSelector.select} does it for less than a millisecond:
     * a {@code selectNow()}, which consumes a pending selector wake-up, then a {@code parkNanos},
     * woken by {@code LockSupport.unpark}. {@code LoopCore.unpark} does both, so a submitter whose
     * selector wake-up the {@code selectNow} swallowed still ends the park. Modelled without the
     * timeout: a lost unpark would only have delayed the step by the wait, but it is reported here.
     */
    @Test
    void aStepSubmittedDuringAShortTimedWaitEndsIt() {
        Lincheck.runConcurrentTest(invocations(), () -> {
            LoopInbox inbox = new LoopInbox();
            Selector selector = new Selector();
            Selector parker = new Selector(); // a permit, as LockSupport's: unpark before park is kept
            int[] ran = new int[1];
            Thread submitter = new Thread(() -> {
                if (inbox.add(() -> ran[0]++)) { // LoopCore.execute, then unpark(): both wake-ups
                    selector.wakeup();
                    parker.wakeup();
                }
            });
            submitter.start();
            while (ran[0] < 1) {
                for (Runnable step; (step = inbox.poll()) != null; ) {
                    step.run();
                }
                if (ran[0] < 1) {
                    inbox.sleep(500_000, () -> ran[0] == 1, nanos -> {
                        selector.selectNow();
                        parker.select();
                    });
                }
            }
            join(submitter);
            assertEquals(1, ran[0]);
        });
    }

    /**
     * A condition the loop waits for (its main task done) is met on another thread, with nothing
     * submitted: {@code LoopCore.wakeUp} wakes the loop under the same handshake, with
     * {@code done} in the place of the inbox.
     */
    @Test
    void aConditionMetOnAnotherThreadWakesTheLoop() {
        Lincheck.runConcurrentTest(invocations(), () -> {
            LoopInbox inbox = new LoopInbox();
            Selector selector = new Selector();
            AtomicBoolean mainDone = new AtomicBoolean();
            Thread completer = new Thread(() -> {
                mainDone.set(true);
                if (inbox.isParked()) { // what LoopCore.wakeUp does
                    selector.wakeup();
                }
            });
            completer.start();
            runLoopUntil(inbox, selector, mainDone::get);
            join(completer);
            assertTrue(mainDone.get());
        });
    }

    /** The loop's turns, as {@code LoopCore.runUntil} runs them: what came in, then a sleep. */
    private static void runLoopUntil(LoopInbox inbox, Selector selector, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            for (Runnable step; (step = inbox.poll()) != null; ) {
                step.run();
            }
            if (!done.getAsBoolean()) {
                inbox.sleep(-1, done, nanos -> selector.select());
            }
        }
    }

    /** What {@code LoopCore.execute} does from another thread. */
    private static void submit(LoopInbox inbox, Selector selector, Runnable step) {
        if (inbox.add(step)) {
            selector.wakeup();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A selector with no channels: {@code select} returns once woken, as {@code Selector}'s does. */
    static final class Selector {
        private final Semaphore wakeups = new Semaphore(0);

        void select() {
            wakeups.acquireUninterruptibly();
            wakeups.drainPermits(); // one return for all the wake-ups that came before it
        }

        void wakeup() {
            wakeups.release();
        }

        /** Returns at once, consuming the wake-ups that came before it. */
        void selectNow() {
            wakeups.drainPermits();
        }
    }
}
