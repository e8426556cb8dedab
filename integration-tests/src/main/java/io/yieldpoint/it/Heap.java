package io.yieldpoint.it;

import java.lang.management.ManagementFactory;

/** The heap in use, for tests of bounded memory. */
public final class Heap {

    private Heap() {}

    /** Bytes of heap in use after a full collection (requested twice, as System.gc() is a hint). */
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
