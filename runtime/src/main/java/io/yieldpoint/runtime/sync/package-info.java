/**
 * Coordination between coroutines without blocking a thread: channels
 * ({@link io.yieldpoint.runtime.sync.Channel}) with {@link io.yieldpoint.runtime.sync.Select},
 * {@link io.yieldpoint.runtime.sync.Mutex} and {@link io.yieldpoint.runtime.sync.Semaphore}.
 * Each waits as a task a coroutine awaits, and every one of them may be used from any thread.
 */
@NullMarked
package io.yieldpoint.runtime.sync;

import org.jspecify.annotations.NullMarked;
