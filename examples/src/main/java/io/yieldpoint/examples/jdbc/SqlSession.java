package io.yieldpoint.examples.jdbc;

import io.yieldpoint.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One call's use of one pooled connection, from the coroutine's side and the blocking thread's.
 *
 * <p>The call runs {@link SqlWork} on a blocking-pool thread ({@link #run}): it takes a connection
 * from the pool, and gives it back when the work returns or throws. The coroutine, when it leaves (returned, failed or cancelled), {@linkplain #settle()
 * settles} the session before it releases its permit of the pool: a call that never started is
 * abandoned (it will not start), one that runs is asked to stop ({@code Statement.cancel()} on
 * every statement it prepared, repeated until it ends, since a cancel that reaches a statement
 * before it executes is lost) and awaited. So a permit is free only once its connection is back.
 */
public final class SqlSession {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;

    /** How often a cancel is repeated until the call ends. */
    private static final long RECANCEL_MILLIS = 10;

    private final ConnectionPool pool;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
    private final List<Statement> statements = new ArrayList<>();
    private volatile boolean cancelled;
    private @Nullable Connection connection;

    SqlSession(ConnectionPool pool) {
        this.pool = pool;
    }

    /** The connection, to this call alone while it runs. */
    public Connection connection() {
        Connection c = connection;
        if (c == null) {
            throw new IllegalStateException("the session's work is not running");
        }
        return c;
    }

    /**
     * A prepared statement of this call's connection, which a cancellation of the coroutine
     * cancels; closed with the call unless the work closes it first.
     *
     * @throws SQLException with SQL state 57014 (query canceled) once the coroutine is cancelled
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        if (cancelled) {
            throw canceled();
        }
        PreparedStatement s = connection().prepareStatement(sql);
        synchronized (statements) {
            statements.add(s);
        }
        if (cancelled) {
            s.cancel();
        }
        return s;
    }

    /** The blocking side: runs {@code work} with a pooled connection, unless the session was abandoned. */
    <T> T run(SqlWork<T> work) throws SQLException {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw canceled(); // settled before it started: nobody awaits the value
        }
        boolean failed = true;
        try {
            connection = pool.take();
            T value = work.run(this);
            failed = false;
            return value;
        } finally {
            try {
                closeStatements();
                Connection c = connection;
                connection = null;
                if (c != null) {
                    pool.giveBack(c, failed);
                }
            } finally {
                ended.complete(null);
            }
        }
    }

    /**
     * The coroutine's side, when it leaves: a task that completes once the connection is back in
     * the pool (at once if the call ended or never started); a running call is cancelled first.
     */
    @SuppressWarnings("NullAway") // Task<@Nullable Void> as Task<Void>: a Void future's value is null
    Task<Void> settle() {
        if (state.compareAndSet(NEW, ABANDONED) || ended.isDone()) {
            return Task.completed(null);
        }
        cancelled = true;
        pool.blocking().execute(this::cancelUntilEnded);
        return Task.from(ended.copy()); // a copy: cancelling the task must not complete ended, which run() owns
    }

    private void cancelUntilEnded() {
        while (!ended.isDone()) {
            List<Statement> now;
            synchronized (statements) {
                now = List.copyOf(statements);
            }
            for (Statement s : now) {
                try {
                    s.cancel();
                } catch (SQLException e) {
                    // closed meanwhile, or the driver cannot cancel: the call ends on its own
                }
            }
            try {
                ended.get(RECANCEL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still running: cancel again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    private void closeStatements() {
        synchronized (statements) {
            for (Statement s : statements) {
                try {
                    s.close();
                } catch (SQLException e) {
                    // the connection is checked before it is pooled again
                }
            }
            statements.clear();
        }
    }

    private static SQLException canceled() {
        return new SQLException("the coroutine was cancelled", "57014");
    }
}
