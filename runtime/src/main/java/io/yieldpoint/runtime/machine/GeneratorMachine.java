package io.yieldpoint.runtime.machine;

import io.yieldpoint.Generator;
import io.yieldpoint.internal.Exceptions;
import io.yieldpoint.runtime.debug.SourceLines;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The base class of every generated {@code Generator} state machine: the generator and its first
 * iterator in one object.
 *
 * <p>{@link #hasNext()} runs the generated {@link #step()} until the body emits a value
 * ({@link #emitValue}) or ends ({@link #finish}). So the body runs lazily, one step per element,
 * and an exception thrown by the body surfaces from {@code hasNext()} or {@code next()}, the same
 * instance. {@link #iterator()} returns this object the first time and a fresh machine (the body
 * from the start, with the same arguments) afterwards.
 *
 * <table>
 *   <caption>iterator states</caption>
 *   <tr><th>state</th><th>meaning</th></tr>
 *   <tr><td>{@code NEED}</td><td>no value buffered: the next {@code hasNext()} runs a step</td></tr>
 *   <tr><td>{@code READY}</td><td>a value is buffered for {@code next()}</td></tr>
 *   <tr><td>{@code ENDED}</td><td>the body returned, threw, or the iterator was closed</td></tr>
 * </table>
 *
 * <p>Not thread-safe, like any iterator.
 *
 * @param <T> the type of the values
 */
@SuppressWarnings("IterableAndIterator") // single use by design: iterator() is the generator itself
public abstract class GeneratorMachine<T extends @Nullable Object> implements Generator<T>, Iterator<T>, AutoCloseable {

    private static final int NEED = 0;
    private static final int READY = 1;
    private static final int ENDED = 2;

    /** Where {@link #step()} resumes; 0 is the start of the body. */
    protected int label;

    private int state = NEED;
    private boolean closing;
    private boolean handedOut;
    private @Nullable T buffered;

    protected GeneratorMachine() {}

    /** The body as a state machine: runs until it emits or ends. */
    protected abstract void step() throws Throwable;

    /** A new machine for the same call, to iterate again from the start. */
    protected abstract GeneratorMachine<T> restart();

    @Override
    public final Iterator<T> iterator() {
        if (!handedOut) {
            handedOut = true;
            return this;
        }
        GeneratorMachine<T> again = restart();
        again.handedOut = true;
        return again;
    }

    @Override
    public final boolean hasNext() {
        if (state == NEED) {
            try {
                step();
            } catch (Throwable t) {
                state = ENDED;
                SourceLines.rewrite(t);
                throw Exceptions.rethrow(t);
            }
            if (state == NEED) {
                throw new IllegalStateException("generator step returned without emitting or ending");
            }
        }
        return state == READY;
    }

    @Override
    public final T next() {
        if (state != READY && !hasNext()) {
            throw new NoSuchElementException("the generator has ended");
        }
        T value = takeBuffered();
        state = NEED;
        return value;
    }

    /** The value {@link #emitValue} buffered, which {@code next()} hands out once. */
    @SuppressWarnings("NullAway") // buffered holds the emitted value while READY: a T, or a null emit took as one
    private T takeBuffered() {
        T value = buffered;
        buffered = null;
        return value;
    }

    /**
     * {@code emit(value)}: buffers {@code value}; the body resumes at {@code resumeLabel}. Takes any
     * object, as {@code Co.emit} does: the value reaches the consumer unchecked, exactly as in the
     * blocking reading.
     */
    @SuppressWarnings("unchecked")
    protected final void emitValue(@Nullable Object value, int resumeLabel) {
        buffered = (T) value;
        label = resumeLabel;
        state = READY;
    }

    /** {@code return end();}: the generator has no more values. */
    protected final void finish() {
        state = ENDED;
    }

    /**
     * Stops the generator: no more values. If the body is suspended at an {@code emit} inside a
     * {@code try} with a {@code finally} (or a try-with-resources), it resumes there with a
     * {@code Closed} signal thrown at the {@code emit}, so that its finally blocks run and its
     * resources close; the signal is swallowed here, anything else the cleanup throws is rethrown.
     */
    @Override
    public void close() {
        boolean suspendedInBody = label != 0 && state != ENDED;
        state = ENDED;
        buffered = null;
        if (suspendedInBody && cleansUpOnClose()) {
            closing = true;
            try {
                step();
            } catch (Closed expected) {
                // the finally blocks ran and the signal left the body, as it should
            } catch (Throwable t) {
                throw Exceptions.rethrow(t);
            } finally {
                state = ENDED; // even if the body caught the signal and emitted again
                buffered = null;
            }
        }
    }

    /**
     * Whether the body has emits inside try statements, whose cleanup {@link #close()} must run.
     * Generated machines that have such emits override this.
     */
    protected boolean cleansUpOnClose() {
        return false;
    }

    /**
     * First thing after an {@code emit} inside a try statement: when the consumer has closed the
     * generator, throws {@code Closed} at the emit instead of going on.
     */
    protected final void resumeAfterEmit() {
        if (closing) {
            throw Closed.SIGNAL;
        }
    }

    /** Thrown at a suspended {@code emit} when the generator is closed: unwinds the body. */
    private static final class Closed extends Error {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("StaticAssignmentOfThrowable") // a stackless signal, not an error report
        static final Closed SIGNAL = new Closed();

        private Closed() {
            super("the generator was closed", null, false, false);
        }
    }
}
