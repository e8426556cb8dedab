package io.yieldpoint.runtime;

/**
 * The time an event loop reads for its timers, in nanoseconds from an arbitrary origin.
 * Injectable so that tests can run on virtual time.
 */
@FunctionalInterface
public interface Clock {

    /** The system's monotonic clock. */
    Clock SYSTEM = System::nanoTime;

    /** Now, in nanoseconds; only differences between two readings mean anything. */
    long nanoTime();
}
