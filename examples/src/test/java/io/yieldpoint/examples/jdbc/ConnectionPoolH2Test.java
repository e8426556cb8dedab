package io.yieldpoint.examples.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yieldpoint.runtime.EventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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

    @Test
    void aConnectionIsValidatedOnlyAfterACallThatFailed() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        AtomicInteger validations = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(() -> countingValidations(DriverManager.getConnection(url), validations), 1)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(1, (int) EventLoop.run(() -> pool.call(ConnectionPoolH2Test::selectOne)));
            }
            assertEquals(0, validations.get(), "no round trip to validate after a call that returned");
            assertThrows(SQLException.class, () -> EventLoop.run(() -> pool.call(s -> s.prepare("SELECT * FROM nowhere").executeQuery())));
            assertEquals(1, validations.get(), "validated after the call that failed");
            assertEquals(1, (int) EventLoop.run(() -> pool.call(ConnectionPoolH2Test::selectOne)));
            assertEquals(1, pool.openConnections(), "still valid: kept");
        }
    }

    private static int selectOne(SqlSession session) throws SQLException {
        try (ResultSet r = session.prepare("SELECT 1").executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** {@code c}, counting the calls of {@code isValid}. */
    private static Connection countingValidations(Connection c, AtomicInteger validations) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isValid")) {
                        validations.incrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
