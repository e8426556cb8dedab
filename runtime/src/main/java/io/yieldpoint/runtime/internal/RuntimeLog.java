package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.Exceptions;
import java.lang.System.Logger;

/**
 * The runtime's {@link System.Logger}s, by what they report. Their names are hierarchical, so that
 * configuring {@code io.yieldpoint} (or {@code io.yieldpoint.runtime}) in the logging framework
 * behind {@code System.Logger} covers them all:
 * <ul>
 *   <li>{@value Exceptions#UNCAUGHT_LOGGER}: failures nobody can observe, at {@code ERROR}, when the
 *       uncaught-exception handler is the default one;</li>
 *   <li>{@value #STALL}: a step that held its event loop longer than the stall threshold
 *       ({@code WARNING}), and how long it ran in all once it ended ({@code INFO});</li>
 *   <li>{@value #SHUTDOWN}: what a loop's shutdown left behind: coroutines still live past the
 *       shutdown timeout, failures nobody observed ({@code WARNING}); a clean shutdown at
 *       {@code DEBUG};</li>
 *   <li>{@value #RUNTIME}: anything else (line tables the runtime cannot read).</li>
 * </ul>
 * The loggers are made when this class initializes, which the first event loop causes, so that the
 * logging backend is set up (its configuration read) while the process still has file descriptors;
 * the default time zone is loaded then too, since the JDK's default formatter reads it (from
 * {@code lib/tzdb.dat}) for the first record it prints: a process out of descriptors could
 * otherwise not say so.
 */
public final class RuntimeLog {

    /** The parent of the runtime's loggers, and the logger of what has no more specific one. */
    public static final String RUNTIME = "io.yieldpoint.runtime";
    /** Loop stalls. */
    public static final String STALL = "io.yieldpoint.runtime.stall";
    /** Shutdown reports. */
    public static final String SHUTDOWN = "io.yieldpoint.runtime.shutdown";

    /** The logger {@code Exceptions.logUncaught} writes to, made now with the others. */
    @SuppressWarnings("unused")
    private static final Logger UNCAUGHT_LOG = Exceptions.uncaughtLogger();
    static final Logger STALL_LOG = System.getLogger(STALL);
    static final Logger SHUTDOWN_LOG = System.getLogger(SHUTDOWN);
    private static final Logger RUNTIME_LOG = System.getLogger(RUNTIME);

    /** Loaded with the loggers: see the class comment (both the JDK's time-zone caches). */
    @SuppressWarnings("unused")
    private static final java.time.zone.ZoneRules DEFAULT_ZONE = java.time.ZoneId.systemDefault().getRules();

    private RuntimeLog() {}

    /** Sets the loggers up now (see the class comment). */
    public static void init() {
        // The class initializer has done it.
    }

    /** The logger of what has no more specific one ({@value #RUNTIME}). */
    public static Logger runtime() {
        return RUNTIME_LOG;
    }
}
