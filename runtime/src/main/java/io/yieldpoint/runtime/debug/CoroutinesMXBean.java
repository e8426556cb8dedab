package io.yieldpoint.runtime.debug;

/**
 * The live coroutines of this JVM, for JMX clients ({@code jconsole}, {@code jmxterm}, a
 * monitoring agent): registered as {@value CoroutineDump#OBJECT_NAME} when the first event loop
 * starts, with no agent and no flag. Every operation is bounded by its {@code maxEntries}.
 */
public interface CoroutinesMXBean {

    /** How many coroutines are live on the running event loops. */
    int getLiveCount();

    /** Up to {@code maxEntries} live coroutines, oldest first per event loop. */
    CoroutineInfo[] dump(int maxEntries);

    /** The same as text, one line per coroutine. */
    String dumpText(int maxEntries);
}
