package io.yieldpoint.runtime;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Continuation;
import io.yieldpoint.internal.CursorUse;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.internal.StreamOps;
import io.yieldpoint.runtime.sync.Channel;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code Streams.buffer(stream, capacity)}: decouples a producer from its consumer through a
 * bounded {@link Channel}. A pump pulls the source as fast as the channel takes values, so the
 * producer runs up to {@code capacity} values ahead while the consumer works; the consumer
 * receives from the channel. Opening starts nothing: the pump starts at the first
 * {@code next()}, so the stream stays cold.
 *
 * <p>In the user package, package-private: it needs {@link Channel}, which the internals may not
 * import. The pump is a chain of continuations, not a coroutine: it runs on whichever thread completes
 * what it waits for (the producer's dispatcher, or the consumer's, for a send that was waiting for
 * room). It alone calls the source cursor, one call at a time, through a {@link CursorUse}:
 * {@link Cursor#close()}, on the consumer's thread, cancels a send that waits for room and asks the
 * {@code CursorUse} to close the source, which it does at once if the pump is not calling it, and
 * otherwise the pump does as its call ends. The close's task is the source's.
 *
 * @param <T> the type of the values
 */
final class BufferedStream<T> implements AsyncStream<T> {

    /** Stands for a null value in the channel, which takes no nulls. */
    private static final Object NULL = new Object();

    private final AsyncStream<T> source;
    private final int capacity;

    BufferedStream(AsyncStream<T> source, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer(" + capacity + "): at least 1");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.capacity = capacity;
    }

    @Override
    public Cursor<T> open() {
        return new BufferCursor<>(source.open(), Channel.bounded(capacity));
    }

    private static final class BufferCursor<T> implements Cursor<T>, Continuation {
        private final CursorUse<T> source;
        private final Channel<Object> channel;
        private volatile @Nullable Throwable failure;
        private volatile @Nullable AbstractTask<?> sending;
        private boolean started;
        private @Nullable T current;
        private @Nullable Task<Void> closed;

        BufferCursor(Cursor<T> source, Channel<Object> channel) {
            this.source = new CursorUse<>(source);
            this.channel = channel;
        }

        // ------------------------------------------------------------ the pump

        /** Pulls and sends while both complete at once; otherwise waits, and goes on in onComplete. */
        private void pump() {
            for (;;) {
                if (!source.enter()) {
                    return; // the consumer closed the stream
                }
                AbstractTask<Boolean> next;
                try {
                    next = AbstractTask.of(source.cursor().next());
                } catch (Throwable t) {
                    source.leave();
                    end(t);
                    return;
                }
                source.leave();
                if (!next.isDone()) {
                    next.whenComplete(this);
                    return;
                }
                if (!pulled(next)) {
                    return;
                }
            }
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            boolean goOn;
            if (completed == sending) {
                sending = null;
                goOn = completed.exceptionNow() == null; // a failed send: the consumer closed the stream
            } else {
                @SuppressWarnings("unchecked")
                AbstractTask<Boolean> next = (AbstractTask<Boolean>) completed;
                goOn = pulled(next);
            }
            if (goOn) {
                pump();
            }
        }

        /** A value pulled from the source goes into the channel; false if the pump must stop or wait. */
        private boolean pulled(AbstractTask<Boolean> next) {
            Throwable f = next.exceptionNow();
            if (f != null || !next.resultNow()) {
                end(f);
                return false;
            }
            if (!source.enter()) {
                return false;
            }
            T value;
            try {
                value = source.cursor().current();
            } finally {
                source.leave();
            }
            AbstractTask<Void> send = AbstractTask.of(channel.send(value == null ? NULL : value));
            if (send.isDone()) {
                return send.exceptionNow() == null;
            }
            sending = send;
            send.whenComplete(this);
            if (source.closeAsked()) {
                send.cancel(); // a close() that came before `sending` was set
            }
            return false;
        }

        /** The source has ended (or failed): receivers learn it once the buffered values are taken. */
        private void end(@Nullable Throwable f) {
            if (f != null) {
                failure = f;
            }
            channel.close();
        }

        // ------------------------------------------------------------ the consumer

        @Override
        public Task<Boolean> next() {
            if (closed != null) {
                throw new IllegalStateException("next() on a closed stream");
            }
            if (!started) {
                started = true;
                pump();
            }
            AbstractTask<@Nullable Object> received = AbstractTask.of(channel.receiveOrNull());
            if (received.isDone()) {
                return answer(received); // a value was buffered: no promise, no callback
            }
            Promise<Boolean> answer = new Promise<>();
            received.whenComplete(done -> forward(answer(received), answer));
            answer.onCancel(received::cancel);
            return answer;
        }

        /** What a completed receive means: a value (made current), the end, or a failure. */
        private Task<Boolean> answer(AbstractTask<@Nullable Object> received) {
            Throwable f = received.exceptionNow();
            if (f != null) {
                return Task.failed(f);
            }
            Object v = received.resultNow();
            if (v == null) { // closed and drained: the end, or the source's failure
                Throwable sourceFailure = failure;
                return sourceFailure != null ? Task.failed(sourceFailure) : StreamOps.completed(false);
            }
            @SuppressWarnings("unchecked")
            T value = v == NULL ? null : (T) v;
            current = value;
            return StreamOps.completed(true);
        }

        private static void forward(Task<Boolean> outcome, Promise<Boolean> to) {
            AbstractTask<Boolean> o = AbstractTask.of(outcome);
            Throwable f = o.exceptionNow();
            if (f != null) {
                to.fail(f);
            } else {
                to.complete(o.resultNow());
            }
        }

        @Override
        @SuppressWarnings("NullAway") // the value the last next() made current
        public T current() {
            return current;
        }

        @Override
        public Task<Void> close() {
            Task<Void> c = closed;
            if (c != null) {
                return c;
            }
            c = source.close(); // first: a pump that sets `sending` after this sees it, and cancels
            closed = c;
            channel.close();
            AbstractTask<?> s = sending;
            if (s != null) {
                s.cancel();
            }
            return c;
        }
    }
}
