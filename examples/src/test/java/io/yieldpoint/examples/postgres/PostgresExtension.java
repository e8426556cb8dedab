package io.yieldpoint.examples.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PostgresServer} for the tests of one class: started before them (or the class skipped,
 * as {@link PostgresServer#start()} says), stopped and deleted after them. Register it in a static
 * field: {@code @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public PostgresServer server() {
        if (server == null) {
            throw new IllegalStateException("the PostgreSQL server runs only while the test class does");
        }
        return server;
    }
}
