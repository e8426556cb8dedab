package io.yieldpoint.it.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.Coroutines;
import io.yieldpoint.runtime.Dispatch;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.debug.CoroutineDump;
import io.yieldpoint.runtime.debug.CoroutineInfo;
import io.yieldpoint.runtime.debug.CoroutinesMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * The live-coroutine dump, in code and through the JMX MBean an event loop registers: each entry
 * names the coroutine's method, its source line, what it awaits and who awaits it.
 */
class CoroutineDumpTest {

    private static final int N = 100_000;
    private static final String CHAIN = Chain.class.getName();

    @org.junit.jupiter.api.BeforeAll
    static void mbeanRegistered() {
        CoroutineDump.registerMBean(); // the first loop has it done in the background; now, for sure
    }

    @Test
    void aHundredThousandSuspendedCoroutinesThroughTheMBean() throws Exception {
        Chain chain = ChainCoroutines.of(() -> false);
        Promise<Integer> never = new Promise<>();
        List<Task<Integer>> parents = new ArrayList<>();
        String[] loopName = new String[1];
        CompositeData[] entries = EventLoop.run(() -> {
            loopName[0] = EventLoop.current().name();
            for (int i = 0; i < N / 2; i++) {
                parents.add(chain.parent(never)); // two coroutines each: parent() awaits parked()
            }
            // The MBean is called from another thread while this loop idles, as a JMX client would.
            Task<CompositeData[]> dump = Dispatch.blocking(() -> {
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                return (CompositeData[]) server.invoke(new ObjectName(CoroutineDump.OBJECT_NAME), "dump",
                        new Object[] {N + 10}, new String[] {int.class.getName()});
            });
            dump.toCompletableFuture().whenComplete((d, e) -> parents.forEach(Task::cancel));
            return dump;
        });
        assertEquals(N, entries.length);
        Map<String, String> methodOfId = new HashMap<>();
        int parked = 0;
        int parent = 0;
        for (CompositeData e : entries) {
            methodOfId.put((String) e.get("id"), (String) e.get("method"));
        }
        for (CompositeData e : entries) {
            String method = (String) e.get("method");
            assertEquals("Chain.java", e.get("file"));
            assertEquals("suspended", e.get("state"));
            assertEquals(loopName[0], e.get("dispatcher"));
            if (method.equals(CHAIN + ".parked")) {
                parked++;
                assertEquals(47, e.get("line"));
                assertTrue(((String) e.get("awaiting")).startsWith("Promise"), (String) e.get("awaiting"));
                assertEquals(CHAIN + ".parent", methodOfId.get((String) e.get("awaitedBy")), "the parent awaits it");
            } else {
                assertEquals(CHAIN + ".parent", method);
                parent++;
                assertEquals(54, e.get("line"));
                assertEquals(CHAIN + ".parked", methodOfId.get((String) e.get("awaiting")), "it awaits its child");
                assertEquals("", e.get("awaitedBy"));
            }
        }
        assertEquals(N / 2, parked);
        assertEquals(N / 2, parent);
    }

