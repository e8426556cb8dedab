package io.yieldpoint.internal;

import io.yieldpoint.Dispatcher;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * Which dispatcher the current thread belongs to.
 *
 * <p>Event loops and pool threads register themselves here while they run; any other thread gets
 * the {@linkplain DefaultDispatcher default dispatcher}, so a coroutine started on a plain thread
 * runs its first step there and resumes on the default pool.
 *
 * <h2>The last loop entered</h2>
 * Every coroutine and every {@code yieldNow} asks which dispatcher is current, and a thread-local
 * look-up is a good part of what a spawn or a yield costs. So the event loop ({@link TaskOwner})
 * that entered last is also kept in {@code last}, with its thread, and a thread that finds itself
 * there skips the thread-local. Only {@link #enter} and {@link #restore} write {@code last}, never a
 * look-up, so threads do not fight over it (with several loops, all but the last entered simply take
 * the thread-local). Why a thread never finds a stale answer there: an entry names one thread and
 * only that thread writes entries naming it; it replaces or clears its entry in {@code enter} and
 * {@code restore} before it answers again; and a thread's read of {@code last} (acquire) never sees a
 * value older than its own last write to it (coherence). An entry naming another thread is ignored.
 */
public final class CurrentDispatcher {

    private static final ThreadLocal<Dispatcher> CURRENT = new ThreadLocal<>();

    /** The loop that entered last and its thread (immutable). */
    private record Entry(Thread thread, Dispatcher dispatcher) {}

    @SuppressWarnings("unused") // accessed through LAST
    private static @Nullable Entry last;

    private static final VarHandle LAST;

    static {
        try {
            LAST = MethodHandles.lookup().findStaticVarHandle(CurrentDispatcher.class, "last", Entry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CurrentDispatcher() {}

    /** The dispatcher of the calling thread, or the default one. */
    public static Dispatcher current() {
        Dispatcher d = ofCurrentThread();
        return d != null ? d : DefaultDispatcher.INSTANCE;
    }

    /** The dispatcher the calling thread belongs to, or null for a plain thread. */
    public static @Nullable Dispatcher ofCurrentThread() {
        Entry e = (Entry) LAST.getAcquire();
        if (e != null && e.thread() == Thread.currentThread()) {
            return e.dispatcher();
        }
        return CURRENT.get();
    }

    /** Keeps {@code last} in step with the calling thread's new current dispatcher. */
    private static void remember(@Nullable Dispatcher now) {
        Thread me = Thread.currentThread();
        Entry e = (Entry) LAST.getAcquire();
        if (e != null && e.thread() == me) {
            LAST.compareAndSet(e, null); // fails only if another thread replaced it: then not ours
        }
        if (now instanceof TaskOwner) {
            LAST.setRelease(new Entry(me, now));
        }
    }

    /**
     * Marks the calling thread as belonging to {@code dispatcher} and returns the dispatcher it
     * belonged to before (null if none), to give to {@link #restore} when it stops.
     */
    public static @Nullable Dispatcher enter(Dispatcher dispatcher) {
        Dispatcher previous = CURRENT.get();
        CURRENT.set(dispatcher);
        remember(dispatcher);
        return previous;
    }

    /** Undoes {@link #enter}. */
    public static void restore(@Nullable Dispatcher previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
        remember(previous);
    }

    /** Whether the calling thread belongs to a dispatcher on which blocking is refused. */
    public static boolean blockingRefusedHere() {
        Dispatcher d = ofCurrentThread();
        return d != null && d.refusesBlocking();
    }
}
