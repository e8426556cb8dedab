package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.FailureWatch;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The failures of an event loop's coroutines that ended with nobody waiting for them, until someone
 * observes them or nobody can any more.
 *
 * <p>A coroutine that fails while nobody waits may still be awaited later (its task is in a
 * variable), so its failure cannot be reported at once. It is reported when it can no longer be
 * observed: once the task has been garbage-collected without anyone having taken its outcome (each
 * entry holds the task weakly, and strongly its failure and a {@link FailureWatch} that learns of an
 * observation), or when the loop ends. A loop checks for collected tasks at each turn, when it has
 * entries: one poll of a reference queue. So a fire-and-forget coroutine that fails in a server is
 * reported at the first garbage collection after its end, not at shutdown, which may never come.
 * When entries pile up ({@link #CHECK_AT}), those observed meanwhile are dropped and the others
 * reported, which bounds the memory they hold.
 *
 * <p>Loop thread only.
 */
final class UnobservedFailures {

    /** Entries kept before the loop reports them without waiting for collection. */
    static final int CHECK_AT = 1024;

    private final ReferenceQueue<HostedCoroutine> collected = new ReferenceQueue<>();
    private final Set<Entry> entries = new HashSet<>();
    /** Where a failure goes: the loop's uncaught-exception handler. */
    private final BiConsumer<Object, Throwable> report;

    UnobservedFailures(BiConsumer<Object, Throwable> report) {
        this.report = report;
    }

    /** A failed coroutine, held weakly; its failure and what to call it, held strongly. */
    private static final class Entry extends WeakReference<HostedCoroutine> {
        final FailureWatch watch;
        final Throwable failure;
        final String description;

        Entry(HostedCoroutine m, FailureWatch watch, Throwable failure, ReferenceQueue<HostedCoroutine> queue) {
            super(m, queue);
            this.watch = watch;
            this.failure = failure;
            this.description = m.describe();
        }
    }

    /** {@code m} has ended with a failure nobody has observed yet: keep an eye on it. */
    void add(HostedCoroutine m) {
        Throwable failure = m.unobservedFailure();
        FailureWatch watch = m.watchUnobservedFailure();
        if (failure == null || watch == null || failure instanceof CancellationException) {
            return;
        }
        entries.add(new Entry(m, watch, failure, collected));
        if (entries.size() >= CHECK_AT) {
            entries.removeIf(e -> e.watch.observed());
            if (entries.size() >= CHECK_AT / 2) {
                reportAll(report);
            }
        }
    }

    /** Reports the failures of coroutines collected unobserved. Cheap when there are none. */
    void reportCollected() {
        if (entries.isEmpty()) {
            return;
        }
        Reference<? extends HostedCoroutine> r;
        while ((r = collected.poll()) != null) {
            Entry e = (Entry) r;
            if (entries.remove(e) && !e.watch.observed()) {
                report.accept("a coroutine collected without anyone awaiting it (" + e.description + ")", e.failure);
            }
        }
    }

    /**
     * Hands every failure still unobserved to {@code to}, and forgets them all: at the loop's end
     * (which also lists them in its shutdown report), or when too many pile up.
     */
    void reportAll(BiConsumer<Object, Throwable> to) {
        List<Entry> all = new ArrayList<>(entries);
        entries.clear();
        for (Entry e : all) {
            if (!e.watch.observed()) {
                @Nullable HostedCoroutine m = e.get();
                to.accept(m != null ? m : e.description, e.failure);
            }
            e.clear();
        }
    }

    /** How many are kept. */
    int size() {
        return entries.size();
    }
}
