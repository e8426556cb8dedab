/**
 * Testing coroutines: {@link io.yieldpoint.test.TestEventLoop}, an event loop on virtual time, so
 * that timers take no real time and every run of a test is the same. The {@code yieldpoint-test}
 * artifact, for test scope; the runtime's production classes hold no virtual-time code.
 */
@NullMarked
package io.yieldpoint.test;

import org.jspecify.annotations.NullMarked;
