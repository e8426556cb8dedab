package io.yieldpoint;

/** A handle on scheduled work, such as a timer, that can be called off. */
@FunctionalInterface
public interface Cancellable {

    /** Calls the work off if it has not run; harmless if it has. */
    void cancel();
}
