package io.yieldpoint.examples.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.sync.Semaphore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * R2DBC for coroutines: a query's rows as an {@link AsyncStream} read with bounded demand, and
 * updates as {@link Task}s, each on a connection of its own, at most {@link #maxConnections()} at
 * once.
 *
 * <pre>{@code
 * R2dbcDatabase db = new R2dbcDatabase(ConnectionFactories.get("r2dbc:postgresql://..."), 8, 64);
 * @Coroutine default Task<Long> total(R2dbcDatabase db, String customer) {
 *     long cents = 0;
 *     for (long c : each(db.query("SELECT cents FROM orders WHERE customer = $1",
 *             row -> row.get("cents", Long.class), customer))) {
 *         cents += c;                                  // the query stops if this loop is left early
 *     }
 *     return done(cents);
 * }
 * }</pre>
 *
 * <h2>Design</h2>
 * R2DBC drivers never block: a call returns a Reactive Streams {@code Publisher}, which
 * {@link Publishers} reads through the runtime's {@code Flow} bridge, so the coroutine awaits the
 * database without a thread of its own and without the blocking pool. A query is a producer
 * coroutine ({@link R2dbcCalls#execute}): it opens a connection, executes the statement with a fetch
 * size of {@link #demand()} rows (PostgreSQL's driver then reads the rows through a portal,
 * {@code demand} rows per round trip, instead of the whole result at once), emits each mapped row,
 * and closes the connection in its {@code finally}. The consumer's loop pulls the rows: no more than
 * {@code demand} rows are requested ahead of it, and every way out of the loop ({@code break}, an
 * exception, the cancellation of the consumer) closes the stream, which cancels the subscription
 * (the driver closes the portal: the server computes no rows beyond those the driver had asked
 * for) and closes the connection before the loop is left.
 *
 * <p><b>Stopping the server's work.</b> Cancelling the subscription stops the rows from coming, and
 * closing the connection ends the session, but a server busy computing the next row (a sort, a slow
 * function) may not notice until it next writes to the connection. R2DBC has no call to cancel a
 * running statement, and PostgreSQL's own cancel request (a message on another connection) is lost
 * when it arrives while the server waits between two of the driver's messages, which a cursor's
 * fetches make likely. What stops it reliably is PostgreSQL's (14+)
 * {@code client_connection_check_interval}: a server that runs a statement checks that often
 * whether its client is still there, and ends the statement once the client has gone. Set it for
 * the connections of this recipe (a startup option of the driver, or in the server's configuration).
 *
 * <p><b>Rows are mapped where they arrive.</b> An R2DBC {@code Row} is valid only inside the
 * mapping function of {@code Result.map} (the driver frees its buffers afterwards), so a query
 * takes a {@code mapper} from a row to a value of the caller's (a record, a number), and the
 * stream carries those values.
 *
 * <p><b>Connections.</b> A {@link Semaphore} of {@code maxConnections} permits bounds the
 * connections open at once: a query or update waits for a permit without a thread, in order, and
 * releases it once its connection is closed. Connections are not reused: each call opens one,
 * which costs a connection handshake per call. To reuse them, pass a pooling
 * {@link ConnectionFactory} (r2dbc-pool's {@code ConnectionPool} is one, of at least
 * {@code maxConnections} connections): closing one of its connections gives it back. Its session
 * then outlives the query, so a statement left busy at the server is not ended by the close.
 */
public final class R2dbcDatabase {

    private final ConnectionFactory factory;
    private final int maxConnections;
    private final int demand;
    private final Semaphore permits;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * Queries and updates on connections of {@code factory}, at most {@code maxConnections} at once;
     * a query's rows are fetched and requested {@code demand} at a time.
     */
    public R2dbcDatabase(ConnectionFactory factory, int maxConnections, int demand) {
        if (maxConnections < 1 || demand < 1) {
            throw new IllegalArgumentException(
                    "maxConnections " + maxConnections + " and demand " + demand + ": each at least 1");
        }
        this.factory = factory;
        this.maxConnections = maxConnections;
        this.demand = demand;
        this.permits = new Semaphore(maxConnections);
    }

    /**
     * The rows of {@code sql}, each passed through {@code mapper} as it arrives, as a cold stream:
     * each run of it (each {@code for (T x : each(...))}) waits for a connection, executes the
     * query with {@code params} bound to {@code $1}, {@code $2}, ... (not null), and closes the
     * connection when the stream ends or is closed. The driver's error (an
     * {@code R2dbcException}, with its SQL state) is thrown at the consumer's loop.
     */
    public <T> AsyncStream<T> query(String sql, Function<? super Readable, ? extends T> mapper, Object... params) {
        return R2dbcCallsCoroutines.create().execute(this, sql, List.of(params), result -> result.map(mapper));
    }

    /**
     * Executes {@code sql} (an {@code INSERT}, {@code UPDATE}, {@code DELETE} or DDL) with
     * {@code params} bound to {@code $1}, {@code $2}, ... (not null) on a connection of its own: the
     * number of rows it changed, or the driver's error. Cancelling the task cancels the statement's
     * subscription and closes the connection.
     */
    public Task<Long> update(String sql, Object... params) {
        return R2dbcCallsCoroutines.create().update(this, sql, List.of(params));
    }

    /** The most connections open at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How many rows a query fetches per round trip and requests ahead of its consumer. */
    public int demand() {
        return demand;
    }

    /** Connections open now: opened by a query or update and not yet closed. */
    public int openConnections() {
        return open.get();
    }

    Semaphore permits() {
        return permits;
    }

    ConnectionFactory factory() {
        return factory;
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** A statement of {@code sql} on {@code connection}, {@code params} bound, fetching {@link #demand()} rows at a time. */
    Statement prepare(Connection connection, String sql, List<Object> params) {
        Statement statement = connection.createStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.bind(i, params.get(i));
        }
        return statement.fetchSize(demand);
    }
}
