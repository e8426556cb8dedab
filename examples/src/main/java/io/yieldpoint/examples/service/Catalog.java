package io.yieldpoint.examples.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The service's database: one table of products, made and filled when the service starts, and the
 * one query a quote runs. Plain JDBC, so that the service and its virtual-thread twin in the
 * benchmarks do the same database work on the same kind of database (H2, embedded, in memory).
 */
public final class Catalog {

    /** Products in the table: {@code sku-1} to {@code sku-1000}. */
    public static final int PRODUCTS = 1000;

    /** The query of one quote, by primary key. */
    public static final String FIND = "SELECT name, list_cents FROM products WHERE sku = ?";

    private Catalog() {}

    /** An in-memory H2 database named {@code name}, kept while the JVM runs. */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    /** The sku of the {@code i}th product. */
    public static String sku(int i) {
        return "sku-" + i;
    }

    /** Makes the table and fills it with {@link #PRODUCTS} products. */
    public static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE products (sku VARCHAR(16) PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                    + " list_cents BIGINT NOT NULL)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?)")) {
            for (int i = 1; i <= PRODUCTS; i++) {
                insert.setString(1, sku(i));
                insert.setString(2, "Widget " + i);
                insert.setLong(3, 500 + 37L * i % 5000);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The product {@code sku}, if there is one, with {@code find} prepared from {@link #FIND}. */
    public static Optional<Product> find(PreparedStatement find, String sku) throws SQLException {
        find.setString(1, sku);
        try (ResultSet r = find.executeQuery()) {
            return r.next() ? Optional.of(new Product(sku, r.getString(1), r.getLong(2))) : Optional.empty();
        }
    }
}
