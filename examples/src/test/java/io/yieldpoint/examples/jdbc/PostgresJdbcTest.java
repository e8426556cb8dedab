package io.yieldpoint.examples.jdbc;

import io.yieldpoint.examples.postgres.PostgresServer;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConnectionPoolContract} on a real PostgreSQL server that the test makes and starts
 * ({@link PostgresServer}: skipped with a message when PostgreSQL is not installed, a failure in CI),
 * a fresh database per test.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresJdbcTest extends ConnectionPoolContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    ConnectionPool open(int size) throws Exception {
        String url = server.url(server.createDatabase());
        return new ConnectionPool(() -> DriverManager.getConnection(url), size);
    }

    @Override
    String endlessQuery() {
        return "SELECT pg_sleep(600)";
    }
}