    @Test
    void aBoundedDumpThroughAProxyAndAsText() {
        Chain chain = ChainCoroutines.of(() -> false);
        Promise<Integer> never = new Promise<>();
        List<Task<Integer>> parents = new ArrayList<>();
        Object[] result = EventLoop.run(() -> {
            for (int i = 0; i < 3; i++) {
                parents.add(chain.parent(never));
            }
            Task<Object[]> dump = Dispatch.blocking(() -> {
                CoroutinesMXBean bean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                        new ObjectName(CoroutineDump.OBJECT_NAME), CoroutinesMXBean.class);
                return new Object[] {bean.dump(4), bean.dumpText(2), bean.getLiveCount()};
            });
            dump.toCompletableFuture().whenComplete((d, e) -> parents.forEach(Task::cancel));
            return dump;
        });
        CoroutineInfo[] first = (CoroutineInfo[]) result[0];
        assertEquals(4, first.length, "bounded by maxEntries");
        assertEquals(CHAIN + ".parent", first[0].getMethod(), "oldest first");
        assertEquals(54, first[0].getLine());
        assertEquals(CHAIN + ".parked", first[1].getMethod());
        assertEquals(47, first[1].getLine());
        String text = (String) result[1];
        assertTrue(text.startsWith("2 live coroutines (limit reached)\n"), text);
        assertTrue(text.contains("Chain.parked@") && text.contains(" suspended at Chain.java:47 awaiting Promise"), text);
        assertTrue(text.contains("Chain.parent@") && text.contains(" suspended at Chain.java:54 awaiting Chain.parked@"), text);
        assertEquals(6, (Integer) result[2], "three parents, three children");
    }

    @Test
    void onTheLoopThreadTheDumpIsTakenAtOnce() {
        Chain chain = ChainCoroutines.of(() -> false);
        Promise<Integer> never = new Promise<>();
        List<CoroutineInfo> infos = EventLoop.run(() -> {
            Task<Integer> p = chain.parent(never);
            List<CoroutineInfo> now = CoroutineDump.snapshot(10);
            p.cancel();
            return Task.completed(now);
        });
        assertEquals(2, infos.size());
        assertEquals(CHAIN + ".parent", infos.get(0).getMethod());
        assertEquals(CHAIN + ".parked", infos.get(1).getMethod());
        assertEquals(infos.get(1).getId(), infos.get(0).getAwaiting());
        assertEquals(infos.get(0).getId(), infos.get(1).getAwaitedBy());
        assertEquals("suspended", infos.get(0).getState());
    }

    @Test
    void coroutinesOnPoolsAreListedWhileTrackingIsOn() {
        Chain chain = ChainCoroutines.of(() -> false);
        Promise<Integer> never = new Promise<>();
        Task<Integer> untracked = chain.parked(never); // started on this plain thread: the default pool
        CoroutineDump.trackPoolCoroutines(true);
        List<Task<Integer>> tracked = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                tracked.add(chain.parked(never));
            }
        } finally {
            CoroutineDump.trackPoolCoroutines(false);
        }
        List<CoroutineInfo> infos = CoroutineDump.snapshot(5_000).stream()
                .filter(info -> info.getMethod().equals(CHAIN + ".parked")).toList();
        assertEquals(1_000, infos.size(), "the tracked ones, not the one started before");
        for (CoroutineInfo info : infos) {
            assertEquals(47, info.getLine());
            assertEquals("suspended", info.getState());
            assertTrue(info.getAwaiting().startsWith("Promise"), info.getAwaiting());
        }
        tracked.forEach(Task::cancel);
        untracked.cancel();
        for (Task<Integer> t : tracked) {
            Coroutines.ended(t).join(); // bodies unwind on the pool; wait for each to end
        }
        assertTrue(CoroutineDump.snapshot(5_000).stream().noneMatch(info -> info.getMethod().equals(CHAIN + ".parked")),
                "ended coroutines leave the list, though tracking is off by now");
    }

    @Test
    void aPoolCoroutineHasLeftTheDumpWhenWhoeverWaitsForItsEndHearsOfIt() {
        Chain chain = ChainCoroutines.of(() -> false);
        Promise<Integer> never = new Promise<>();
        CoroutineDump.trackPoolCoroutines(true);
        Task<Integer> t;
        try {
            t = chain.parked(never);
        } finally {
            CoroutineDump.trackPoolCoroutines(false);
        }
        String id = CoroutineDump.snapshot(5_000).stream().filter(info -> info.getMethod().equals(CHAIN + ".parked"))
                .map(CoroutineInfo::getId).findFirst().orElseThrow();
        // Runs on the thread that ends the body, as soon as Coroutines.ended(t) completes.
        CompletableFuture<Boolean> listedWhenEnded = Coroutines.ended(t).toCompletableFuture()
                .thenApply(v -> CoroutineDump.snapshot(5_000).stream().anyMatch(info -> info.getId().equals(id)));
        t.cancel();
        assertFalse(listedWhenEnded.join(), "still in the dump when its end was announced");
    }
}
