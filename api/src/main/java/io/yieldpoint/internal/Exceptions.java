package io.yieldpoint.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Rethrowing and reporting exceptions: the rules shared by every path that surfaces a failure. */
public final class Exceptions {

    private Exceptions() {}

    /**
     * Throws {@code t} as it is, checked or not. Declared to return an exception so that callers
     * can write {@code throw Exceptions.rethrow(t);} and keep javac's flow analysis.
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Exceptions.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // E is inferred: the sneaky throw
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * The exception a {@code CompletionStage} really failed with: a {@code CompletionException}
     * or {@code ExecutionException} that only wraps a cause is unwrapped to it.
     */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Errors after which nothing can be trusted: never swallowed, never turned into a task's failure. */
    public static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError;
    }

    /**
     * The name of the {@link System.Logger} that failures nobody can observe go to by default:
     * {@value}. Configure it (or {@code io.yieldpoint}) in the logging framework behind
     * {@code System.Logger}; without one, the JDK's default backend prints it to {@code System.err}.
     */
    public static final String UNCAUGHT_LOGGER = "io.yieldpoint.uncaught";

    /**
     * The default report of a failure nobody can observe: an {@code ERROR} record of the
     * {@value #UNCAUGHT_LOGGER} logger, naming its source, with the failure attached. If logging
     * itself fails (a broken backend, a process out of file descriptors), the failure is printed to
     * {@code System.err} instead, with the logging's failure suppressed in it: it is never lost.
     */
    public static void logUncaught(Object source, Throwable failure) {
        try {
            uncaughtLogger().log(System.Logger.Level.ERROR, "uncaught exception in " + source, failure);
        } catch (RuntimeException | Error broken) {
            if (isFatal(broken)) {
                throw broken;
            }
            if (broken != failure) {
                failure.addSuppressed(broken);
            }
            printUncaught(source, failure);
        }
    }

    /**
     * The {@value #UNCAUGHT_LOGGER} logger, made once, on first use (the runtime's first event loop
     * makes it, while the process still has file descriptors).
     */
    public static System.Logger uncaughtLogger() {
        return UncaughtLogger.LOG;
    }

    private static final class UncaughtLogger {
        static final System.Logger LOG = System.getLogger(UNCAUGHT_LOGGER);
    }

    /** A report of a failure nobody can observe straight to {@code System.err}, with its source. */
    public static void printUncaught(Object source, Throwable failure) {
        java.io.PrintStream out = System.err;
        synchronized (out) {
            out.println("Yieldpoint: uncaught exception in " + source);
            failure.printStackTrace(out);
        }
    }
}
