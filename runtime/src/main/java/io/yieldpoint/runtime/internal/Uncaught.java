package io.yieldpoint.runtime.internal;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.internal.Exceptions;
import java.util.function.BiConsumer;

/**
 * Delivering failures nobody can observe any more, safely: a handler that throws is itself logged
 * (as the default handler logs, {@link Exceptions#logUncaught}), with the original failure
 * attached, and never takes down the thread that reported.
 */
public final class Uncaught {

    private Uncaught() {}

    /** Calls {@code handler}, logging instead whatever the handler itself throws. */
    public static void report(BiConsumer<Object, Throwable> handler, Object source, Throwable exception) {
        try {
            handler.accept(source, exception);
        } catch (Throwable broken) {
            if (Exceptions.isFatal(broken)) {
                throw broken;
            }
            if (broken != exception) { // a handler that rethrows what it was given
                broken.addSuppressed(exception);
            }
            Exceptions.logUncaught("the uncaught-exception handler " + handler, broken);
        }
    }

    /** Reports to {@code dispatcher} ({@link Dispatcher#reportUncaught}), logging what that throws. */
    public static void report(Dispatcher dispatcher, Object source, Throwable exception) {
        report(dispatcher::reportUncaught, source, exception);
    }
}
