package io.yieldpoint.runtime.model;

import io.yieldpoint.internal.AbstractTask;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: a task that completes only after it has unwound (a coroutine, a combinator) under
 * cancellation, completion by its body and waiter registration from several threads. Whatever the
 * interleaving: a cancellation, once it took effect, decides the outcome (the body's later value or
 * failure turns into it); the task is never done before its body completes it; every registered
 * waiter runs exactly once, after the outcome is final.
 */
public class CancellingTaskModelTest {

    /** A task whose body completes it: like a coroutine's, it stays cancelling until then. */
    static final class Unwinding extends AbstractTask<Integer> {
        @Override
        protected boolean completesAfterUnwinding() {
            return true;
        }

        boolean finish(int value) {
            return completeValue(value);
        }

        boolean fail() {
            return completeExceptionally(new IllegalArgumentException("failed"));
        }
    }

    private final Unwinding task = new Unwinding();
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger woken = new AtomicInteger();
    private final AtomicInteger wokenEarly = new AtomicInteger();

    @Operation
    public boolean cancel() {
        return task.cancel();
    }

    @Operation
    public boolean bodyReturns(int value) {
        return task.finish(value);
    }

    @Operation
    public boolean bodyThrows() {
        return task.fail();
    }

    @Operation
    public void await() {
        registered.incrementAndGet();
        task.whenComplete(t -> {
            if (!t.isDone()) {
                wokenEarly.incrementAndGet();
            }
            woken.incrementAndGet();
        });
    }

    @Operation
    public String state() {
        if (!task.isDone()) {
            return task.isCancelled() ? "cancelling" : "pending";
        }
        try {
            return "value " + task.resultNow();
        } catch (CancellationException e) {
            return "cancelled";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** After every scenario: each waiter ran once if the task is done, none ran before it was. */
    @Validate
    public void waitersRanOnceAndOnlyWhenDone() {
        int expected = task.isDone() ? registered.get() : 0;
        if (woken.get() != expected || wokenEarly.get() != 0) {
            throw new IllegalStateException("registered " + registered + ", woken " + woken + ", early " + wokenEarly
                    + ", task " + task);
        }
    }

    @Test
    void modelCheck() {
        Models.options().check(getClass());
    }
}
