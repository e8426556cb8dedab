/**
 * JDBC from coroutines: each call runs on the blocking pool with a connection of a bounded
 * {@link io.yieldpoint.examples.jdbc.ConnectionPool}, so that no more queries run than connections
 * exist and no event-loop thread ever blocks on the database; cancelling the coroutine cancels
 * the statement at the database. {@link io.yieldpoint.examples.jdbc.JdbcDemo} runs it on embedded
 * H2; the tests run it on H2 and on a PostgreSQL server they start.
 */
@NullMarked
package io.yieldpoint.examples.jdbc;

import org.jspecify.annotations.NullMarked;
