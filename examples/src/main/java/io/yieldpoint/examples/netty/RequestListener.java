package io.yieldpoint.examples.netty;

/**
 * What the example server tells whoever watches it (its test): connections, and requests that
 * start and that are cancelled because their connection closed. Called on the channel's loop; the
 * default does nothing.
 */
public interface RequestListener {

    /** A listener that ignores everything. */
    RequestListener NONE = new RequestListener() {};

    /** A connection was accepted. */
    default void connected() {}

    /** A request's coroutine started waiting for the back-end. */
    default void started(String target) {}

    /** A request's coroutine was cancelled (its connection closed) and has unwound. */
    default void cancelled(String target) {}
}
