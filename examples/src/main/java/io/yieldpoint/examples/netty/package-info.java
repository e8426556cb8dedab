/**
 * The Netty bridge's example: an HTTP/1.1 server on Netty's codec (and, given a key store,
 * {@code SslHandler}), whose requests are coroutines run by {@code CoroutineHandler} on the
 * channels' loops. The same work as the example server of {@code io.yieldpoint.examples.http}, so
 * that it is a row of the HTTP load test. See docs/netty.md.
 */
@NullMarked
package io.yieldpoint.examples.netty;

import org.jspecify.annotations.NullMarked;
