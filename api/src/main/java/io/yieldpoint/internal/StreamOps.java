package io.yieldpoint.internal;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.AsyncStream.Cursor;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The operators of {@link AsyncStream} that need no event loop, written as small cursors over
 * tasks: each {@code next()} of theirs is one {@code next()} of their source, so they add no
 * buffering and keep the stream pull-based; each {@code close()} closes their source.
 *
 * <p>Cursors are driven by one consumer at a time, as {@link Cursor} requires; a cursor's fields
 * are written by that consumer only, and the source's task completions order its reads.
 */
public final class StreamOps {

    private StreamOps() {}

    static final AbstractTask<Boolean> TRUE = AbstractTask.of(Task.completed(true));
    static final AbstractTask<Boolean> FALSE = AbstractTask.of(Task.completed(false));
    static final AbstractTask<Void> CLOSED = AbstractTask.of(Task.completed(null));

    /** The completed task of {@code value}, without allocating. */
    public static Task<Boolean> completed(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** A stream of the values of {@code values} (not copied). */
    public static <T extends @Nullable Object> AsyncStream<T> of(List<T> values) {
        return () -> new Cursor<T>() {
            private final Iterator<T> it = values.iterator();
            private @Nullable T current;
            private boolean closed;

            @Override
            public Task<Boolean> next() {
                if (closed || !it.hasNext()) {
                    return FALSE;
                }
                current = it.next();
                return TRUE;
            }

            @Override
            @SuppressWarnings("NullAway") // the value next() made current: a T
            public T current() {
                return current;
            }

            @Override
            public Task<Void> close() {
                closed = true;
                return CLOSED;
            }
        };
    }

    /** {@link AsyncStream#map}. */
    public static <T extends @Nullable Object, R extends @Nullable Object> AsyncStream<R> map(
            AsyncStream<T> source, Function<? super T, ? extends R> mapper) {
        return () -> {
            Cursor<T> in = source.open();
            return new Cursor<R>() {
                /** Which value {@code mapped} is of: the mapper runs once per value, not per read. */
                private long asked;
                private long mappedFor = -1;
                private @Nullable R mapped;

                @Override
                public Task<Boolean> next() {
                    asked++;
                    return in.next();
                }

                @Override
                @SuppressWarnings("NullAway") // R may be nullable: the mapper's own result
                public R current() {
                    if (mappedFor != asked) {
                        mapped = mapper.apply(in.current());
                        mappedFor = asked;
                    }
                    return mapped;
                }

                @Override
                public Task<Void> close() {
                    return in.close();
                }
            };
        };
    }

    /** {@link AsyncStream#take}. */
    public static <T extends @Nullable Object> AsyncStream<T> take(AsyncStream<T> source, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take(" + n + ")");
        }
        return () -> {
            Cursor<T> in = source.open();
            return new Cursor<T>() {
                private long left = n;

                @Override
                public Task<Boolean> next() {
                    if (left == 0) {
                        return FALSE; // the consumer closes us, which closes the source at its n-th emit
                    }
                    left--;
                    return in.next();
                }

                @Override
                public T current() {
                    return in.current();
                }

                @Override
                public Task<Void> close() {
                    return in.close();
                }
            };
        };
    }

    /** {@link AsyncStream#toList}. */
    public static <T extends @Nullable Object> Task<List<T>> toList(AsyncStream<T> source) {
        List<T> values = new ArrayList<>();
        Promise<List<T>> result = new Promise<>();
        Task<Void> drained = forEach(source, values::add);
        AbstractTask.of(drained).whenComplete(done -> {
            Throwable failure = done.exceptionNow();
            if (failure != null) {
                result.fail(failure);
            } else {
                result.complete(values);
            }
        });
        result.onCancel(drained::cancel);
        return result;
    }

    /**
     * Pulls every value of {@code source} into {@code sink}, then closes the cursor: the task
     * completes once the producer has ended, with its failure (or the sink's) if any. Cancelling
     * the task closes the cursor.
     */
    public static <T extends @Nullable Object> Task<Void> forEach(AsyncStream<T> source, Consumer<? super T> sink) {
        Drain<T> drain = new Drain<>(source.open(), sink);
        drain.pump();
        return drain.result;
    }

