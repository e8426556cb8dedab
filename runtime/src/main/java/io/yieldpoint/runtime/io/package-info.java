/**
 * Blocking calls kept off the event loop: files ({@link io.yieldpoint.runtime.io.BlockingFiles})
 * and name resolution ({@link io.yieldpoint.runtime.io.Dns}) on the blocking pool, as tasks a
 * coroutine awaits.
 */
@NullMarked
package io.yieldpoint.runtime.io;

import org.jspecify.annotations.NullMarked;
