/**
 * Coroutines inside a Netty pipeline: {@link io.yieldpoint.netty.NettyDispatcher} makes a Netty
 * event loop a Yieldpoint dispatcher, {@link io.yieldpoint.netty.NettyTasks} turns Netty futures into
 * tasks to await (cancellation both ways), and {@link io.yieldpoint.netty.CoroutineHandler} runs a
 * coroutine per inbound message, one at a time per channel, with reading paused while messages
 * pile up. See
 * docs/netty.md.
 */
@NullMarked
package io.yieldpoint.netty;

import org.jspecify.annotations.NullMarked;