    /**
     * The loop of {@link #forEach}: pulls without recursion while values are ready at once. It runs
     * on whichever thread completes a {@code next()}; a cancellation of its result may come from
     * any thread, so the cursor is used through a {@link CursorUse} and the result is settled once.
     */
    private static final class Drain<T extends @Nullable Object> implements Continuation {
        final CursorUse<T> use;
        final Consumer<? super T> sink;
        final Promise<Void> result = new Promise<>();
        private final AtomicBoolean finished = new AtomicBoolean();

        Drain(Cursor<T> cursor, Consumer<? super T> sink) {
            this.use = new CursorUse<>(cursor);
            this.sink = sink;
            result.onCancel(() -> finish(null));
        }

        /**
         * Asks for values until one is not there yet (then waits for it), or the stream is over.
         * A value that is there at once is taken within the same call on the cursor: one
         * enter and one leave per value on the fast path.
         */
        void pump() {
            for (;;) {
                if (!use.enter()) {
                    return; // closing: finish has settled, or will settle, the result
                }
                AbstractTask<Boolean> next;
                boolean taken = false;
                try {
                    next = AbstractTask.of(use.cursor().next());
                    // A close asked for during next() wins: the value is not handed over.
                    if (next.isDone() && next.exceptionNow() == null && next.resultNow() && !use.closeAsked()) {
                        sink.accept(use.cursor().current());
                        taken = true;
                    }
                } catch (Throwable t) {
                    use.leave();
                    finish(t);
                    return;
                }
                use.leave();
                if (taken) {
                    continue;
                }
                if (!next.isDone()) {
                    next.whenComplete(this);
                } else if (next.exceptionNow() != null || !next.resultNow()) {
                    finish(next.exceptionNow()); // the end of the stream, or its failure
                }
                return; // else a close was asked for: leave() has closed the cursor
            }
        }

        @Override
        @SuppressWarnings("unchecked") // registered on a Task<Boolean> only
        public void onComplete(AbstractTask<?> completed) {
            if (take((AbstractTask<Boolean>) completed)) {
                pump();
            }
        }

        /** Hands the value to the sink; false when the stream is over (ended, failed, cancelled). */
        private boolean take(AbstractTask<Boolean> next) {
            Throwable failure = next.exceptionNow();
            if (failure != null || !next.resultNow()) {
                finish(failure);
                return false;
            }
            if (!use.enter()) {
                return false;
            }
            try {
                sink.accept(use.cursor().current());
            } catch (Throwable t) {
                use.leave();
                finish(t);
                return false;
            }
            use.leave();
            return true;
        }

        /** Closes the cursor, once, then settles the result with the first failure, if any. */
        private void finish(@Nullable Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            AbstractTask.of(use.close()).whenComplete(closed -> {
                Throwable cleanup = closed.exceptionNow();
                if (failure != null) {
                    if (cleanup != null && cleanup != failure) {
                        failure.addSuppressed(cleanup);
                    }
                    result.fail(failure);
                } else if (cleanup != null) {
                    result.fail(cleanup);
                } else {
                    result.complete(null);
                }
            });
        }
    }

    /** {@code Co.each(stream)} in plain code: an iterable whose iterators block for each value. */
    public static <T extends @Nullable Object> Iterable<T> blocking(AsyncStream<T> stream) {
        return () -> new BlockingIterator<>(stream.open());
    }

    /** Blocks for each value; closes the stream (and waits for its cleanup) at its end or on close(). */
    private static final class BlockingIterator<T extends @Nullable Object> implements Iterator<T>, AutoCloseable {
        private final Cursor<T> cursor;
        private boolean ready;
        private boolean ended;

        BlockingIterator(Cursor<T> cursor) {
            this.cursor = cursor;
        }

        @Override
        public boolean hasNext() {
            if (ready) {
                return true;
            }
            if (ended) {
                return false;
            }
            boolean has;
            try {
                has = Blocking.await(cursor.next());
            } catch (Throwable t) {
                ended = true;
                try {
                    Blocking.await(cursor.close());
                } catch (Throwable cleanup) {
                    if (cleanup != t) {
                        t.addSuppressed(cleanup);
                    }
                }
                throw Exceptions.rethrow(t);
            }
            if (!has) {
                close();
            }
            ready = has;
            return has;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream has ended");
            }
            ready = false;
            return cursor.current();
        }

        @Override
        public void close() {
            ended = true;
            ready = false;
            Blocking.await(cursor.close());
        }
    }
}
