package io.yieldpoint.runtime.internal;

/**
 * The seam through which an event loop waits for I/O: the loop's selector
 * ({@code io.yieldpoint.runtime.net.IoSelector}) behind an interface, so that the loop knows
 * nothing of channels. A loop has one once an I/O primitive asked for it
 * ({@link LoopCore#ioHandler}); a loop that never does I/O parks instead.
 *
 * <p>Every method but {@link #wakeup()} runs on the loop thread.
 */
public interface IoHandler {

    /** Handles the channels ready now, without blocking: a busy loop still sees its sockets. */
    void pollNow();

    /** Blocks until a channel is ready, a wake-up, or {@code nanos} have passed (forever if negative). */
    void select(long nanos);

    /** Ends a blocking {@link #select} early. Any thread. */
    void wakeup();

    /** The loop is closing: fail what waits, close the channels and the selector. */
    void close();
}
