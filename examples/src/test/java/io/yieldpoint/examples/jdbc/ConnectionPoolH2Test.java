package io.yieldpoint.examples.jdbc;

import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** {@link ConnectionPoolContract} on embedded H2, a fresh in-memory database per test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionPoolH2Test extends ConnectionPoolContract {

    @Override
    ConnectionPool open(int size) {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new ConnectionPool(() -> DriverManager.getConnection(url), size);
    }

    @Override
    String endlessQuery() {
        return "SELECT SUM(X) FROM SYSTEM_RANGE(1, 1000000000000) WHERE MOD(X, 7) = 8";
    }
}
