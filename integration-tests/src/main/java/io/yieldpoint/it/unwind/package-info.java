/** Coroutines for the tests of cancellation that waits for the cancelled to unwind. */
@NullMarked
package io.yieldpoint.it.unwind;

import org.jspecify.annotations.NullMarked;
