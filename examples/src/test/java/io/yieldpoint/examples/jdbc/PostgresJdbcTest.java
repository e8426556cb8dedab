package io.yieldpoint.examples.jdbc;

import io.yieldpoint.examples.postgres.PostgresExtension;
import io.yieldpoint.examples.postgres.PostgresServer;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ConnectionPoolContract} on a real PostgreSQL server that the test makes and starts
 * ({@link PostgresServer}: skipped with a message when PostgreSQL is not installed, a failure in CI),
 * a fresh database per test.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresJdbcTest extends ConnectionPoolContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    ConnectionPool open(int size) throws Exception {
        PostgresServer server = POSTGRES.server();
        String url = server.url(server.createDatabase());
        return new ConnectionPool(() -> DriverManager.getConnection(url), size);
    }

    @Override
    String endlessQuery() {
        return "SELECT pg_sleep(600)";
    }
}
