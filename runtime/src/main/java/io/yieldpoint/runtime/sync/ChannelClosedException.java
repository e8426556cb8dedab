package io.yieldpoint.runtime.sync;

/**
 * A {@link Channel} was closed: thrown by {@code send} after {@link Channel#close()}, and by
 * {@code receive} once the channel is closed and every element sent before has been received.
 */
public class ChannelClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public ChannelClosedException(String message) {
        super(message);
    }
}
