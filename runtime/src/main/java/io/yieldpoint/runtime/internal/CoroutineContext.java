package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.Exceptions;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The values of {@code CoroutineLocal}s a coroutine carries: an immutable map, copied on write,
 * captured by a coroutine when it starts (from the coroutine, or the {@code with} block, running on
 * the starting thread) and installed on whatever thread runs each of its steps.
 *
 * <h2>Cost</h2>
 * Nothing at all until the first {@code CoroutineLocal} or {@code ResumeHook} exists: steps check
 * one static flag. After that, a step costs one {@code ThreadLocal} read and two field writes,
 * plus the hooks. A context is an array of key/value pairs searched linearly: coroutines carry a
 * handful of values, for which that beats any hashed map.
 */
public final class CoroutineContext {

    /** Runs one step of a coroutine: what {@link #runIn} wraps. */
    @FunctionalInterface
    public interface Step {
        void runStep();
    }

    /** Code run around every step (the runtime's {@code ResumeHook}s, adapted). */
    public interface StepHook {
        /** Before a step; what {@link #suspended} gets back. */
        @Nullable Object resumed();

        /** After the step, even if it threw. */
        void suspended(@Nullable Object token);
    }

    public static final CoroutineContext EMPTY = new CoroutineContext(new Object[0]);

    /** Set once a CoroutineLocal or a hook exists; until then steps skip all of this. */
    public static volatile boolean inUse;

    private static final ThreadLocal<Frame> FRAME = ThreadLocal.withInitial(Frame::new);
    private static final CopyOnWriteArrayList<StepHook> HOOKS = new CopyOnWriteArrayList<>();
    /** What runIn uses while there are no hooks: no array per step. */
    private static final StepHook[] NO_HOOKS = new StepHook[0];
    private static final @Nullable Object[] NO_TOKENS = new Object[0];

    /** The context current on one thread. */
    public static final class Frame {
        public CoroutineContext current = EMPTY;
    }

    /** key0, name0, value0, key1, name1, value1... (keys compare by identity; names are for dumps) */
    private final @Nullable Object[] pairs;

    private CoroutineContext(@Nullable Object[] pairs) {
        this.pairs = pairs;
    }

    /** The value bound to {@code key}, or null. */
    public @Nullable Object get(Object key) {
        for (int i = 0; i < pairs.length; i += 3) {
            if (pairs[i] == key) {
                return pairs[i + 2];
            }
        }
        return null;
    }

    /** This context with {@code key} (shown as {@code name}) bound to {@code value}. */
    public CoroutineContext with(Object key, String name, @Nullable Object value) {
        for (int i = 0; i < pairs.length; i += 3) {
            if (pairs[i] == key) {
                @Nullable Object[] copy = pairs.clone();
                copy[i + 2] = value;
                return new CoroutineContext(copy);
            }
        }
        @Nullable Object[] copy = Arrays.copyOf(pairs, pairs.length + 3);
        copy[pairs.length] = key;
        copy[pairs.length + 1] = name;
        copy[pairs.length + 2] = value;
        return new CoroutineContext(copy);
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < pairs.length; i += 3) {
            j.add(pairs[i + 1] + "=" + pairs[i + 2]);
        }
        return j.toString();
    }

    // ---------------------------------------------------------------- the current context

    public static Frame frame() {
        return FRAME.get();
    }

    /** The context current on this thread: the running coroutine's, or a {@code with} block's. */
    public static CoroutineContext current() {
        return inUse ? FRAME.get().current : EMPTY;
    }

    /** Calls {@code body} with {@code context} installed as the current one on this thread. */
    public static <T extends @Nullable Object> T callIn(CoroutineContext context, java.util.function.Supplier<T> body) {
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
    static StepHook[] hooks() {
        return HOOKS.toArray(new StepHook[0]);
    }

    public static void addHook(StepHook hook) {
        inUse = true;
        HOOKS.add(hook);
    }

    public static boolean removeHook(StepHook hook) {
        return HOOKS.remove(hook);
    }

    /**
     * Runs {@code step} with {@code context} installed on this thread and the hooks around it:
     * each hook's {@code resumed} in registration order, its {@code suspended} in reverse order,
     * even if the step throws.
     */
    @SuppressWarnings("Finally") // a fatal error from a hook replaces the step's outcome on purpose
    public static void runIn(CoroutineContext context, Step step) {
        Frame frame = FRAME.get();
        CoroutineContext previous = frame.current;
        frame.current = context;
        StepHook[] hooks = HOOKS.isEmpty() ? NO_HOOKS : hooks();
        @Nullable Object[] tokens = hooks.length == 0 ? NO_TOKENS : new Object[hooks.length];
        int entered = 0;
        try {
            for (; entered < hooks.length; entered++) {
                tokens[entered] = hooks[entered].resumed();
            }
            step.runStep();
        } finally {
            for (int i = entered - 1; i >= 0; i--) {
                try {
                    hooks[i].suspended(tokens[i]);
                } catch (RuntimeException | Error e) {
                    if (Exceptions.isFatal(e)) {
                        throw e;
                    }
                    Exceptions.logUncaught(hooks[i], e);
                }
            }
            frame.current = previous;
        }
    }
}
