package io.yieldpoint.test;

import io.yieldpoint.netty.NettyDispatcher;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code yieldpoint-netty} as committed text, {@code netty/api/yieldpoint-netty.api},
 * checked as {@link PublicApiTest} checks the other published modules (its dump, from the test
 * module's test jar). To accept a change:
 * {@code mvn -pl netty verify -Dtest=NettyApiTest -Dyieldpoint.updateApi=true}, then review and commit
 * the dump.
 */
class NettyApiTest {

    @Test
    void netty() {
        PublicApiTest.check("netty/api/yieldpoint-netty.api", NettyDispatcher.class);
    }
}
