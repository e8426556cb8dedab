package io.yieldpoint.examples.outbound;

import org.jspecify.annotations.Nullable;

/** An outbound call that failed for good: its last attempt's failure is the cause. */
public final class OutboundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (or null). */
    public OutboundException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
