package io.yieldpoint.examples.netty;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.yieldpoint.examples.http.DemoApp;
import java.time.Duration;

/** Plain helpers of {@link BridgeApp}: what a request waits for, and writing an answer. */
final class Responses {

    private Responses() {}

    /** The back-end's latency for {@code target}: {@code /delay/<ms>}, else 10 ms. */
    static Duration latencyOf(String target) {
        if (target.startsWith("/delay/")) {
            return Duration.ofMillis(Long.parseLong(target.substring("/delay/".length())));
        }
        return DemoApp.BACKEND_LATENCY;
    }

    /** Writes a text response; closes the connection after it unless kept alive. */
    @SuppressWarnings("FutureReturnValueIgnored") // addListener returns its own future, for chaining
    static ChannelFuture respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body,
            boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(UTF_8)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
