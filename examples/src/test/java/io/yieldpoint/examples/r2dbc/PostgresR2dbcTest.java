package io.yieldpoint.examples.r2dbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import io.yieldpoint.Co;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.postgres.PostgresExtension;
import io.yieldpoint.examples.postgres.PostgresServer;
import io.yieldpoint.examples.r2dbc.Orders.Order;
import io.yieldpoint.runtime.EventLoop;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The R2DBC recipe ({@link R2dbcDatabase}, {@link Orders}) on a real PostgreSQL server that the test
 * makes and starts ({@link PostgresServer}: skipped with a message when PostgreSQL is not installed,
 * a failure in CI), a fresh database per test. What the server did is read back through JDBC.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresR2dbcTest {

    private static final int DEMAND = 16;
    /**
     * How many rows the server may compute beyond those the consumer took, generously: the driver
     * asks for the next fetch of {@code DEMAND} rows as soon as one arrives, and its Reactor
     * operators hold a few hundred messages ahead of the stream's demand (up to 296 rows seen). A
     * query that ran on computes the whole million, one without a fetch size thousands (7,930 and
     * more seen) before the connection is closed.
     */
    private static final int READ_AHEAD = 2_000;

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private PostgresServer server;
    private String name;
    private String jdbcUrl;
    private R2dbcDatabase db;

    @BeforeEach
    void freshDatabase() throws SQLException {
        server = POSTGRES.server();
        name = server.createDatabase();
        jdbcUrl = server.url(name);
        sql("CREATE SEQUENCE produced");
        db = database(DEMAND);
    }

    /**
     * The recipe on the test's database, as its docs advise for PostgreSQL: the server checks every
     * 100 ms whether the client of a running statement is still there.
     */
    private R2dbcDatabase database(int demand) {
        PostgresqlConnectionConfiguration configuration = PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(server.port()).username("test").database(name)
                .options(Map.of("client_connection_check_interval", "100"))
                .build();
        return new R2dbcDatabase(new PostgresqlConnectionFactory(configuration), 4, demand);
    }

    @Test
    void updatesAreAwaitedAndRowsArriveInOrder() throws Exception {
        Orders orders = OrdersCoroutines.create();
        List<Long> inserted = EventLoop.run(() -> PostgresR2dbcTest_OrdersScriptCoroutines.create().fill(orders, db, 300));
        assertEquals(300, inserted.size());
        assertTrue(inserted.stream().allMatch(n -> n == 1), "each insert reports one row: " + inserted);
        assertEquals(150, (long) EventLoop.run(() -> orders.surcharge(db, "ann", 1)));
        // ann has the even ids 2..300, each of 100 * id cents, plus the surcharge of 1
        assertEquals(100L * 150 * 151 + 150, (long) EventLoop.run(() -> orders.total(db, "ann")));
        // Demand 3: the rows come in many requests and round trips, still in order.
        R2dbcDatabase small = database(3);
        List<Order> read = EventLoop.run(() -> orders.upToFirstOf(small, Long.MAX_VALUE));
        assertEquals(300, read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(i + 1, read.get(i).id());
        }
        assertEquals(0, db.openConnections());
        assertEquals(0, small.openConnections());
    }

    @Test
    void breakingOutOfTheLoopStopsTheQuery() throws Exception {
        List<Integer> read = EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().firstRows(db, 100));
        assertEquals(100, read.size());
        assertEquals(List.of(1, 2, 3), read.subList(0, 3));
        long produced = produced();
        assertTrue(produced >= 100 && produced <= 100 + READ_AHEAD, "rows the server computed: " + produced);
        assertEquals(0, db.openConnections(), "the loop is left once the connection is closed");
        assertEquals(List.of(1, 2), EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().firstRows(db, 2)));
    }

    @Test
    void anExceptionInTheLoopStopsTheQueryAndLeavesIt() throws Exception {
        IllegalStateException thrown = new IllegalStateException("enough");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().throwAt(db, 50, thrown)));
        assertSame(thrown, failure);
        assertTrue(produced() <= 50 + READ_AHEAD, "rows the server computed: " + produced());
        assertEquals(0, db.openConnections());
    }

    @Test
    void aSqlErrorIsTheAwaitedExceptionWithItsSqlState() throws Exception {
        R2dbcException update = assertThrows(R2dbcException.class,
                () -> EventLoop.run(() -> db.update("INSERT INTO no_such_table VALUES ($1)", 1)));
        assertEquals("42P01", update.getSqlState(), update.toString()); // undefined_table
        R2dbcException query = assertThrows(R2dbcException.class,
                () -> EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().firstRows(db, 10, "SELECT n, 10 / (5 - n) AS produced FROM generate_series(1, 10) AS n")));
        assertEquals("22012", query.getSqlState(), query.toString()); // division_by_zero
        assertEquals(0, db.openConnections());
        assertEquals(List.of(1), EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().firstRows(db, 1)));
    }

    @Test
    void cancellingTheConsumerMidStreamUnwindsItAndClosesTheConnection() throws Exception {
        AtomicBoolean unwound = new AtomicBoolean();
        Readers readers = PostgresR2dbcTest_ReadersCoroutines.create();
        CompletableFuture<Integer> reached = new CompletableFuture<>();
        // The reader reads 40 rows, then waits in its loop body: it is cancelled there.
        String outcome = EventLoop.run(() -> readers.cancelOnceReached(readers.readThenWait(db, 40, reached, unwound), reached));
        assertEquals("cancelled after 40 rows", outcome);
        assertTrue(unwound.get(), "the consumer's finally ran");
        assertEquals(0, db.openConnections());
        assertTrue(produced() <= 40 + READ_AHEAD, "rows the server computed: " + produced());
    }

    @Test
    void cancellingTheConsumerWhileTheServerIsBusyEndsTheStatementThere() throws Exception {
        R2dbcDatabase narrow = database(4);
        AtomicBoolean unwound = new AtomicBoolean();
        Readers readers = PostgresR2dbcTest_ReadersCoroutines.create();
        CompletableFuture<Integer> reached = new CompletableFuture<>();
        // The reader reads 4 rows, then waits for the fifth: it is cancelled there.
        String outcome = EventLoop.run(() -> readers.cancelOnceReached(readers.readAll(narrow, 4, reached, unwound), reached));
        assertEquals("cancelled after 4 rows", outcome);
        assertTrue(unwound.get(), "the consumer's finally ran");
        assertEquals(0, narrow.openConnections());
        // The slow query holds a shared lock until its transaction ends: a server that did not notice
        // its client had gone would hold it for the ten minutes of its pg_sleep; one that checks
        // (client_connection_check_interval) ends the statement within 100 ms of the close.
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '60s'");
            s.execute("SELECT pg_advisory_lock(7)");
        }
    }

    @Test
    void aMillionRowsStreamThroughBoundedDemand() throws Exception {
        R2dbcDatabase wide = database(256); // fewer round trips: 4,000 rather than 62,500
        long sum = EventLoop.run(() -> PostgresR2dbcTest_ReadersCoroutines.create().sum(wide));
        assertEquals(1_000_000L * 1_000_001 / 2, sum);
        assertEquals(1_000_000, produced());
        assertEquals(0, wide.openConnections());
    }

    /** The test's consumers of {@link #COUNTED_ROWS}. */
    interface Readers {

        /** A million rows, each counted by the sequence {@code produced} when the server computes it. */
        String COUNTED_ROWS = "SELECT n, nextval('produced') AS produced FROM generate_series(1, 1000000) AS n";

        @Coroutine
        default Task<List<Integer>> firstRows(R2dbcDatabase db, int n) {
            return Co.done(Co.await(firstRows(db, n, COUNTED_ROWS)));
        }

        @Coroutine
        default Task<List<Integer>> firstRows(R2dbcDatabase db, int n, String sql) {
            List<Integer> read = new ArrayList<>();
            for (int value : Co.each(db.query(sql, row -> row.get("n", Integer.class)))) {
                read.add(value);
                if (read.size() == n) {
                    break;
                }
            }
            return Co.done(read);
        }

        @Coroutine
        default Task<Void> throwAt(R2dbcDatabase db, int n, RuntimeException e) {
            for (int value : Co.each(db.query(COUNTED_ROWS, row -> row.get("n", Integer.class)))) {
                if (value == n) {
                    throw e;
                }
            }
            return Co.done();
        }

        @Coroutine
        default Task<Long> sum(R2dbcDatabase db) {
            long sum = 0;
            for (int value : Co.each(db.query(COUNTED_ROWS, row -> row.get("n", Integer.class)))) {
                sum += value;
            }
            return Co.done(sum);
        }

        /** Waits until {@code reader} has reached its row, cancels it, and says how it ended. */
        @Coroutine
        default Task<String> cancelOnceReached(Task<Void> reader, CompletableFuture<Integer> reached) {
            int rows = Co.await(reached);
            reader.cancel();
            try {
                Co.await(reader);
                return Co.done("not cancelled");
            } catch (CancellationException e) {
                return Co.done("cancelled after " + rows + " rows");
            }
        }

        /**
         * Rows 1 to 4 at once, then row 5 after ten minutes; the shared advisory lock 7 held until
         * the statement's transaction ends. With a fetch size of 4, the driver asks for rows 5 to 8
         * when rows 1 to 4 arrive, before the consumer sees them: the server is then busy in
         * {@code pg_sleep} when the consumer, after row 4, is cancelled.
         */
        String SLOW_ROWS = "SELECT n FROM generate_series(1, 20) AS n, LATERAL (SELECT pg_advisory_xact_lock_shared(7),"
                + " pg_sleep(CASE WHEN n = 5 THEN 600 ELSE 0 END)) AS s";

        @Coroutine
        default Task<Void> readAll(R2dbcDatabase db, int n, CompletableFuture<Integer> reached, AtomicBoolean unwound) {
            try {
                for (int value : Co.each(db.query(SLOW_ROWS, row -> row.get("n", Integer.class)))) {
                    if (value == n) {
                        reached.complete(value);
                    }
                }
            } finally {
                unwound.set(true);
            }
            return Co.done();
        }

        @Coroutine
        default Task<Void> readThenWait(R2dbcDatabase db, int n, CompletableFuture<Integer> reached, AtomicBoolean unwound) {
            AtomicInteger rows = new AtomicInteger();
            try {
                for (int value : Co.each(db.query(COUNTED_ROWS, row -> row.get("n", Integer.class)))) {
                    if (rows.incrementAndGet() == n) {
                        reached.complete(value);
                        Co.await(Co.sleep(Duration.ofHours(1))); // cancelled here
                    }
                }
            } finally {
                unwound.set(true);
            }
            return Co.done();
        }
    }

    /** Fills the table: {@code n} orders, the even ids ann's, the odd ones bob's. */
    interface OrdersScript {
        @Coroutine
        default Task<List<Long>> fill(Orders orders, R2dbcDatabase db, int n) {
            Co.await(orders.createTable(db));
            List<Task<Long>> inserts = new ArrayList<>();
            for (int id = 1; id <= n; id++) {
                inserts.add(orders.place(db, new Order(id, id % 2 == 0 ? "ann" : "bob", 100L * id)));
            }
            return Co.done(Co.await(Co.all(inserts)));
        }
    }

    private long produced() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM produced")) {
            r.next();
            return r.getLong(1);
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
