package io.yieldpoint.examples.jdbc;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDBC recipe on embedded H2 (in memory, no server): 200 coroutines each insert an order
 * through a pool of 4 connections, so at most 4 inserts run at once while the 196 others wait
 * without a thread; then one query sums them up.
 */
public interface JdbcDemo {

    /** Where the demo's database lives: H2 in memory, kept while the JVM runs. */
    String URL = "jdbc:h2:mem:yieldpoint-demo;DB_CLOSE_DELAY=-1";

    @Coroutine
    default Task<Void> main(ConnectionPool pool, int orders) {
        await(pool.call(s -> s.prepare("CREATE TABLE orders (id INT PRIMARY KEY, cents INT)").executeUpdate()));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Task<Integer>> inserts = new ArrayList<>();
        for (int i = 1; i <= orders; i++) {
            int id = i;
            inserts.add(pool.call(s -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    PreparedStatement insert = s.prepare("INSERT INTO orders VALUES (?, ?)");
                    insert.setInt(1, id);
                    insert.setInt(2, 100 * id);
                    return insert.executeUpdate();
                } finally {
                    running.decrementAndGet();
                }
            }));
        }
        await(all(inserts));
        String summary = await(pool.call(s -> {
            try (ResultSet r = s.prepare("SELECT COUNT(*), SUM(cents) FROM orders").executeQuery()) {
                r.next();
                return r.getInt(1) + " orders, " + r.getLong(2) / 100 + " in all";
            }
        }));
        System.out.println(summary);
        System.out.println(orders + " coroutines inserted through " + pool.openConnections()
                + " connections; at most " + mostAtOnce.get() + " inserts ran at once (the pool has " + pool.size() + ")");
        return done();
    }
}
