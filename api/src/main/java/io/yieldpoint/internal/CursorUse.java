package io.yieldpoint.internal;

import io.yieldpoint.AsyncStream.Cursor;
import io.yieldpoint.Task;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One cursor, used by a pump on whatever thread completes what it waits for, and closed by a
 * consumer on another: this keeps the two from calling the cursor at the same time, since a
 * cursor, like an iterator, serves one caller at a time.
 *
 * <p>The pump brackets each call ({@code next()}, {@code current()}) with {@link #enter()} and
 * {@link #leave()}. {@link #close()} closes the cursor at once if no call is under way, and
 * otherwise leaves it to the pump's {@code leave()}; after a close was asked for, {@code enter()}
 * refuses, so the pump stops. One atomic word holds both facts, so the hand-over cannot be missed:
 * either the closer sees no call under way and closes, or the pump, leaving, sees the request.
 * Closing while a {@code next()} task is still pending is fine: a cursor's contract allows it.
 *
 * @param <T> the type of the values
 */
public final class CursorUse<T extends @Nullable Object> {

    private static final int IN_CALL = 1;
    private static final int CLOSE_ASKED = 2;

    private final Cursor<T> cursor;
    private final AtomicInteger state = new AtomicInteger();
    private final Promise<Void> closed = new Promise<>();

    public CursorUse(Cursor<T> cursor) {
        this.cursor = cursor;
    }

    /** The cursor, to be called only between {@link #enter()} and {@link #leave()}. */
    public Cursor<T> cursor() {
        return cursor;
    }

    /** Begins a call on the cursor; false once a close was asked for, and then the pump stops. */
    public boolean enter() {
        return state.compareAndSet(0, IN_CALL);
    }

    /** Ends a call; closes the cursor if a close was asked for during it. */
    public void leave() {
        if (!state.compareAndSet(IN_CALL, 0)) {
            closeCursor();
        }
    }

    /** Whether a close was asked for. */
    public boolean closeAsked() {
        return (state.get() & CLOSE_ASKED) != 0;
    }

    /**
     * Asks for the close: now if no call is under way, else when it ends. Idempotent: the task of
     * the cursor's {@code close()}, with its failure if any.
     */
    public Task<Void> close() {
        for (;;) {
            int s = state.get();
            if ((s & CLOSE_ASKED) != 0) {
                return closed;
            }
            if (state.compareAndSet(s, s | CLOSE_ASKED)) {
                if (s == 0) {
                    closeCursor();
                }
                return closed;
            }
        }
    }

    private void closeCursor() {
        AbstractTask<Void> done;
        try {
            done = AbstractTask.of(cursor.close());
        } catch (Throwable t) {
            closed.fail(t);
            return;
        }
        done.whenComplete(d -> {
            Throwable failure = d.exceptionNow();
            if (failure != null) {
                closed.fail(failure);
            } else {
                closed.complete(null);
            }
        });
    }
}
