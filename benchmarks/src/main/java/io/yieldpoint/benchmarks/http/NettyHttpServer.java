package io.yieldpoint.benchmarks.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.yieldpoint.examples.http.DemoApp;
import java.util.concurrent.TimeUnit;

/**
 * The Netty competitor of the HTTP load test (docs/benchmarks.md): the same work as the Yieldpoint
 * example server (parse with the same size limits, wait 10 ms for a simulated back-end, answer the
 * same bytes, keep the connection alive; {@code /cpu...} adds {@link DemoApp#compute}), written as
 * Netty 4.2 users write it: NIO transport, {@code HttpServerCodec}, and the back-end wait as a task
 * scheduled on the channel's event loop.
 *
 * <pre>
 * java -cp ... io.yieldpoint.benchmarks.http.NettyHttpServer 8084 [threads]
 * </pre>
 *
 * One group of {@code threads} event loops (1 by default) accepts and serves, so the thread count
 * is the one given, as for {@code Http [port] [loops]}.
 */
@SuppressWarnings("FutureReturnValueIgnored") // as Netty users write it: failures reach the pipeline's exceptionCaught
public final class NettyHttpServer {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;
    private static final long BACKEND_MILLIS = 10;

    private NettyHttpServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8084;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(MAX_LINE, MAX_HEADER_BYTES, MAX_LINE),
                                    new HttpObjectAggregator(MAX_BODY), new Handler());
                        }
                    })
                    .bind(port).sync().channel();
            System.out.println("netty http server on " + server.localAddress() + ", " + threads + " event-loop thread"
                    + (threads == 1 ? "" : "s"));
            server.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** One request: the back-end wait as a task on the channel's loop, then the answer. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                answer(ctx, HttpResponseStatus.BAD_REQUEST, "400\n", false);
                return;
            }
            String target = request.uri();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            ctx.executor().schedule(() -> {
                String body = "hello " + target;
                if (target.startsWith("/cpu")) {
                    body += " " + Long.toHexString(DemoApp.compute(DemoApp.CPU_WORK_ROUNDS));
                }
                answer(ctx, HttpResponseStatus.OK, body + "\n", keepAlive);
            }, BACKEND_MILLIS, TimeUnit.MILLISECONDS);
        }

        private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body.getBytes(UTF_8)));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            if (keepAlive) {
                ctx.writeAndFlush(response);
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the peer went away
        }
    }
}
