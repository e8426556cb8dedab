package io.yieldpoint.examples.netty;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.Co.yieldNow;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.netty.CoroutineHandler;
import io.yieldpoint.netty.NettyTasks;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The measurement behind CoroutineHandler's waiting limit (docs/netty.md, "Back-pressure"): requests
 * per second through one loop for limits 0, 1 and 16, with clients that send one request at a time
 * and clients that pipeline 16. Not a test: run it with
 * {@code mvn -pl examples test -Dtest=BackPressureMeasurement -Dyieldpoint.measure=true}.
 */
@EnabledIfSystemProperty(named = "yieldpoint.measure", matches = "true")
class BackPressureMeasurement {

    interface Answer {
        @Coroutine
        default Task<Void> answer(ChannelHandlerContext ctx, FullHttpRequest request) {
            await(yieldNow()); // a suspension: the message is handled asynchronously
            await(NettyTasks.of(Responses.respond(ctx, HttpResponseStatus.OK, "ok\n", true)));
            return done();
        }
    }

    private static final int CONNECTIONS = 32;

    @Test
    void measure() throws Exception {
        StringBuilder table = new StringBuilder("| waiting limit | pipelined | requests/s |\n| ---: | ---: | ---: |\n");
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int pipelined : new int[] {1, 16}) {
                for (int limit : new int[] {0, 1, 16}) {
                    double rate = run(limit, pipelined, round == 0 ? 1 : 4);
                    if (round == 1) {
                        table.append("| ").append(limit).append(" | ").append(pipelined).append(" | ")
                                .append(Math.round(rate)).append(" |\n");
                    }
                }
            }
        }
        System.out.println(table);
    }

    private static double run(int limit, int pipelined, int seconds) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Answer app = BackPressureMeasurement_AnswerCoroutines.create();
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                    new CoroutineHandler<>(FullHttpRequest.class, app::answer, limit));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            LongAdder answered = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            byte[] batch = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(pipelined).getBytes(US_ASCII);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        s.setTcpNoDelay(true);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        byte[] buffer = new byte[1 << 16];
                        while (!stop.get()) {
                            out.write(batch);
                            int responses = 0;
                            while (responses < pipelined) {
                                int n = in.read(buffer);
                                for (int k = 0; k < n; k++) {
                                    if (buffer[k] == '\n' && k > 0 && buffer[k - 1] == 'k') { // "ok\n" ends each
                                        responses++;
                                    }
                                }
                            }
                            answered.add(responses);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                clients.add(t);
            }
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measurement's duration, not a wait for a result
            long count = answered.sum();
            double rate = count / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
            server.close().sync();
            return rate;
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
