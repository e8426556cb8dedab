/**
 * The implementation behind the user API of {@code io.yieldpoint}: the task core
 * ({@link io.yieldpoint.internal.AbstractTask}), the blocking reading of the DSL, the combinators,
 * the thread's current dispatcher and the default one. Not for user code: see {@link InternalApi}.
 */
@InternalApi
@NullMarked
package io.yieldpoint.internal;

import org.jspecify.annotations.NullMarked;
