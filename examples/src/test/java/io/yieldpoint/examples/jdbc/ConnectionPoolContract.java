package io.yieldpoint.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Dispatch;
import io.yieldpoint.runtime.EventLoop;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What {@link ConnectionPool} promises, against a real database: each subclass names one
 * ({@link #open(int)}) and the SQL of a query that runs until it is cancelled.
 */
abstract class ConnectionPoolContract {

    /** A pool of {@code size} connections to a fresh, empty database. */
    abstract ConnectionPool open(int size) throws Exception;

    /** A query that runs far longer than any test (minutes), unless cancelled. */
    abstract String endlessQuery();

    @Test
    void noMoreCallsRunAtOnceThanThePoolHasConnections() throws Exception {
        int size = 3;
        int calls = 30;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // Calls go through in threes: a pool that let fewer run at once would never trip the barrier,
        // one that let more run would count them.
        CyclicBarrier threes = new CyclicBarrier(size);
        Set<java.sql.Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        try (ConnectionPool pool = open(size)) {
            List<Integer> answers = EventLoop.run(() -> {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    int n = i;
                    tasks.add(pool.call(s -> {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        used.add(s.connection());
                        try {
                            threes.await(60, TimeUnit.SECONDS);
                            PreparedStatement p = s.prepare("SELECT ? + 1");
                            p.setInt(1, n);
                            try (ResultSet r = p.executeQuery()) {
                                r.next();
                                return r.getInt(1);
                            }
                        } catch (Exception e) {
                            throw new SQLException(e);
                        } finally {
                            running.decrementAndGet();
                        }
                    }));
                }
                return Co.all(tasks);
            });
            for (int i = 0; i < calls; i++) {
                assertEquals(i + 1, answers.get(i));
            }
            assertEquals(size, mostAtOnce.get());
            assertEquals(size, used.size(), "connections are reused");
            assertEquals(size, pool.openConnections());
            assertEquals(0, pool.callsHoldingConnections());
        }
    }

    @Test
    void aCancelledCallStopsItsQueryAtTheDatabaseAndGivesItsConnectionBack() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<SQLException> seenByTheWork = new AtomicReference<>();
        try (ConnectionPool pool = open(1)) {
            int after = EventLoop.run(() -> ConnectionPoolContract_EndlessCoroutines.create().cancelThenQuery(pool, endlessQuery(), started,
                    seenByTheWork));
            assertEquals(1, after, "the next call got the one connection");
            SQLException seen = seenByTheWork.get();
            assertTrue(seen != null, "the endless query ended without an exception");
            assertEquals("57014", seen.getSQLState(), () -> "query canceled: " + seen);
            assertEquals(1, pool.openConnections());
            assertEquals(0, pool.callsHoldingConnections());
        }
    }

    /** The coroutine of the cancellation test: an endless query, cancelled once it has started. */
    interface Endless {
        @io.yieldpoint.Coroutine
        default Task<Integer> cancelThenQuery(ConnectionPool pool, String endless, CountDownLatch started,
                AtomicReference<SQLException> seenByTheWork) {
            Task<Integer> running = pool.call(s -> {
                PreparedStatement p = s.prepare(endless);
                started.countDown();
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? 0 : -1;
                } catch (SQLException e) {
                    seenByTheWork.set(e);
                    throw e;
                }
            });
            Co.await(Dispatch.blocking(() -> started.await(60, TimeUnit.SECONDS)));
            running.cancel();
            // One connection: this call runs only once the cancelled one has given it back.
            return Co.done(Co.await(pool.call(s -> {
                try (ResultSet r = s.prepare("SELECT 1").executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            })));
        }
    }

    @Test
    void aCallUnderWithTimeoutIsStoppedAtTheDatabaseWhenItsTimeIsUp() throws Exception {
        try (ConnectionPool pool = open(1)) {
            List<String> out = EventLoop.run(() -> ConnectionPoolContract_TimeoutsCoroutines.create()
                    .endlessUnderTimeout(pool, endlessQuery()));
            assertEquals(List.of("timed out", "then 1"), out);
            assertEquals(0, pool.callsHoldingConnections());
        }
    }

    /** The coroutine of the timeout test. */
    interface Timeouts {
        @io.yieldpoint.Coroutine
        default Task<List<String>> endlessUnderTimeout(ConnectionPool pool, String endless) {
            List<String> out = new ArrayList<>();
            try {
                Co.await(Co.withTimeout(java.time.Duration.ofMillis(200), pool.call(s -> {
                    try (ResultSet r = s.prepare(endless).executeQuery()) {
                        return r.next() ? 0 : -1;
                    }
                })));
                out.add("the endless query ended");
            } catch (Exception e) {
                if (!(e instanceof java.util.concurrent.TimeoutException)) {
                    throw e;
                }
                out.add("timed out");
            }
            // One connection: this call runs only once the timed-out one has given it back.
            out.add("then " + Co.await(pool.call(s -> {
                try (ResultSet r = s.prepare("SELECT 1").executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            })));
            return Co.done(out);
        }
    }

    @Test
    void aFailedCallFailsItsTaskAndGivesItsConnectionBack() throws Exception {
        try (ConnectionPool pool = open(1)) {
            SQLException[] thrown = new SQLException[1];
            SQLException failure = assertThrows(SQLException.class, () -> EventLoop.run(() -> pool.call(s -> {
                try {
                    return s.prepare("SELECT * FROM no_such_table").executeQuery();
                } catch (SQLException e) {
                    thrown[0] = e;
                    throw e;
                }
            })));
            assertSame(thrown[0], failure, "the very exception the work threw");
            assertEquals(2, (int) EventLoop.run(() -> pool.call(s -> {
                try (ResultSet r = s.prepare("SELECT 2").executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            })));
            assertEquals(1, pool.openConnections());
        }
    }

    @Test
    void aTransactionLeftOpenIsRolledBackBeforeTheConnectionIsReused() throws Exception {
        try (ConnectionPool pool = open(1)) {
            int rows = EventLoop.run(() -> ConnectionPoolContract_TransactionsCoroutines.create().leaveOneOpen(pool));
            assertEquals(0, rows);
        }
    }

    /** The coroutine of the transaction test. */
    interface Transactions {
        @io.yieldpoint.Coroutine
        default Task<Integer> leaveOneOpen(ConnectionPool pool) {
            Co.await(pool.call(s -> s.prepare("CREATE TABLE t (x INT)").executeUpdate()));
            Co.await(pool.call(s -> {
                s.connection().setAutoCommit(false);
                return s.prepare("INSERT INTO t VALUES (1)").executeUpdate(); // no commit
            }));
            return Co.done(Co.await(pool.call(s -> {
                try (ResultSet r = s.prepare("SELECT COUNT(*) FROM t").executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            })));
        }
    }

    @Test
    void aCallCancelledWhileItWaitsForAConnectionNeverRuns() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        try (ConnectionPool pool = open(1)) {
            boolean cancelled = EventLoop.run(() -> ConnectionPoolContract_WaitingCoroutines.create().cancelWhileWaiting(pool, ran));
            assertTrue(cancelled);
            assertEquals(1, ran.get(), "only the first call ran");
            assertEquals(0, pool.callsHoldingConnections());
        }
    }

    /** The coroutine of the waiting test. */
    interface Waiting {
        @io.yieldpoint.Coroutine
        default Task<Boolean> cancelWhileWaiting(ConnectionPool pool, AtomicInteger ran) {
            CountDownLatch release = new CountDownLatch(1);
            Task<Integer> holder = pool.call(s -> {
                ran.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                return 1;
            });
            Task<Integer> waiter = pool.call(s -> ran.incrementAndGet());
            Co.await(Co.yieldNow());
            waiter.cancel();
            release.countDown();
            Co.await(holder);
            boolean cancelled;
            try {
                Co.await(waiter);
                cancelled = false;
            } catch (CancellationException e) {
                cancelled = true;
            }
            return Co.done(cancelled);
        }
    }
}
