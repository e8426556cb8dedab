/** Calling HTTP services from coroutines with the JDK's {@code HttpClient}: timeouts, retries, cancellation. */
@NullMarked
package io.yieldpoint.examples.outbound;

import org.jspecify.annotations.NullMarked;
