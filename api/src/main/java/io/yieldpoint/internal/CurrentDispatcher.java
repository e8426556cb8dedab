package io.yieldpoint.internal;

import io.yieldpoint.Dispatcher;
import org.jspecify.annotations.Nullable;

/**
 * Which dispatcher the current thread belongs to.
 *
 * <p>Event loops and pool threads register themselves here while they run; any other thread gets
 * the {@linkplain DefaultDispatcher default dispatcher}, so a coroutine started on a plain thread
 * runs its first step there and resumes on the default pool.
 */
public final class CurrentDispatcher {

    private static final ThreadLocal<Dispatcher> CURRENT = new ThreadLocal<>();

    private CurrentDispatcher() {}

    /** The dispatcher of the calling thread, or the default one. */
    public static Dispatcher current() {
        Dispatcher d = CURRENT.get();
        return d != null ? d : DefaultDispatcher.INSTANCE;
    }

    /** The dispatcher the calling thread belongs to, or null for a plain thread. */
    public static @Nullable Dispatcher ofCurrentThread() {
        return CURRENT.get();
    }

    /**
     * Marks the calling thread as belonging to {@code dispatcher} and returns the dispatcher it
     * belonged to before (null if none), to give to {@link #restore} when it stops.
     */
    public static @Nullable Dispatcher enter(Dispatcher dispatcher) {
        Dispatcher previous = CURRENT.get();
        CURRENT.set(dispatcher);
        return previous;
    }

    /** Undoes {@link #enter}. */
    public static void restore(@Nullable Dispatcher previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** Whether the calling thread belongs to a dispatcher on which blocking is refused. */
    public static boolean blockingRefusedHere() {
        Dispatcher d = CURRENT.get();
        return d != null && d.refusesBlocking();
    }
}
