package io.yieldpoint.runtime;

import io.yieldpoint.core.Dispatcher;
import java.io.PrintStream;

/** Delivering uncaught failures to the right {@link UncaughtExceptionHandler}, safely. */
final class Uncaught {

    private Uncaught() {}

    /** Calls {@code handler}, printing instead whatever the handler itself throws. */
    static void report(UncaughtExceptionHandler handler, Object source, Throwable exception) {
        try {
            handler.uncaughtException(source, exception);
        } catch (Throwable broken) {
            broken.addSuppressed(exception);
            print(System.err, "the uncaught-exception handler " + handler, broken);
        }
    }

    /** Reports to the handler of {@code dispatcher}: an event loop's or a pool's, else the default. */
    static void report(Dispatcher dispatcher, Object source, Throwable exception) {
        report(handlerOf(dispatcher), source, exception);
    }

    static UncaughtExceptionHandler handlerOf(Dispatcher dispatcher) {
        if (dispatcher instanceof EventLoop loop) {
            return loop.uncaughtExceptionHandler();
        }
        if (dispatcher instanceof Pool pool) {
            return pool.uncaughtExceptionHandler();
        }
        return UncaughtExceptionHandler.PRINT;
    }

    static void print(PrintStream out, Object source, Throwable exception) {
        synchronized (out) {
            out.println("Yieldpoint: uncaught exception in " + source);
            exception.printStackTrace(out);
        }
    }

    /** Errors after which nothing can be trusted: never swallowed. */
    static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError;
    }
}
