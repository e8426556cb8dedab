package io.yieldpoint.examples.jdbc;

import java.sql.SQLException;

/**
 * Work done with one connection, on a thread of the blocking pool: plain JDBC. Prepare statements
 * with {@link SqlSession#prepare} so that a cancelled coroutine can cancel them at the database.
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Runs on a blocking-pool thread, with the session's connection to itself until it returns. */
    T run(SqlSession session) throws SQLException;
}
