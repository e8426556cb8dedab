package io.yieldpoint.runtime;

import io.yieldpoint.runtime.internal.LoopCore;
import io.yieldpoint.runtime.internal.RealTime;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every event loop has, whoever makes it ({@link EventLoop.Builder},
 * {@link EventLoopGroup.Builder}): its clock, its uncaught-exception handler, its shutdown timeout;
 * checked here once, and turned into a loop's engine.
 */
final class LoopSettings {
    private Clock clock = Clock.SYSTEM;
    private UncaughtExceptionHandler uncaught = UncaughtExceptionHandler.PRINT;
    private Duration shutdownTimeout = EventLoop.DEFAULT_SHUTDOWN_TIMEOUT;

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

    /** A new loop engine with these settings, owned by the calling thread, with its user's handle. */
    LoopCore newLoop() {
        Clock c = clock;
        UncaughtExceptionHandler u = uncaught;
        return EventLoop.of(new LoopCore(new RealTime(c::nanoTime), u::uncaughtException, shutdownTimeout)).core();
    }
}
