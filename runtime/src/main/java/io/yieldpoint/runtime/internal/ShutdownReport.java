package io.yieldpoint.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one event loop's shutdown left behind, said once through the {@value RuntimeLog#SHUTDOWN}
 * logger when the loop closes: the coroutines still live when the shutdown timeout passed (each
 * with where it is suspended and what it awaits) and the failures nobody observed. Each of them also
 * goes to the loop's uncaught-exception handler, with its stack trace; this is the summary, a
 * {@code WARNING} if anything was left, else a {@code DEBUG} record of a clean shutdown.
 */
final class ShutdownReport {

    private final String loop;
    private final long startedAt = System.nanoTime();
    private final List<String> stillLive = new ArrayList<>();
    private final List<String> unobserved = new ArrayList<>();

    ShutdownReport(String loop) {
        this.loop = loop;
    }

    void stillLive(HostedCoroutine m) {
        stillLive.add(m.describe());
    }

    /** A failure nobody observed; {@code source} is its coroutine, or a description of one collected. */
    void unobservedFailure(Object source, Throwable failure) {
        unobserved.add((source instanceof HostedCoroutine m ? m.describe() : String.valueOf(source)) + ": " + failure);
    }

    /** Logs the summary; {@code timeoutNanos} is the loop's shutdown timeout. */
    void log(long timeoutNanos) {
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        if (stillLive.isEmpty() && unobserved.isEmpty()) {
            RuntimeLog.SHUTDOWN_LOG.log(Level.DEBUG, () -> loop + " shut down cleanly in " + took + " ms");
            return;
        }
        StringBuilder sb = new StringBuilder(loop).append(" shut down in ").append(took).append(" ms");
        if (!stillLive.isEmpty()) {
            sb.append("; ").append(stillLive.size()).append(stillLive.size() == 1 ? " coroutine" : " coroutines")
                    .append(" still live when it closed, which did not finish unwinding (shutdown timeout ")
                    .append(TimeUnit.NANOSECONDS.toMillis(timeoutNanos)).append(" ms):");
            stillLive.forEach(d -> sb.append("\n  ").append(d));
        }
        if (!unobserved.isEmpty()) {
            sb.append(stillLive.isEmpty() ? "; " : "\n").append(unobserved.size())
                    .append(unobserved.size() == 1 ? " failure" : " failures")
                    .append(" nobody observed (each reported to the uncaught-exception handler):");
            unobserved.forEach(d -> sb.append("\n  ").append(d));
        }
        RuntimeLog.SHUTDOWN_LOG.log(Level.WARNING, sb.toString());
    }
}
