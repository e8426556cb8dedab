package io.yieldpoint.examples.jdbc;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Dispatch;
import io.yieldpoint.runtime.sync.Semaphore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded set of JDBC connections for coroutines: at most {@link #size()} connections, opened on
 * first need and reused, and at most that many calls running at once.
 *
 * <h2>Design</h2>
 * JDBC blocks, so every call runs on a thread of the blocking pool ({@link Dispatch#call}), never
 * on an event loop. What bounds the calls is a {@link Semaphore} of {@code size} permits that the
 * coroutine acquires <em>before</em> it takes a thread: a coroutine that finds every connection busy
 * waits without a thread, in order, and the blocking pool never holds more database calls than
 * there are connections. A permit is released only when its connection is back in the idle list
 * ({@link SqlSession#settle()}), so the pool's {@link #take()} always finds an idle connection or
 * room for a new one. A connection that is closed after a call, or no longer valid after a call that
 * failed, is dropped, and a new one is opened in its place when needed.
 *
 * <pre>{@code
 * ConnectionPool pool = new ConnectionPool(() -> DriverManager.getConnection(url), 8);
 * @Coroutine default Task<Integer> countOrders(ConnectionPool pool) {
 *     return done(await(pool.call(session -> {
 *         try (ResultSet r = session.prepare("SELECT COUNT(*) FROM orders").executeQuery()) {
 *             r.next();
 *             return r.getInt(1);
 *         }
 *     })));
 * }
 * }</pre>
 */
public final class ConnectionPool implements AutoCloseable {

    /** Opens one connection (a {@code DataSource::getConnection}, a {@code DriverManager} call). */
    @FunctionalInterface
    public interface ConnectionSource {
        /** A new open connection. */
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final int size;
    private final Dispatcher blocking;
    private final Semaphore permits;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private boolean closed;

    /** A pool of up to {@code size} connections from {@code source}; calls run on {@link Dispatch#blockingPool()}. */
    public ConnectionPool(ConnectionSource source, int size) {
        this(source, size, Dispatch.blockingPool());
    }

    /** A pool of up to {@code size} connections from {@code source}; calls run on {@code blocking}. */
    public ConnectionPool(ConnectionSource source, int size, Dispatcher blocking) {
        if (size < 1) {
            throw new IllegalArgumentException("a connection pool needs at least one connection, not " + size);
        }
        this.source = source;
        this.size = size;
        this.blocking = blocking;
        this.permits = new Semaphore(size);
    }

    /**
     * Runs {@code work} with a connection of this pool on the blocking pool, once a connection is
     * free; the task completes with its value or its exception. Cancelling the task before the work
     * starts skips it; cancelling it while the work runs cancels its statements at the database and
     * completes once the connection is back.
     */
    public <T> Task<T> call(SqlWork<T> work) {
        return DatabaseCoroutines.create().call(this, work);
    }

    /** The most connections this pool opens, and the most calls that run at once. */
    public int size() {
        return size;
    }

    /** Connections open now, idle or in use. */
    public int openConnections() {
        return open.get();
    }

    /** Calls waiting for a connection or running now: {@code size()} minus the free permits. */
    public int callsHoldingConnections() {
        return size - permits.availablePermits();
    }

    Semaphore permits() {
        return permits;
    }

    Dispatcher blocking() {
        return blocking;
    }

    SqlSession newSession() {
        return new SqlSession(this);
    }

    /** An idle connection, or a new one; the caller holds a permit, so there is room for it. */
    Connection take() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new SQLException("the connection pool is closed");
            }
            Connection c = idle.poll();
            if (c != null) {
                return c;
            }
        }
        Connection c = source.open();
        open.incrementAndGet();
        return c;
    }

    /**
     * Back from a call: kept if it is still open (any transaction left open rolled back), else
     * closed. Only a call that failed may have broken its connection without closing it, so only
     * then is the connection validated, which costs a round trip to the database.
     */
    void giveBack(Connection c, boolean callFailed) {
        boolean keep;
        try {
            keep = !c.isClosed();
            if (keep && !c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (keep && callFailed) {
                keep = c.isValid(5);
            }
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (idle) {
            if (keep && !closed) {
                idle.push(c);
                return;
            }
        }
        closeQuietly(c);
    }

    /** Closes the idle connections; those in use are closed when their calls give them back. */
    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (idle) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(this::closeQuietly);
    }

    private void closeQuietly(Connection c) {
        open.decrementAndGet();
        try {
            c.close();
        } catch (SQLException e) {
            // nothing more to do with it
        }
    }
}
