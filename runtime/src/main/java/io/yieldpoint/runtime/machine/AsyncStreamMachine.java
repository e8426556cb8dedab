package io.yieldpoint.runtime.machine;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CompletedByTurn;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.internal.StreamOps;
import io.yieldpoint.internal.TaskOwner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The base class of every generated {@code AsyncStream} state machine: a coroutine (it awaits as
 * any {@link CoroutineMachine} does, and is its own {@code Task<Void>}) that is also the stream
 * and the cursor of its first run.
 *
 * <h2>How it works</h2>
 * The stream is cold: the generated method only makes the machine. The consumer's first
 * {@link #next()} starts the body on the calling thread; later ones resume it. At an
 * {@code emit(v)} the generated code calls {@link #emitValue}: the value becomes
 * {@link #current()}, the machine suspends on a fresh <em>demand</em> promise, and the consumer's
 * pending {@code next()} completes with true. The consumer's next {@code next()} completes the
 * demand, which hands the machine to its dispatcher like any completed await; so the producer
 * runs only while the consumer waits for a value: one element in flight, no buffer. The end of
 * the body completes the pending {@code next()} with false, or with the body's exception.
 *
 * <p>Why a promise per element rather than a resume method of its own: everything a suspension
 * needs (confinement to its loop, cancellation of what is awaited, dumps that show the coroutine
 * waiting for its consumer, virtual time) then works unchanged. It costs two small allocations
 * per element (the demand and the consumer's {@code next()} task).
 *
 * <p>The demand is {@link CompletedByTurn}: when the consumer asks on the producer's own event
 * loop (the common case: a coroutine reading a stream it opened), completing it runs the producer
 * at once, nested in the consumer's call, up to its next {@code emit}, which completes the
 * {@code next()} task before {@code next()} returns; the consumer's await then takes the fast
 * path. So a value costs no trip through the loop's queue, where a hop per side would be two.
 * The nesting is the one a coroutine's first step already has inside its caller's step (contexts
 * and hooks are saved and restored around each step). A close or a cancellation completes the
 * demand exceptionally, which always goes through the loop.
 *
 * <h2>Closing</h2>
 * {@link #close()} (which the lowered for-each loop calls on every way out) stops the producer:
 * <ul>
 *   <li>suspended at an {@code emit}: the demand fails with the {@code Closed} signal, thrown at
 *       that {@code emit}, and the body unwinds through its finally blocks, which may await
 *       normally (the producer is not cancelled: it was asked to stop, as a generator is);</li>
 *   <li>running toward its next {@code emit} (the consumer was cancelled while it waited for a
 *       value): the producer is cancelled, and its finally blocks run as a cancelled coroutine's
 *       do;</li>
 *   <li>not started, or ended: nothing to do.</li>
 * </ul>
 * The task {@code close()} returns completes when the body has ended, so the consumer resumes
 * after the producer's cleanup. A failure of that cleanup (other than the signal or a
 * cancellation) fails the close task, unless the consumer already received it from
 * {@code next()}.
 *
 * <h2>Threads</h2>
 * One consumer drives a cursor, one call at a time (the {@link AsyncStream.Cursor} contract). The
 * consumer's calls and the producer's steps are ordered by the two promises: {@code current} and
 * {@code pendingNext} are written by one side before it completes the promise the other side
 * waits for. {@code demand} alone is taken by whichever of {@code next()}, {@code close()} and a
 * concurrent shutdown comes first (a get-and-set).
 *
 * @param <T> the type of the values
 */
public abstract class AsyncStreamMachine<T extends @Nullable Object> extends CoroutineMachine<Void>
        implements AsyncStream<T>, AsyncStream.Cursor<T> {

    private boolean handedOut;
    private boolean started;
    private boolean failureDelivered;
    private @Nullable T current;
    private @Nullable Promise<Boolean> pendingNext;
    @SuppressWarnings("UnusedVariable") // read through DEMAND
    private volatile @Nullable Promise<Void> demand;
    /** Set by the first {@code close()}; read by the producer's {@code emit}, on its own thread. */
    private volatile @Nullable Promise<Void> closed;

    protected AsyncStreamMachine() {}

    /** A new machine for the same call, to run the stream again from the start. */
    protected abstract AsyncStreamMachine<T> restart();

    @Override
    public final Cursor<T> open() {
        if (!handedOut) {
            handedOut = true;
            return this;
        }
        AsyncStreamMachine<T> again = restart();
        again.handedOut = true;
        return again;
    }

    @Override
    public final Task<Boolean> next() {
        if (closed != null) {
            throw new IllegalStateException("next() on a closed stream");
        }
        if (!started) {
            started = true;
            Promise<Boolean> first = new Promise<>(); // shared: the first step may move the machine off its loop
            pendingNext = first;
            whenEnded(late -> bodyEnded());
            start();
            return first;
        }
        if (hasEnded()) {
            return StreamOps.completed(false);
        }
        Promise<Void> d = takeDemand();
        if (d == null) {
            throw new IllegalStateException("next() while the previous next() has not completed");
        }
        Promise<Boolean> p = new Confined<>(confinedTo());
        pendingNext = p;
        d.complete(null); // the producer resumes after its emit
        return p;
    }

    @Override
    @SuppressWarnings("NullAway") // the value the last emit made current: a T, or a null emitted as one
    public final T current() {
        return current;
    }

    @Override
    public final Task<Void> close() {
        Promise<Void> c = closed;
        if (c != null) {
            return c;
        }
        c = new Promise<>();
        closed = c;
        if (!started) {
            started = true;
            c.complete(null);
            return c;
        }
        Promise<Void> result = c;
        whenEnded(late -> {
            settleClose(result);
            return false;
        });
        Promise<Void> d = takeDemand();
        if (d != null) {
            d.fail(Closed.SIGNAL); // thrown at the pending emit: the body unwinds
        } else if (!hasEnded()) {
            cancel(); // running toward its next emit, for a consumer that no longer waits
        }
        return c;
    }

    /**
     * {@code emit(value)}: makes {@code value} current, suspends until the consumer asks for more
     * (or closes the stream), and completes the consumer's pending {@code next()} with true. The
     * generated code then reads {@code awaitResult()} at {@code resumeLabel}, which throws the
     * {@code Closed} signal if the stream was closed meanwhile.
     *
     * @return true if the machine suspended (the caller returns {@code SUSPENDED})
     */
    @SuppressWarnings("unchecked") // the value reaches the consumer unchecked, as in the blocking reading
    protected final boolean emitValue(@Nullable Object value, int resumeLabel) {
        if (closed != null) {
            throw Closed.SIGNAL; // emitted while unwinding from a close: keep unwinding
        }
        Promise<Boolean> n = pendingNext;
        pendingNext = null;
        current = (T) value;
        Promise<Void> d = new Demand(confinedTo());
        demand = d;
        boolean suspended;
        try {
            suspended = suspendOn(d, resumeLabel);
        } catch (Throwable t) {
            pendingNext = n; // cancelled: the end of the body settles it
            throw t;
        }
        if (n != null) {
            n.complete(true); // only locals from here on: the consumer may resume us at once
        }
        return suspended;
    }

    /**
     * A promise confined to the producer's loop, if the producer is confined to one: completed and
     * awaited there with plain stores; another thread's completion (a close from a subscriber's
     * thread) is handed to the loop (see {@code AbstractTask}, "Threads"). The answer to a
     * {@code next()} after the first is one.
     */
    private static class Confined<V extends @Nullable Object> extends Promise<V> {
        private final @Nullable TaskOwner owner;

        Confined(@Nullable TaskOwner owner) {
            this.owner = owner;
        }

        @Override
        protected final @Nullable TaskOwner confinedTo() {
            return owner;
        }
    }

    /** What a producer suspended at an {@code emit} awaits: the consumer's next request. */
    private static final class Demand extends Confined<Void> implements CompletedByTurn {
        Demand(@Nullable TaskOwner owner) {
            super(owner);
        }
    }

    private @Nullable Promise<Void> takeDemand() {
        @SuppressWarnings("unchecked")
        Promise<Void> d = (Promise<Void>) DEMAND.getAndSet(this, null);
        return d;
    }

    /** The body has ended: the consumer's pending {@code next()} learns how. */
    private boolean bodyEnded() {
        Promise<Boolean> n = pendingNext;
        pendingNext = null;
        Throwable failure = peekFailure();
        if (failure instanceof Closed) {
            exceptionNow(); // the signal's way out, not a failure anyone should see
            failure = null;
        }
        if (n != null) {
            if (failure == null) {
                n.complete(false);
            } else {
                failureDelivered = true;
                n.fail(exceptionNowOrSame(failure));
            }
        }
        return false;
    }

    private void settleClose(Promise<Void> result) {
        Throwable failure = peekFailure();
        if (failure != null) {
            exceptionNow(); // observed: the close task carries it, or it was the signal or a cancellation
        }
        if (failure == null || failure instanceof Closed || failure instanceof CancellationException || failureDelivered) {
            result.complete(null);
        } else {
            result.fail(failure);
        }
    }

    private Throwable exceptionNowOrSame(Throwable failure) {
        Throwable taken = exceptionNow(); // marks it observed: the consumer's next() carries it
        return taken != null ? taken : failure;
    }

    /**
     * Thrown at a suspended {@code emit} when the stream is closed: unwinds the producer's body.
     * An {@code Error}, so that a {@code catch (Exception e)} around the {@code emit} lets it by.
     */
    private static final class Closed extends Error {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("StaticAssignmentOfThrowable") // a stackless signal, not an error report
        static final Closed SIGNAL = new Closed();

        private Closed() {
            super("the async stream was closed", null, false, false);
        }
    }

    private static final VarHandle DEMAND;

    static {
        try {
            DEMAND = MethodHandles.lookup().findVarHandle(AsyncStreamMachine.class, "demand", Promise.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
