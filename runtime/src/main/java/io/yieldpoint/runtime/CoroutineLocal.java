package io.yieldpoint.runtime;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.internal.CoroutineContext;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value that belongs to a coroutine rather than to a thread: it follows the coroutine to every
 * thread that runs a step of it (an event loop, a pool after {@code switchTo}), and every coroutine
 * it starts inherits it. Like Kotlin's {@code CoroutineContext} elements, or a
 * {@code ScopedValue} that survives suspension.
 *
 * <pre>{@code
 * static final CoroutineLocal<String> REQUEST_ID = CoroutineLocal.named("requestId");
 *
 * Task<Response> handle(Request request) {
 *     return REQUEST_ID.with(request.id(), () -> service.handle(request));   // a coroutine
 * }
 *
 * @Coroutine default Task<Response> handle(Request request) {
 *     log("handling " + REQUEST_ID.get());            // the id, on whatever thread this runs
 *     Data d = await(blocking(() -> db.load(request)));
 *     log("loaded for " + REQUEST_ID.get());          // still the id, after the hop
 *     ...
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A coroutine captures the context current on the thread that starts it: that of the
 *       coroutine running there, or of the {@link #with} block, or none. It keeps it for its whole
 *       life, whoever resumes it.</li>
 *   <li>Values are immutable bindings: {@link #with} binds a value for the coroutines started in
 *       its block and their descendants; there is no {@code set}. (Bind a mutable holder to share
 *       changes.)</li>
 *   <li>{@link Dispatch#on}, {@code withPermit} and {@code withLock} start their body with the
 *       context of their caller, wherever the body runs.</li>
 * </ul>
 * To mirror values into thread-locals that other libraries read, see {@link ResumeHook}.
 *
 * @param <T> the type of the value
 */
public final class CoroutineLocal<T> {

    private final String name;

    private CoroutineLocal(String name) {
        this.name = name;
    }

    /** A new key; {@code name} is for dumps and {@code toString} only (keys compare by identity). */
    public static <T> CoroutineLocal<T> named(String name) {
        CoroutineContext.inUse = true;
        return new CoroutineLocal<>(Objects.requireNonNull(name, "name"));
    }

    /** The value in the current coroutine (or {@code with} block), or null if none is bound. */
    @SuppressWarnings("unchecked")
    public @Nullable T get() {
        return (T) CoroutineContext.current().get(this);
    }

    /** {@link #get()}, or {@code otherwise} if no value is bound. */
    public T orElse(T otherwise) {
        T v = get();
        return v != null ? v : otherwise;
    }

    /**
     * Calls {@code body} with this key bound to {@code value}: the coroutine it starts (and every
     * coroutine that one starts) sees the value, on every thread, for its whole life.
     */
    public <R extends @Nullable Object> Task<R> with(T value, Supplier<? extends Task<R>> body) {
        Objects.requireNonNull(body, "body");
        CoroutineContext bound = CoroutineContext.frame().current.with(this, name, value);
        return Objects.requireNonNull(CoroutineContext.callIn(bound, body), "the body returned null instead of a task");
    }

    /**
     * {@code body}, bound to the context current now: when called later, on any thread, the
     * coroutines it starts carry that context. For code that starts coroutines from callbacks.
     */
    public static <R extends @Nullable Object> Supplier<R> capture(Supplier<R> body) {
        Objects.requireNonNull(body, "body");
        CoroutineContext captured = CoroutineContext.current();
        if (captured.isEmpty()) {
            return body;
        }
        return () -> CoroutineContext.callIn(captured, body);
    }

    /** The name given to {@link #named}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "CoroutineLocal[" + name + "]";
    }
}
