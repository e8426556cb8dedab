package io.yieldpoint.runtime.debug;

import io.yieldpoint.runtime.internal.DetachedThreads;
import io.yieldpoint.runtime.internal.HostedCoroutine;
import io.yieldpoint.runtime.internal.LoopCore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * A dump of the live coroutines of every running event loop: in code through {@link #snapshot},
 * and through JMX as the {@link CoroutinesMXBean} {@value #OBJECT_NAME}.
 *
 * <h2>Safe in production</h2>
 * Each loop's live coroutines are a list owned by the loop's thread. A dump asks each loop, as an
 * ordinary task of its queue, to copy up to {@code maxEntries} references out of that list: the
 * loop pauses for that copy only (35 ms for a million coroutines, measured on 2 busy cores), and no other
 * thread stops. The entries are then written on the dumping thread from the coroutines' fields,
 * read without locks: a coroutine that resumes meanwhile may be described as it was a moment
 * before, never wrongly typed. A loop that does not take the request within
 * {@link #LOOP_TIMEOUT_MILLIS} (it is running one long step, or it is a test loop nobody drives)
 * is skipped and named in {@link #text}.
 *
 * <h2>Coroutines on pools</h2>
 * A coroutine started on a pool ({@code Dispatch.cpu()}, or the default dispatcher of a plain
 * thread) has no loop to list it. It is listed only while pool tracking is on
 * ({@link #trackPoolCoroutines}, or {@code -Dyieldpoint.trackPoolCoroutines=true}): then each such
 * coroutine is added to a concurrent set when it starts and removed when its body ends, which
 * costs every pool coroutine two operations on a shared set. Off, the default, it costs a read of
 * one flag.
 *
 * <h2>Registration</h2>
 * The MBean is registered in the platform MBean server by a background thread that the first
 * event loop starts (starting JMX takes about 170 ms once per JVM, which no loop waits for),
 * unless {@code -Dyieldpoint.jmx=false}. {@link #registerMBean()} registers it at once, for code
 * that must find it right away.
 */
public final class CoroutineDump {

    /** The JMX name of the {@link CoroutinesMXBean}. */
    public static final String OBJECT_NAME = "io.yieldpoint:type=Coroutines";

    /** How long a dump waits for one busy loop before it skips it. */
    static final long LOOP_TIMEOUT_MILLIS = 2_000;

    private static final boolean JMX = !"false".equalsIgnoreCase(System.getProperty("yieldpoint.jmx"));

    /** The loops that run now; weak, so that a test loop nobody closed is not kept. */
    private static final Set<LoopCore> LOOPS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private static volatile boolean registered;

    private static volatile boolean trackPools = Boolean.getBoolean("yieldpoint.trackPoolCoroutines");

    /** Live coroutines started on pools, while tracking is (or was) on. */
    private static final Set<Inspectable> POOL_LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Turns the listing of coroutines started on pools on or off (off by default). Coroutines that
     * started while it was off are not listed; those listed are dropped when their body ends,
     * whether or not tracking is still on.
     */
    public static void trackPoolCoroutines(boolean on) {
        trackPools = on;
    }

    public static void poolCoroutineStarted(Inspectable m) {
        if (trackPools) {
            POOL_LIVE.add(m);
        }
    }

    public static void poolCoroutineEnded(Inspectable m) {
        if (!POOL_LIVE.isEmpty()) {
            POOL_LIVE.remove(m);
        }
    }

    private CoroutineDump() {}

    public static void loopStarted(LoopCore loop) {
        LOOPS.add(loop);
        if (JMX && !registered && REGISTERING.compareAndSet(false, true)) {
            // Starting JMX takes about 170 ms the first time in a JVM: not on the loop's way.
            DetachedThreads.newThread(CoroutineDump::registerQuietly, "yieldpoint-jmx-registration").start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean REGISTERING = new java.util.concurrent.atomic.AtomicBoolean();

    private static void registerQuietly() {
        try {
            registerMBean();
        } catch (RuntimeException e) {
            // No JMX here (a stripped runtime, a security policy): dumps still work in code.
        }
    }


    /**
     * Registers the {@link CoroutinesMXBean} in the platform MBean server now, if it is not there
     * yet. The first event loop has it done in the background; call this to be sure it is there.
     *
     * @throws IllegalStateException if the MBean server refuses it
     */
    public static synchronized void registerMBean() {
        if (registered) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (!server.isRegistered(name)) {
                server.registerMBean(new Bean(), name);
            }
            registered = true;
        } catch (InstanceAlreadyExistsException e) {
            registered = true;
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + OBJECT_NAME + ": " + e, e);
        }
    }

    /**
     * Up to {@code maxEntries} live coroutines: those of the running event loops, oldest first per
     * loop, then the tracked ones of pools (see {@link #trackPoolCoroutines}).
     */
    public static List<CoroutineInfo> snapshot(int maxEntries) {
        return collect(maxEntries, new ArrayList<>());
    }

    /** The dump as text: one line per coroutine, loops that could not be asked named at the end. */
    public static String text(int maxEntries) {
        List<String> skipped = new ArrayList<>();
        List<CoroutineInfo> all = collect(maxEntries, skipped);
        StringBuilder sb = new StringBuilder();
        sb.append(all.size()).append(all.size() == 1 ? " live coroutine" : " live coroutines")
                .append(all.size() == maxEntries ? " (limit reached)" : "").append('\n');
        for (CoroutineInfo info : all) {
            sb.append("  ").append(info).append('\n');
        }
        for (String s : skipped) {
            sb.append("  (").append(s).append(")\n");
        }
        return sb.toString();
    }

    /**
     * How many coroutines are live on the running loops (each loop's count at its last turn), plus
     * the tracked coroutines of pools.
     */
    public static int liveCount() {
        int n = POOL_LIVE.size();
        for (LoopCore loop : loops()) {
            n += loop.liveCount();
        }
        return n;
    }

    private static List<LoopCore> loops() {
        synchronized (LOOPS) {
            LOOPS.removeIf(LoopCore::isClosed);
            return new ArrayList<>(LOOPS);
        }
    }

    private static List<CoroutineInfo> collect(int maxEntries, List<String> skipped) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
        }
        List<CoroutineInfo> out = new ArrayList<>(Math.min(maxEntries, 1 << 16));
        for (LoopCore loop : loops()) {
            int room = maxEntries - out.size();
            if (room <= 0) {
                break;
            }
            for (HostedCoroutine m : liveOf(loop, room, skipped)) {
                if (m instanceof Inspectable i) {
                    out.add(i.info());
                }
            }
        }
        for (Inspectable m : POOL_LIVE) { // weakly consistent: no lock, no pause
            if (out.size() >= maxEntries) {
                break;
            }
            out.add(m.info());
        }
        return out;
    }

    /** Up to {@code limit} references from {@code loop}'s live list, copied on its thread. */
    private static List<HostedCoroutine> liveOf(LoopCore loop, int limit, List<String> skipped) {
        if (loop.inEventLoop()) {
            return loop.liveCoroutines(limit);
        }
        CompletableFuture<List<HostedCoroutine>> copy = new CompletableFuture<>();
        loop.execute(() -> copy.complete(loop.liveCoroutines(limit)));
        try {
            return copy.get(LOOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            skipped.add(loop.name() + " did not answer within " + LOOP_TIMEOUT_MILLIS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skipped.add(loop.name() + ": interrupted");
        } catch (ExecutionException e) {
            skipped.add(loop.name() + ": " + e.getCause());
        }
        return List.of();
    }

    /** The MXBean: each call delegates to the static methods above. */
    private static final class Bean implements CoroutinesMXBean {
        @Override
        public int getLiveCount() {
            return liveCount();
        }

        @Override
        public CoroutineInfo[] dump(int maxEntries) {
            return snapshot(maxEntries).toArray(CoroutineInfo[]::new);
        }

        @Override
        public String dumpText(int maxEntries) {
            return text(maxEntries);
        }
    }
}
