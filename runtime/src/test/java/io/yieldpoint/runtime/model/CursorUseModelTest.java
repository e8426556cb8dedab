package io.yieldpoint.runtime.model;

import io.yieldpoint.AsyncStream.Cursor;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CursorUse;
import io.yieldpoint.internal.StreamOps;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: a stream pump calls a cursor while a consumer on another thread closes it (as in
 * {@code Streams.buffer} and {@code forEach}). Whatever the interleaving, the cursor is never
 * closed while a call is under way, never called once closed, and closed exactly once if a close
 * was asked for and the pump is not inside a call. Pump calls run on both threads too (a pump moves
 * between the threads that complete what it waits for); {@code enter()} admits one at a time.
 * Checked by planting a bug: a close that does not wait for a call under way fails the check with
 * {@code overlaps 2, closes 2}.
 */
public class CursorUseModelTest {

    /** A cursor that counts its calls and its closes, and records any overlap. */
    static final class WatchedCursor implements Cursor<Integer> {
        final AtomicInteger inCall = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public Task<Boolean> next() {
            if (inCall.incrementAndGet() != 1 || closes.get() != 0) {
                overlaps.incrementAndGet();
            }
            inCall.decrementAndGet();
            return StreamOps.completed(true);
        }

        @Override
        public Integer current() {
            return 1;
        }

        @Override
        public Task<Void> close() {
            if (inCall.get() != 0) {
                overlaps.incrementAndGet();
            }
            closes.incrementAndGet();
            return Task.completed(null);
        }
    }

    private final WatchedCursor cursor = new WatchedCursor();
    private final CursorUse<Integer> use = new CursorUse<>(cursor);

    /** One call of the pump: refused once a close was asked for, or while another call is under way. */
    @Operation
    public boolean pumpCalls() {
        if (!use.enter()) {
            return false;
        }
        use.cursor().next();
        use.leave();
        return true;
    }

    @Operation
    public void consumerCloses() {
        use.close();
    }

    @Validate
    public void neverOverlapsAndClosesOnce() {
        int expectedCloses = use.closeAsked() ? 1 : 0;
        if (cursor.overlaps.get() != 0 || cursor.closes.get() != expectedCloses) {
            throw new IllegalStateException("overlaps " + cursor.overlaps + ", closes " + cursor.closes
                    + ", close asked " + use.closeAsked());
        }
    }

    @Test
    void modelCheck() {
        Models.options().check(getClass());
    }
}
