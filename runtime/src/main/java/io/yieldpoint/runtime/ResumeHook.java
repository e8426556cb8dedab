package io.yieldpoint.runtime;

import io.yieldpoint.runtime.internal.CoroutineContext;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs around every step of every coroutine, on the thread that runs the step: to
 * restore thread-locals a library reads (a logging MDC, a tracing span, a security principal) from
 * the coroutine's {@link CoroutineLocal}s, and put back what the thread had afterwards.
 *
 * <pre>{@code
 * static final CoroutineLocal<Map<String, String>> LOG_CONTEXT = CoroutineLocal.named("mdc");
 *
 * ResumeHook.register(new ResumeHook() {
 *     public Object resumed() {
 *         Map<String, String> before = MDC.getCopyOfContextMap();
 *         Map<String, String> mine = LOG_CONTEXT.get();
 *         if (mine != null) MDC.setContextMap(mine); else MDC.clear();
 *         return before;
 *     }
 *     public void suspended(Object before) {
 *         if (before != null) MDC.setContextMap((Map<String, String>) before); else MDC.clear();
 *     }
 * });
 * }</pre>
 *
 * <p>Hooks run in registration order before a step ({@link #resumed}), in reverse order after it
 * ({@link #suspended}), including when the step throws; the coroutine's context is installed
 * before the first hook runs, so {@link CoroutineLocal#get()} works in them. They run for every
 * step of every coroutine in the JVM: keep them short. One that throws from {@code suspended} is
 * reported and the others still run.
 */
public interface ResumeHook {

    /**
     * A coroutine is about to run a step on this thread; returns what {@link #suspended} needs to
     * restore the thread (or null).
     */
    @Nullable Object resumed();

    /** The step has ended (suspended, returned or thrown); {@code token} is what {@link #resumed} gave. */
    void suspended(@Nullable Object token);

    /**
     * Adds {@code hook} for every coroutine step from now on.
     *
     * @return a handle whose {@code close()} removes the hook
     */
    static AutoCloseable register(ResumeHook hook) {
        java.util.Objects.requireNonNull(hook, "hook");
        CoroutineContext.StepHook step = new CoroutineContext.StepHook() {
            @Override
            public @Nullable Object resumed() {
                return hook.resumed();
            }

            @Override
            public void suspended(@Nullable Object token) {
                hook.suspended(token);
            }

            @Override
            public String toString() {
                return hook.toString();
            }
        };
        CoroutineContext.addHook(step);
        return () -> CoroutineContext.removeHook(step);
    }
}
