package io.yieldpoint.examples.r2dbc;

import static io.yieldpoint.Co.*;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/** The coroutines behind {@link R2dbcDatabase}: one statement on a connection of its own. */
public interface R2dbcCalls {

    /**
     * Executes {@code sql} on a new connection of {@code db}, once one of its permits is free, and
     * emits what {@code read} makes of each of its results (the mapped rows of a query, the row
     * count of an update), requested {@code db.demand()} at a time. The connection is closed and the
     * permit released however the stream ends: at its end, by the driver's error, or closed by its
     * consumer, which cancels the subscription first. The driver's error is thrown as the driver made
     * it ({@link Publishers#unwrapped}).
     */
    @Coroutine
    default <T> AsyncStream<T> execute(R2dbcDatabase db, String sql, List<Object> params,
            Function<Result, Publisher<? extends T>> read) {
        await(db.permits().acquire());
        try {
            Connection connection = await(connect(db));
            try {
                Statement statement = db.prepare(connection, sql, params);
                for (Result result : each(Publishers.<Result>stream(statement.execute(), 1))) {
                    for (T value : each(Publishers.<T>stream(read.apply(result), db.demand()))) {
                        emit(value);
                    }
                }
            } catch (RuntimeException e) {
                throw Publishers.unwrapped(e);
            } finally {
                await(close(db, connection));
            }
        } finally {
            db.permits().release();
        }
        return end();
    }

    /** The rows {@code sql} changed, summed over its results. */
    @Coroutine
    default Task<Long> update(R2dbcDatabase db, String sql, List<Object> params) {
        long rows = 0;
        for (long changed : each(this.<Long>execute(db, sql, params, Result::getRowsUpdated))) {
            rows += changed;
        }
        return done(rows);
    }

    /** A new connection of {@code db}'s factory, counted as open. */
    @Coroutine
    default Task<Connection> connect(R2dbcDatabase db) {
        Connection connection = await(Publishers.<Connection>single(db.factory().create()));
        db.opened();
        return done(connection);
    }

    /** Closes {@code connection}; no longer counted as open, whether closing worked or failed. */
    @Coroutine
    default Task<Void> close(R2dbcDatabase db, Connection connection) {
        try {
            await(Publishers.completion(connection.close()));
        } finally {
            db.closed();
        }
        return done();
    }
}
