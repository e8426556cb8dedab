package io.yieldpoint.examples.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of the example's pipeline: a request whose coroutine failed, or a connection
 * that broke, ends the connection (the client sees it closed rather than waiting for an answer).
 */
final class CloseOnFailure extends ChannelInboundHandlerAdapter {

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the connection is going away either way
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
