package io.yieldpoint.runtime;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The records of every {@code System.Logger} of the test JVM, captured for assertions: this
 * module's test resources install {@link Finder} as the JVM's {@code System.LoggerFinder}
 * ({@code META-INF/services/java.lang.System$LoggerFinder}, read when the first logger is made).
 * A capture collects the records logged while it is open; records nobody captures are printed to
 * {@code System.err} (levels {@code INFO} and above), as the JDK's default backend would.
 */
public final class LogCapture implements AutoCloseable {

    /** One log record. */
    public record Entry(String logger, Level level, String message, Throwable thrown) {
        @Override
        public String toString() {
            return level + " " + logger + ": " + message + (thrown == null ? "" : " [" + thrown + "]");
        }
    }

    private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();

    private final List<Entry> entries = new ArrayList<>();

    private LogCapture() {}

    /** Starts capturing. */
    public static LogCapture start() {
        LogCapture c = new LogCapture();
        OPEN.add(c);
        return c;
    }

    /** Every record of {@code logger} captured so far. */
    public synchronized List<Entry> of(String logger) {
        return entries.stream().filter(e -> e.logger().equals(logger)).toList();
    }

    /**
     * Waits for a record of {@code logger} that matches, logged by any thread; fails after a
     * generous real-time bound (a test that hangs is a failure, not a timing assertion).
     */
    public synchronized Entry await(String logger, Predicate<Entry> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            for (Entry e : entries) {
                if (e.logger().equals(logger) && matches.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching record of " + logger + " among " + entries);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void add(Entry e) {
        entries.add(e);
        notifyAll();
    }

    @Override
    public void close() {
        OPEN.remove(this);
    }

    private static void publish(Entry e) {
        if (OPEN.isEmpty()) {
            if (e.level().getSeverity() >= Level.INFO.getSeverity()) {
                synchronized (System.err) {
                    System.err.println(e.level() + " " + e.logger() + ": " + e.message());
                    if (e.thrown() != null) {
                        e.thrown().printStackTrace();
                    }
                }
            }
            return;
        }
        for (LogCapture c : OPEN) {
            c.add(e);
        }
    }

    /** The {@code System.LoggerFinder} of the test JVM: loggers that publish to the open captures. */
    public static final class Finder extends System.LoggerFinder {
        @Override
        public System.Logger getLogger(String name, Module module) {
            return new CapturingLogger(name);
        }
    }

    private record CapturingLogger(String name) implements System.Logger {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            return level != Level.OFF;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            publish(new Entry(name, level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            publish(new Entry(name, level, msg, null));
        }
    }
}
