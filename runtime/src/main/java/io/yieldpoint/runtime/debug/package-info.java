/**
 * Seeing coroutines: the live dump ({@link io.yieldpoint.runtime.debug.CoroutineDump}, also as the
 * JMX bean {@link io.yieldpoint.runtime.debug.CoroutinesMXBean}), and stack traces rewritten in the
 * user's terms from the line tables generated code registers
 * ({@link io.yieldpoint.runtime.debug.SourceLines}). For tools and for people debugging; depends
 * only on the runtime's internals.
 */
@NullMarked
package io.yieldpoint.runtime.debug;

import org.jspecify.annotations.NullMarked;
