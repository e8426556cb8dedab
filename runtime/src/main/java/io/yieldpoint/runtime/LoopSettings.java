package io.yieldpoint.runtime;

import io.yieldpoint.runtime.debug.SourceLines;
import io.yieldpoint.runtime.internal.LoopCore;
import io.yieldpoint.runtime.internal.RealTime;
import io.yieldpoint.runtime.internal.RuntimeLog;
import io.yieldpoint.runtime.internal.StallReport;
import io.yieldpoint.runtime.internal.StallWatchdog;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every event loop has, whoever makes it ({@link EventLoop.Builder},
 * {@link EventLoopGroup.Builder}): its clock, its uncaught-exception handler, its shutdown timeout,
 * its stall threshold; checked here once, and turned into a loop's engine (watched by the stall
 * watchdog if it has a threshold).
 */
final class LoopSettings {

    /** The system property that sets the default stall threshold: milliseconds, or {@code off}. */
    static final String STALL_THRESHOLD_PROPERTY = "yieldpoint.stallThreshold";

    private Clock clock = Clock.SYSTEM;
    private UncaughtExceptionHandler uncaught = UncaughtExceptionHandler.LOG;
    private Duration shutdownTimeout = EventLoop.DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration stallThreshold = defaultStallThreshold();

    void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void uncaughtExceptionHandler(UncaughtExceptionHandler handler) {
        this.uncaught = Objects.requireNonNull(handler, "handler");
    }

    void shutdownTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative shutdown timeout: " + timeout);
        }
        this.shutdownTimeout = timeout;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    void stallThreshold(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("negative stall threshold: " + threshold);
        }
        this.stallThreshold = threshold;
    }

    /**
     * {@value #STALL_THRESHOLD_PROPERTY} if set (milliseconds; {@code 0} or {@code off} turns
     * detection off), else {@link EventLoop#DEFAULT_STALL_THRESHOLD}.
     */
    static Duration defaultStallThreshold() {
        String value = System.getProperty(STALL_THRESHOLD_PROPERTY);
        if (value == null || value.isBlank()) {
            return EventLoop.DEFAULT_STALL_THRESHOLD;
        }
        if (value.strip().equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        RuntimeLog.runtime().log(System.Logger.Level.WARNING, "-D" + STALL_THRESHOLD_PROPERTY + "=" + value
                + " is neither milliseconds nor 'off'; the default of "
                + EventLoop.DEFAULT_STALL_THRESHOLD.toMillis() + " ms applies");
        return EventLoop.DEFAULT_STALL_THRESHOLD;
    }

    /** A new loop engine with these settings, owned by the calling thread, with its user's handle. */
    LoopCore newLoop() {
        Clock c = clock;
        UncaughtExceptionHandler u = uncaught;
        boolean watched = !stallThreshold.isZero();
        LoopCore core = EventLoop.of(new LoopCore(new RealTime(c::nanoTime), u::uncaughtException, shutdownTimeout,
                watched)).core();
        if (watched) {
            StallWatchdog.watch(core, stallThreshold.toNanos(),
                    new StallReport(SourceLines::rewrite, SourceLines::coroutineFrame));
        }
        return core;
    }
}
