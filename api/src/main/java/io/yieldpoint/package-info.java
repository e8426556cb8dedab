/**
 * What user source names: {@link io.yieldpoint.Coroutine} marks a coroutine, {@link io.yieldpoint.Co}
 * is the yield-point DSL ({@code await}, {@code done}, {@code sleep}, {@code emit}...),
 * {@link io.yieldpoint.Task} and {@link io.yieldpoint.Generator} are what coroutines return, and
 * {@link io.yieldpoint.Dispatcher} is where they run. The implementation behind it is in
 * {@code io.yieldpoint.internal}, which user code never needs.
 */
@NullMarked
package io.yieldpoint;

import org.jspecify.annotations.NullMarked;
