package io.yieldpoint.examples.jdbc;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Cancellation;
import io.yieldpoint.runtime.Dispatch;

/** The coroutine behind {@link ConnectionPool#call}: a permit, the call on the blocking pool, the permit back. */
public interface Database {

    /**
     * Runs {@code work} with a connection of {@code pool}: waits (without a thread) for one of the
     * pool's permits, runs the work on the blocking pool, and releases the permit once the
     * connection is back, however the coroutine leaves: returned, failed or cancelled (see
     * {@link SqlSession}).
     */
    @Coroutine
    default <T> Task<T> call(ConnectionPool pool, SqlWork<T> work) {
        await(pool.permits().acquire());
        SqlSession session = pool.newSession();
        try {
            return done(await(Dispatch.call(pool.blocking(), () -> session.run(work))));
        } finally {
            await(Cancellation.shield(session.settle())); // the connection is back before its permit is
            pool.permits().release();
        }
    }
}
