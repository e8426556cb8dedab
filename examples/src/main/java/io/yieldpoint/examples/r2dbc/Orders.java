package io.yieldpoint.examples.r2dbc;

import static io.yieldpoint.Co.*;

import io.r2dbc.spi.Readable;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The R2DBC recipe in use: a table of orders written with awaited updates and read row by row as
 * an async stream, on PostgreSQL ({@code $1} parameters).
 */
public interface Orders {

    /** One row of {@code orders}. */
    record Order(int id, String customer, long cents) {

        /** The order of the current row: called by the driver while the row is valid. */
        static Order of(Readable row) {
            return new Order(Objects.requireNonNull(row.get("id", Integer.class)),
                    Objects.requireNonNull(row.get("customer", String.class)),
                    Objects.requireNonNull(row.get("cents", Long.class)));
        }
    }

    /** Creates the table. */
    @Coroutine
    default Task<Void> createTable(R2dbcDatabase db) {
        await(db.update("CREATE TABLE orders (id INT PRIMARY KEY, customer TEXT NOT NULL, cents BIGINT NOT NULL)"));
        return done();
    }

    /** Inserts {@code order}: the number of rows inserted, 1. */
    @Coroutine
    default Task<Long> place(R2dbcDatabase db, Order order) {
        return done(await(db.update("INSERT INTO orders (id, customer, cents) VALUES ($1, $2, $3)",
                order.id(), order.customer(), order.cents())));
    }

    /** Adds {@code cents} to every order of {@code customer}: how many orders changed. */
    @Coroutine
    default Task<Long> surcharge(R2dbcDatabase db, String customer, long cents) {
        return done(await(db.update("UPDATE orders SET cents = cents + $1 WHERE customer = $2", cents, customer)));
    }

    /** The sum of {@code customer}'s orders, read row by row: never more than the demand in memory. */
    @Coroutine
    default Task<Long> total(R2dbcDatabase db, String customer) {
        long cents = 0;
        for (Order order : each(db.query("SELECT id, customer, cents FROM orders WHERE customer = $1",
                Order::of, customer))) {
            cents += order.cents();
        }
        return done(cents);
    }

    /**
     * The orders in {@code id} order up to the first of at least {@code cents}: the loop stops
     * there, and so does the query (no further rows are fetched).
     */
    @Coroutine
    default Task<List<Order>> upToFirstOf(R2dbcDatabase db, long cents) {
        List<Order> read = new ArrayList<>();
        for (Order order : each(db.query("SELECT id, customer, cents FROM orders ORDER BY id", Order::of))) {
            read.add(order);
            if (order.cents() >= cents) {
                break; // closes the stream: the subscription is cancelled, the connection closed
            }
        }
        return done(read);
    }
}
