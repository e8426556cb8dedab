package io.yieldpoint;

import org.jspecify.annotations.Nullable;

/**
 * What {@code return end();} returns: values already produced, readable both as a
 * {@link Generator} and as an {@link AsyncStream}, so that {@code end()} ends the bodies of both
 * kinds of coroutine. Generated code never builds one; in the blocking reading (a coroutine body run
 * as plain Java) it holds the values the body emitted, in order.
 *
 * @param <T> the type of the values
 */
public interface Emitted<T extends @Nullable Object> extends Generator<T>, AsyncStream<T> {}
