package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.debug.CoroutineDump;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The first event loop has the coroutines MXBean registered, by a thread of its own. */
class CoroutineDumpRegistrationTest {

    @Test
    void theFirstLoopRegistersTheMBeanInTheBackground() throws Exception {
        assertEquals(7, EventLoop.run(() -> Task.completed(7)));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("yieldpoint-jmx-registration")) {
                assertTrue(t.isDaemon(), "it never keeps the JVM alive");
                t.join(); // registering takes the time of starting JMX: wait for it, then check
            }
        }
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(CoroutineDump.OBJECT_NAME)));
        Object live = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(CoroutineDump.OBJECT_NAME),
                "LiveCount");
        assertTrue(live instanceof Integer n && n >= 0, String.valueOf(live));
    }
}
