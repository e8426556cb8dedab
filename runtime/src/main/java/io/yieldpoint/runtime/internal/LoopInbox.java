package io.yieldpoint.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An event loop's inbox: the steps other threads submit to it, and the handshake that wakes the
 * loop when it sleeps. It is the one place where the loop's thread and other threads meet, and it
 * is small on purpose, so that a model checker can explore its every interleaving
 * ({@code WakeUpModelTest}) on the very code the loop runs.
 *
 * <h2>The handshake</h2>
 * A loop with nothing to do must sleep, and a step submitted meanwhile must wake it; a wake-up for
 * a loop that is not asleep costs a system call, so submitters wake it only when it says it is
 * asleep. Two volatile writes, each followed by a read of the other's, make that safe:
 * <table>
 *   <caption>who writes, then reads what</caption>
 *   <tr><th>thread</th><th>writes</th><th>then reads</th><th>and</th></tr>
 *   <tr><td>the loop, in {@link #sleep}</td><td>{@code parked = true}</td><td>the queue</td>
 *       <td>sleeps only if the queue is empty (and {@code done} is false)</td></tr>
 *   <tr><td>a submitter, in {@link #add}</td><td>its step into the queue</td><td>{@code parked}</td>
 *       <td>wakes the loop if it is true</td></tr>
 * </table>
 * Both are sequentially consistent (volatile and the queue's CAS), so in any interleaving one of the
 * two sees the other's write: either the loop finds the step and does not sleep, or the submitter
 * finds the loop parked and wakes it. A loop that is woken just after it stopped sleeping of its
 * own accord finds a wake-up pending, which only makes its next sleep return at once.
 *
 * <h2>Threads</h2>
 * {@link #add}, {@link #isEmpty}, {@link #size} and {@link #isParked} from any thread;
 * {@link #poll} and {@link #sleep} from the loop's thread only.
 */
public final class LoopInbox {

    /** How the loop sleeps: until woken, or for {@code nanos} at most (forever if negative). */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps; a wake-up that came before the call makes it return at once. */
        void sleep(long nanos);
    }

    private final ConcurrentLinkedQueue<Runnable> steps = new ConcurrentLinkedQueue<>();
    private volatile boolean parked;

    /**
     * Adds {@code step} for the loop. Any thread; returns whether the loop is asleep (or about to
     * sleep), in which case the caller must wake it.
     */
    public boolean add(Runnable step) {
        steps.add(step);
        return parked;
    }

    /**
     * Sleeps through {@code sleeper} for up to {@code nanos}, unless a step is waiting or
     * {@code done} already holds (the last look, after {@code parked} is published). Loop thread only.
     */
    public void sleep(long nanos, BooleanSupplier done, Sleeper sleeper) {
        parked = true;
        try {
            if (!steps.isEmpty() || done.getAsBoolean()) {
                return;
            }
            sleeper.sleep(nanos);
        } finally {
            parked = false;
        }
    }

    /** The next step submitted, or null. Loop thread only. */
    public @Nullable Runnable poll() {
        return steps.poll();
    }

    /** Whether no step is waiting. Any thread. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The steps waiting (a count that walks the queue). Any thread. */
    public int size() {
        return steps.size();
    }

    /** Whether the loop is asleep, or about to sleep, in {@link #sleep}. Any thread. */
    public boolean isParked() {
        return parked;
    }
}
