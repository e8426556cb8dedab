package io.yieldpoint.examples.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.yieldpoint.examples.tls.KeyStores;
import io.yieldpoint.netty.CoroutineHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The Netty bridge's example server: Netty's NIO transport, {@code HttpServerCodec} and
 * {@code HttpObjectAggregator} (after an {@code SslHandler} when given a TLS context), then a
 * {@link CoroutineHandler} that runs {@link BridgeApp#serve} for each request on the channel's
 * loop, one request at a time per connection (pipelined requests are answered in order), reading
 * paused meanwhile.
 *
 * <pre>
 * java -cp ... io.yieldpoint.examples.netty.NettyBridgeServer [port [threads [keystore.p12 password]]]
 * </pre>
 *
 * One group of {@code threads} loops (1 by default) accepts and serves, as the load test's other
 * servers do. {@link #close()} closes the connections, waits until every request's coroutine has
 * unwound, then shuts the loops down: coroutines resume on the loops, so the loops go last.
 */
public final class NettyBridgeServer implements AutoCloseable {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel listening;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private NettyBridgeServer(EventLoopGroup group, InetSocketAddress address, @Nullable SslContext tls,
            RequestListener listener) throws InterruptedException {
        this.group = group;
        BridgeApp app = BridgeAppCoroutines.create();
        this.listening = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        CoroutineHandler<FullHttpRequest> requests = new CoroutineHandler<>(FullHttpRequest.class,
                                (ctx, request) -> app.serve(ctx, request, listener));
                        ch.pipeline().addLast(new HttpServerCodec(MAX_LINE, MAX_HEADER_BYTES, MAX_LINE),
                                new HttpObjectAggregator(MAX_BODY), requests, new CloseOnFailure());
                        listener.connected();
                    }
                })
                .bind(address).sync().channel();
    }

    /**
     * Starts a server on {@code address} (port 0: any free port) with {@code threads} loops, over
     * TLS if {@code tls} is not null.
     */
    public static NettyBridgeServer start(InetSocketAddress address, int threads, @Nullable SslContext tls,
            RequestListener listener) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            return new NettyBridgeServer(group, address, tls, listener);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
    }

    /** A TLS server context (the JDK's provider) with the first key of a PKCS#12 key store. */
    public static SslContext tlsFrom(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        return SslContextBuilder.forServer(KeyStores.keyManagers(keyStore, password)).sslProvider(SslProvider.JDK).build();
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listening.localAddress();
    }

    /**
     * Stops listening, closes the connections, waits (at most 10 s) until their coroutines have
     * unwound, then shuts the loops down.
     *
     * @throws TimeoutException if a coroutine has not unwound within 10 s (the loops are shut down
     *     all the same)
     */
    @Override
    public void close() throws TimeoutException {
        try {
            listening.close().syncUninterruptibly();
            // The handlers first: closing a channel removes them from its pipeline.
            List<CoroutineHandler<?>> handlers = new ArrayList<>();
            for (Channel c : connections) {
                CoroutineHandler<?> h = c.pipeline().get(CoroutineHandler.class);
                if (h != null) {
                    handlers.add(h);
                }
            }
            connections.close().awaitUninterruptibly();
            for (CoroutineHandler<?> h : handlers) {
                h.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting; the loops still shut down
        } catch (ExecutionException e) {
            throw new IllegalStateException("stopped() never fails", e);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8087;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        SslContext tls = args.length > 3 ? tlsFrom(Path.of(args[2]), args[3].toCharArray()) : null;
        NettyBridgeServer server = start(new InetSocketAddress(port), threads, tls, RequestListener.NONE);
        System.out.println("netty bridge http" + (tls != null ? "s" : "") + " server on " + server.address() + ", "
                + threads + " event-loop thread" + (threads == 1 ? "" : "s"));
        server.listening.closeFuture().sync();
        server.close();
    }
}
