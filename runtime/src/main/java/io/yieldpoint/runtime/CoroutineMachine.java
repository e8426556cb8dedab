package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.core.AbstractTask;
import io.yieldpoint.core.Continuation;
import io.yieldpoint.core.Dispatcher;
import io.yieldpoint.core.Dispatchers;
import io.yieldpoint.core.Exceptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The base class of every generated {@code Task} state machine: one object per coroutine call,
 * which is at once the coroutine's task, the continuation it registers on what it awaits, and
 * the step its dispatcher runs.
 *
 * <h2>How a generated machine uses it</h2>
 * The generated {@link #step()} is a {@code switch (label)} in a loop. At an {@code await} it calls
 * {@link #suspendOn(Task, int)} with the label to resume at; a {@code true} answer means "suspended,
 * return now". A {@code false} answer is the fast path: the task had already completed, nothing was
 * registered or allocated, and the machine falls through to the resume label, where
 * {@link #awaitResult()} reads the value (or rethrows the exception, the same instance).
 * {@code return done(v)} becomes {@link #returnValue}, and {@code return otherTask} becomes
 * {@link #returnTask}; either completes the task when {@code step()} has returned, so that the
 * finally blocks it leaves run first (and, if one throws, the task fails instead).
 *
 * <h2>States</h2>
 * <table>
 *   <caption>coroutine states</caption>
 *   <tr><th>state</th><th>meaning</th><th>leaves by</th></tr>
 *   <tr><td>running</td><td>{@code step()} runs on the dispatcher's thread</td>
 *       <td>suspending, returning, throwing</td></tr>
 *   <tr><td>suspended</td><td>{@code awaited} is set and this machine is registered on it</td>
 *       <td>the awaited task completes: the machine is handed to its dispatcher</td></tr>
 *   <tr><td>done</td><td>the task has an outcome</td><td>-</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * The first step runs on the thread that called the coroutine; every later step runs on the
 * {@link Dispatcher} that was current then (the event loop, or the default pool for a plain
 * thread). Steps of one machine never overlap: a machine is registered on at most one task at a
 * time and is dispatched only by that task's completion.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} completes the task at once with a {@code CancellationException} and cancels what
 * the machine awaits; the machine then resumes and the exception is thrown at its yield point, so
 * the body unwinds. A machine cancelled while running notices at its next yield point.
 *
 * @param <T> the coroutine's value type
 */
public abstract class CoroutineMachine<T> extends AbstractTask<T> implements Runnable, Continuation {

    /** Where {@link #step()} resumes; 0 is the start of the body. */
    protected int label;

    /** {@link #label} once the body has returned; {@code awaited} then holds what it returned. */
    private static final int RETURNED_VALUE = -1;
    private static final int RETURNED_TASK = -2;

    /**
     * The task or future this machine is suspended on, or whose result it is about to read.
     * Written with a volatile store when the machine suspends (so that {@link #cancel()} on
     * another thread sees it), plainly on the fast path, where nothing can be left to call off.
     */
    private Object awaited;

    private static final VarHandle AWAITED;

    static {
        try {
            AWAITED = MethodHandles.lookup().findVarHandle(CoroutineMachine.class, "awaited", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where this machine resumes; set when it starts. */
    private Dispatcher dispatcher;

    protected CoroutineMachine() {}

    /**
     * Runs the body from the start: one step on the calling thread, up to its first suspension.
     * Called once, by the generated method.
     */
    public final Task<T> start() {
        dispatcher = Dispatchers.current();
        run();
        return this;
    }

    /** Runs one step: the body from {@link #label} to its next suspension or its end. */
    @Override
    public final void run() {
        try {
            step();
        } catch (Throwable t) {
            label = 0;
            awaited = null;
            completeExceptionally(t);
            return;
        }
        // A return completes the task only now, after every finally block on the way out of step()
        // has run (and could still have thrown).
        if (label == RETURNED_VALUE) {
            @SuppressWarnings("unchecked")
            T value = (T) awaited;
            awaited = null;
            completeValue(value);
        } else if (label == RETURNED_TASK) {
            AbstractTask<?> task = (AbstractTask<?>) awaited;
            AWAITED.setVolatile(this, task);
            task.whenComplete(done -> completeFrom(done));
            if (isCancelled()) {
                task.cancel(); // as in suspendOn: a cancel() that missed `awaited`
            }
        }
    }

    /**
     * The body of the coroutine as a state machine. Returns when the machine suspends or
     * completes; an exception thrown out of it fails the task.
     */
    protected abstract void step() throws Throwable;

    /** The awaited task completed: hand this machine to its dispatcher. */
    @Override
    public final void onComplete(AbstractTask<?> completed) {
        dispatcher.execute(this);
    }

    /**
     * The yield point of {@code await(task)}: remembers the task and the label to resume at.
     *
     * @return true if the machine suspended (the caller must return), false if the task had
     *     already completed (the caller goes on to {@code resumeLabel} at once)
     */
    protected final boolean suspendOn(Task<?> task, int resumeLabel) {
        checkNotCancelled();
        AbstractTask<?> core = AbstractTask.of(task);
        label = resumeLabel;
        if (core.isDone()) {
            awaited = core;
            return false;
        }
        AWAITED.setVolatile(this, core);
        core.whenComplete(this);
        if (isCancelled()) {
            core.cancel(); // a cancel() that ran before `awaited` was set could not reach the task
        }
        return true;
    }

    /** The yield point of {@code await(stage)} for a {@code CompletionStage}. */
    protected final boolean suspendOn(CompletionStage<?> stage, int resumeLabel) {
        checkNotCancelled();
        CompletableFuture<?> future = stage.toCompletableFuture();
        label = resumeLabel;
        if (future.isDone()) {
            awaited = future;
            return false;
        }
        AWAITED.setVolatile(this, future);
        future.whenComplete((v, e) -> dispatcher.execute(this));
        if (isCancelled()) {
            future.cancel(false); // as above: a cancel() that missed `awaited`
        }
        return true;
    }

    private void checkNotCancelled() {
        if (isCancelled()) {
            throw new CancellationException("the coroutine was cancelled");
        }
    }

    /**
     * The value of the task this machine resumed from; rethrows its exception as it is. Called
     * once, right after the resume label.
     */
    @SuppressWarnings("unchecked")
    protected final <R> R awaitResult() {
        Object a = awaited;
        awaited = null;
        // Cancelled while suspended, the awaited task was cancelled too: its CancellationException
        // is thrown here and the body unwinds from its yield point.
        if (a instanceof AbstractTask<?> t) {
            return (R) t.resultNow();
        }
        CompletableFuture<?> f = (CompletableFuture<?>) a;
        try {
            return (R) f.join();
        } catch (RuntimeException e) {
            throw Exceptions.rethrow(Exceptions.unwrap(e));
        }
    }

    // The value of an await assigned to a primitive: Java unboxes, then widens (an Integer task
    // assigned to a long). Inferring awaitResult() from a primitive target would cast to the
    // target's box instead (Long) and fail, so each primitive target has its reader.
    // awaitResult() is generic, hence the Object-typed call.

    /** {@link #awaitResult()} for an {@code int} target. */
    protected final int awaitInt() {
        return MachineSupport.toInt(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code long} target. */
    protected final long awaitLong() {
        return MachineSupport.toLong(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code float} target. */
    protected final float awaitFloat() {
        return MachineSupport.toFloat(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code double} target. */
    protected final double awaitDouble() {
        return MachineSupport.toDouble(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code short} target. */
    protected final short awaitShort() {
        return MachineSupport.toShort(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code byte} target. */
    protected final byte awaitByte() {
        return MachineSupport.toByte(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code char} target. */
    protected final char awaitChar() {
        return MachineSupport.toChar(awaitResult());
    }

    /** {@link #awaitResult()} for a {@code boolean} target. */
    protected final boolean awaitBoolean() {
        return MachineSupport.toBoolean(awaitResult());
    }

    // ---------------------------------------------------------------- values kept across a suspension

    // The processor reads bodies before javac types them, so a value of an expression that must be
    // kept across a suspension ("spilled") is stored in an Object field. It is read back through
    // typed(spill, () -> expression): the lambda is never run; overload resolution on its result
    // type gives the read the expression's exact static type, primitive types included (the most
    // specific functional interface wins, JLS 15.12.2.5), so the code around it compiles and
    // behaves as the original did.

    /** The static type of a value: never called, only resolved by javac. */
    @FunctionalInterface
    protected interface Witness<V> {
        V type() throws Throwable;
    }

    @FunctionalInterface
    protected interface IntWitness {
        int type() throws Throwable;
    }

    @FunctionalInterface
    protected interface LongWitness {
        long type() throws Throwable;
    }

    @FunctionalInterface
    protected interface DoubleWitness {
        double type() throws Throwable;
    }

    @FunctionalInterface
    protected interface FloatWitness {
        float type() throws Throwable;
    }

    @FunctionalInterface
    protected interface ShortWitness {
        short type() throws Throwable;
    }

    @FunctionalInterface
    protected interface ByteWitness {
        byte type() throws Throwable;
    }

    @FunctionalInterface
    protected interface CharWitness {
        char type() throws Throwable;
    }

    @FunctionalInterface
    protected interface BooleanWitness {
        boolean type() throws Throwable;
    }

    /** {@code value}, as the type of the witness's expression. */
    @SuppressWarnings("unchecked")
    protected static <V> V typed(Object value, Witness<V> witness) {
        return (V) value;
    }

    protected static int typed(Object value, IntWitness witness) {
        return MachineSupport.toInt(value);
    }

    protected static long typed(Object value, LongWitness witness) {
        return MachineSupport.toLong(value);
    }

    protected static double typed(Object value, DoubleWitness witness) {
        return MachineSupport.toDouble(value);
    }

    protected static float typed(Object value, FloatWitness witness) {
        return MachineSupport.toFloat(value);
    }

    protected static short typed(Object value, ShortWitness witness) {
        return MachineSupport.toShort(value);
    }

    protected static byte typed(Object value, ByteWitness witness) {
        return MachineSupport.toByte(value);
    }

    protected static char typed(Object value, CharWitness witness) {
        return MachineSupport.toChar(value);
    }

    protected static boolean typed(Object value, BooleanWitness witness) {
        return MachineSupport.toBoolean(value);
    }

    /**
     * {@code return done(value);}: the coroutine completes with {@code value} once {@code step()}
     * has returned, after the finally blocks it leaves.
     */
    protected final void returnValue(T value) {
        awaited = value;
        label = RETURNED_VALUE;
    }

    /**
     * {@code return task;} where the returned expression is another task: this coroutine completes
     * as that task does, without a further step.
     */
    protected final void returnTask(Task<? extends T> task) {
        awaited = AbstractTask.of(task);
        label = RETURNED_TASK;
    }

    @Override
    protected void onCancel() {
        // Pairs with the volatile store in suspendOn/returnTask and their isCancelled() re-check:
        // whichever of cancel() and the suspension comes second sees the other, so the awaited
        // task is always cancelled.
        if (label == RETURNED_VALUE) {
            return; // `awaited` holds the value being returned, nothing awaited
        }
        Object a = AWAITED.getVolatile(this);
        if (a instanceof AbstractTask<?> t) {
            t.cancel();
        } else if (a instanceof CompletableFuture<?> f) {
            f.cancel(false);
        }
    }
}
