package io.yieldpoint.runtime;

import java.util.Arrays;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The values of {@link CoroutineLocal}s a coroutine carries: an immutable map, copied on write,
 * captured by a coroutine when it starts (from the coroutine, or the {@code with} block, running on
 * the starting thread) and installed on whatever thread runs each of its steps.
 *
 * <h2>Cost</h2>
 * Nothing at all until the first {@code CoroutineLocal} or {@link ResumeHook} exists: steps check
 * one static flag. After that, a step costs one {@code ThreadLocal} read and two field writes,
 * plus the hooks. A context is an array of key/value pairs searched linearly: coroutines carry a
 * handful of values, for which that beats any hashed map.
 */
final class CoroutineContext {

    static final CoroutineContext EMPTY = new CoroutineContext(new Object[0]);

    /** Set once a CoroutineLocal or a hook exists; until then steps skip all of this. */
    static volatile boolean inUse;

    private static final ThreadLocal<Frame> FRAME = ThreadLocal.withInitial(Frame::new);
    private static final CopyOnWriteArrayList<ResumeHook> HOOKS = new CopyOnWriteArrayList<>();

    /** The context current on one thread. */
    static final class Frame {
        CoroutineContext current = EMPTY;
    }

    /** key0, value0, key1, value1... */
    private final Object[] pairs;

    private CoroutineContext(Object[] pairs) {
        this.pairs = pairs;
    }

    Object get(CoroutineLocal<?> key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == key) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    CoroutineContext with(CoroutineLocal<?> key, Object value) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == key) {
                Object[] copy = pairs.clone();
                copy[i + 1] = value;
                return new CoroutineContext(copy);
            }
        }
        Object[] copy = Arrays.copyOf(pairs, pairs.length + 2);
        copy[pairs.length] = key;
        copy[pairs.length + 1] = value;
        return new CoroutineContext(copy);
    }

    boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < pairs.length; i += 2) {
            j.add(((CoroutineLocal<?>) pairs[i]).name() + "=" + pairs[i + 1]);
        }
        return j.toString();
    }

    // ---------------------------------------------------------------- the current context

    static Frame frame() {
        return FRAME.get();
    }

    /** The context current on this thread: the running coroutine's, or a {@code with} block's. */
    static CoroutineContext current() {
        return inUse ? FRAME.get().current : EMPTY;
    }

    /** Calls {@code body} with {@code context} installed as the current one on this thread. */
    static <T> T callIn(CoroutineContext context, java.util.function.Supplier<T> body) {
        Frame frame = FRAME.get();
        CoroutineContext previous = frame.current;
        frame.current = context;
        try {
            return body.get();
        } finally {
            frame.current = previous;
        }
    }

    /** Hooks to run around each step; read once per step. */
    static ResumeHook[] hooks() {
        return HOOKS.toArray(new ResumeHook[0]);
    }

    static void addHook(ResumeHook hook) {
        inUse = true;
        HOOKS.add(hook);
    }

    static boolean removeHook(ResumeHook hook) {
        return HOOKS.remove(hook);
    }

    /**
     * Runs a step of {@code machine} with {@code context} installed on this thread and the hooks around it:
     * each hook's {@code resumed} in registration order, its {@code suspended} in reverse order,
     * even if the step throws.
     */
    @SuppressWarnings("Finally") // a fatal error from a hook replaces the step's outcome on purpose
    static void runIn(CoroutineContext context, CoroutineMachine<?> machine) {
        Frame frame = FRAME.get();
        CoroutineContext previous = frame.current;
        frame.current = context;
        ResumeHook[] hooks = HOOKS.isEmpty() ? null : hooks();
        Object[] tokens = hooks == null ? null : new Object[hooks.length];
        int entered = 0;
        try {
            if (hooks != null) {
                for (; entered < hooks.length; entered++) {
                    tokens[entered] = hooks[entered].resumed();
                }
            }
            machine.runStep();
        } finally {
            for (int i = entered - 1; i >= 0; i--) {
                try {
                    hooks[i].suspended(tokens[i]);
                } catch (RuntimeException | Error e) {
                    if (Uncaught.isFatal(e)) {
                        throw e;
                    }
                    Uncaught.report(UncaughtExceptionHandler.PRINT, hooks[i], e);
                }
            }
            frame.current = previous;
        }
    }
}
