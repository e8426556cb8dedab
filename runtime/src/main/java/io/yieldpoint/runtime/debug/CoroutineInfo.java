package io.yieldpoint.runtime.debug;

import javax.management.openmbean.CompositeData;

/**
 * One live coroutine in a dump: what it is in the user's terms, and what it waits for.
 *
 * <p>A snapshot taken without stopping the coroutine: a coroutine that resumes while the dump is
 * written may be described as it was just before. The getters make it an open type for JMX, so a
 * dump taken through {@link CoroutinesMXBean} arrives in {@code jconsole} or any JMX client as a
 * table.
 */
public final class CoroutineInfo {

    private final String id;
    private final String method;
    private final String file;
    private final int line;
    private final String state;
    private final String awaiting;
    private final String dispatcher;
    private final String awaitedBy;

    public CoroutineInfo(String id, String method, String file, int line, String state, String awaiting,
            String dispatcher, String awaitedBy) {
        this.id = id;
        this.method = method;
        this.file = file;
        this.line = line;
        this.state = state;
        this.awaiting = awaiting;
        this.dispatcher = dispatcher;
        this.awaitedBy = awaitedBy;
    }

    /** Rebuilds an entry from its JMX form (used by MXBean proxies). */
    public static CoroutineInfo from(CompositeData data) {
        return new CoroutineInfo((String) data.get("id"), (String) data.get("method"), (String) data.get("file"),
                (Integer) data.get("line"), (String) data.get("state"), (String) data.get("awaiting"),
                (String) data.get("dispatcher"), (String) data.get("awaitedBy"));
    }

    /** The coroutine's identity: its method's name and an identity hash, as in {@link #getAwaitedBy()}. */
    public String getId() {
        return id;
    }

    /** The coroutine method, qualified: {@code demo.Fetcher.fetchData}. */
    public String getMethod() {
        return method;
    }

    /** The source file the method is written in: {@code Fetcher.java}; empty if unknown. */
    public String getFile() {
        return file;
    }

    /**
     * The line of the user's source the coroutine is suspended at (the line of its {@code await});
     * for a coroutine that is queued or running, where it resumes; -1 if unknown.
     */
    public int getLine() {
        return line;
    }

    /**
     * {@code suspended}, {@code queued} (ready to resume), {@code running}, {@code cancelled,
     * unwinding}; or, for a coroutine that finished while the dump was taken, {@code done} or
     * {@code ended}.
     */
    public String getState() {
        return state;
    }

    /** What it awaits: another coroutine (by id), a task or a future; empty if nothing. */
    public String getAwaiting() {
        return awaiting;
    }

    /** The name of the dispatcher it resumes on: an event loop or a pool. */
    public String getDispatcher() {
        return dispatcher;
    }

    /** The coroutine awaiting this one (its parent in the chain of awaits), by id; empty if none. */
    public String getAwaitedBy() {
        return awaitedBy;
    }

    /** One line: {@code Fetcher.fetchData@1b6d3586 suspended at Fetcher.java:12 on ..., on main-loop}. */
    @Override
    public String toString() {
        return id + " " + state + " at " + (file.isEmpty() ? "?" : file) + ":" + line
                + (awaiting.isEmpty() ? "" : " awaiting " + awaiting) + ", on " + dispatcher
                + (awaitedBy.isEmpty() ? "" : ", awaited by " + awaitedBy);
    }
}
