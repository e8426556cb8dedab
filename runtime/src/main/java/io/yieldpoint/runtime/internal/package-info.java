/**
 * The runtime's internals: the event loop's engine ({@link io.yieldpoint.runtime.internal.LoopCore})
 * and its two seams ({@link io.yieldpoint.runtime.internal.LoopTime} for time,
 * {@link io.yieldpoint.runtime.internal.IoHandler} for I/O), the narrow interface coroutines reach
 * their loop through ({@link io.yieldpoint.runtime.internal.CoroutineHost}), timers, live lists,
 * coroutine-context storage and the delivery of uncaught failures.
 *
 * <p>Public only so that the runtime's other packages and {@code yieldpoint-test} can reach it;
 * never needed by user code, and it changes without notice. It imports none of the runtime's
 * other packages.
 */
@InternalApi
@NullMarked
package io.yieldpoint.runtime.internal;

import io.yieldpoint.internal.InternalApi;
import org.jspecify.annotations.NullMarked;
