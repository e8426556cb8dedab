package io.yieldpoint.netty;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handler adapter on Netty's in-VM transport: order, back-pressure, failures, close. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutineHandlerTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    private final LocalAddress address = new LocalAddress("coroutine-handler-" + UUID.randomUUID());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<Throwable> caught = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Channel> serverChild = new CompletableFuture<>();
    private final CompletableFuture<Throwable> firstCaught = new CompletableFuture<>();
    private final CompletableFuture<Void> inactiveSeen = new CompletableFuture<>();
    private final CompletableFuture<CoroutineHandler<?>> serverHandler = new CompletableFuture<>();
    private final CompletableFuture<Object> passedOn = new CompletableFuture<>();
    private final ChannelProbes probes = ChannelProbesCoroutines.create();

    @AfterEach
    void shutDown() throws InterruptedException {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
    }

    /** A server whose children run {@code handler}, then record what reaches the end of the pipeline. */
    private void serve(Function<Channel, ChannelHandler> handler) throws InterruptedException {
        new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ChannelHandler first = handler.apply(ch);
                        if (first instanceof CoroutineHandler<?> h) {
                            serverHandler.complete(h);
                        }
                        ch.pipeline().addLast(first, new ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                caught.add(cause);
                                events.add("exceptionCaught");
                                firstCaught.complete(cause);
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                events.add("passed on " + msg);
                                passedOn.complete(msg);
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                events.add("inactive");
                                inactiveSeen.complete(null);
                            }
                        });
                        serverChild.complete(ch);
                    }
                })
                .bind(address).sync();
    }

    /** A client that collects the strings it receives, the first {@code expected} into the future. */
    private Channel connect(int expected, CompletableFuture<List<String>> replies) throws InterruptedException {
        return connect(expected, replies, (ctx, reply) -> { });
    }

    /** As above, {@code onReply} called with each reply. */
    private Channel connect(int expected, CompletableFuture<List<String>> replies,
            BiConsumer<ChannelHandlerContext, String> onReply) throws InterruptedException {
        List<String> got = new ArrayList<>();
        return new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        got.add((String) msg);
                        onReply.accept(ctx, (String) msg);
                        if (got.size() == expected) {
                            replies.complete(List.copyOf(got));
                        }
                    }
                })
                .connect(address).sync().channel();
    }

    private CoroutineHandler<String> answering(int waitingLimit) {
        return new CoroutineHandler<>(String.class, (ctx, message) -> probes.answer(ctx, message, events), waitingLimit);
    }

    private CoroutineHandler<String> answering() {
        return new CoroutineHandler<>(String.class, (ctx, message) -> probes.answer(ctx, message, events));
    }

    @Test
    void messagesAreHandledOneAtATimeInOrderWithReadingPausedMeanwhile() throws Exception {
        serve(ch -> answering(0));
        CompletableFuture<List<String>> replies = new CompletableFuture<>();
        // d is sent once c's reply is back: it is read only if the handler turns reading on again.
        Channel client = connect(4, replies, (ctx, reply) -> {
            if (reply.equals("reply c")) {
                ctx.writeAndFlush("d:1");
            }
        });
        client.write("a:30");
        client.write("b:1");
        client.writeAndFlush("c:10");
        assertEquals(List.of("reply a", "reply b", "reply c", "reply d"), replies.get(10, TimeUnit.SECONDS));
        closeAndAwaitTheHandlerStopped(client);
        List<String> expected = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            expected.addAll(List.of("start " + name, "autoRead false", "end " + name));
        }
        assertEquals(expected, events);
    }

    /** Closes the client; the server's handler stops once its last coroutine has ended. */
    private void closeAndAwaitTheHandlerStopped(Channel client) throws Exception {
        client.close().sync();
        serverHandler.get(10, TimeUnit.SECONDS).stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        inactiveSeen.get(10, TimeUnit.SECONDS); // the server's inactive event may come after the handler stopped
        events.remove("inactive");
    }

    @Test
    void withTheDefaultLimitReadingPausesOnlyWhileASecondMessageWaits() throws Exception {
        serve(ch -> answering());
        CompletableFuture<List<String>> replies = new CompletableFuture<>();
        Channel client = connect(4, replies, (ctx, reply) -> {
            if (reply.equals("reply c")) {
                ctx.writeAndFlush("d:1"); // alone: reading stays on while it runs
            }
        });
        client.write("a:30");
        client.write("b:1");
        client.writeAndFlush("c:10");
        assertEquals(List.of("reply a", "reply b", "reply c", "reply d"), replies.get(10, TimeUnit.SECONDS));
        closeAndAwaitTheHandlerStopped(client);
        // a runs with b and c waiting, b with c: paused; c and d run with nothing behind them.
        assertEquals(List.of("start a", "autoRead false", "end a", "start b", "autoRead false", "end b",
                "start c", "autoRead true", "end c", "start d", "autoRead true", "end d"), events);
    }

    @Test
    void messagesOfAnotherTypePassOnUnhandled() throws Exception {
        serve(ch -> answering());
        CompletableFuture<List<String>> replies = new CompletableFuture<>();
        Channel client = connect(1, replies);
        client.writeAndFlush(42);
        client.writeAndFlush("a:1");
        assertEquals(42, passedOn.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("reply a"), replies.get(10, TimeUnit.SECONDS));
        closeAndAwaitTheHandlerStopped(client);
        assertEquals(List.of("passed on 42", "start a", "autoRead true", "end a"), events);
    }

    @Test
    void removingTheHandlerCancelsItsCoroutineAndTurnsReadingOnAgain() throws Exception {
        Promise<Void> never = new DefaultPromise<>(group.next());
        CompletableFuture<Void> started = new CompletableFuture<>();
        CoroutineHandler<ByteBuf> handler = new CoroutineHandler<>(ByteBuf.class,
                (ctx, message) -> probes.hang(message, never, started, events), 0);
        serve(ch -> handler);
        Channel client = connect(1, new CompletableFuture<>());
        client.writeAndFlush(Unpooled.copiedBuffer("hang", US_ASCII)).sync();
        started.get(10, TimeUnit.SECONDS);
        Channel child = serverChild.get();
        assertEquals(false, child.eventLoop().submit(() -> child.config().isAutoRead()).get(), "paused while it runs");
        child.eventLoop().submit(() -> child.pipeline().remove(handler)).get();
        handler.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(never.isCancelled());
        assertEquals(List.of("finally, refCnt 1", "cleaned, refCnt 1"), events);
        // Reading is on again: a message now reaches the next handler.
        client.writeAndFlush("after");
        assertEquals("after", passedOn.get(10, TimeUnit.SECONDS));
        client.close().sync();
    }

    @Test
    void aFailedCoroutineIsPassedOnAsExceptionCaughtAndTheNextMessageIsHandled() throws Exception {
        serve(ch -> answering());
        CompletableFuture<List<String>> replies = new CompletableFuture<>();
        Channel client = connect(1, replies);
        client.write("fail:1");
        client.writeAndFlush("ok:1");
        assertEquals(List.of("reply ok"), replies.get(10, TimeUnit.SECONDS));
        closeAndAwaitTheHandlerStopped(client);
        assertEquals(1, caught.size());
        assertEquals("failed on purpose", caught.get(0).getMessage());
        assertTrue(caught.get(0) instanceof IllegalStateException);
        assertEquals(List.of("start fail", "autoRead false", "exceptionCaught", "start ok", "autoRead true", "end ok"),
                events);
    }

    @Test
    void aMessageCoroutineThatThrowsIsPassedOnAsItIs() throws Exception {
        IllegalArgumentException thrown = new IllegalArgumentException("no coroutine for you");
        serve(ch -> new CoroutineHandler<String>(String.class, (ctx, message) -> {
            throw thrown;
        }));
        Channel client = connect(1, new CompletableFuture<>());
        client.writeAndFlush("x:1").sync();
        assertSame(thrown, firstCaught.get(10, TimeUnit.SECONDS));
        client.close().sync();
    }

    @Test
    void closingTheChannelCancelsTheCoroutineAndPassesTheCloseOnOnceItHasUnwound() throws Exception {
        Promise<Void> never = new DefaultPromise<>(group.next());
        CompletableFuture<Void> started = new CompletableFuture<>();
        List<ByteBuf> received = new CopyOnWriteArrayList<>();
        CompletableFuture<CoroutineHandler<ByteBuf>> handler = new CompletableFuture<>();
        serve(ch -> {
            CoroutineHandler<ByteBuf> h = new CoroutineHandler<>(ByteBuf.class, (ctx, message) -> {
                received.add(message);
                return probes.hang(message, never, started, events);
            });
            handler.complete(h);
            return h;
        });
        Channel client = connect(1, new CompletableFuture<>());
        client.writeAndFlush(Unpooled.copiedBuffer("hang", US_ASCII)).sync();
        started.get(10, TimeUnit.SECONDS);
        client.close().sync();
        handler.get().stopped().toCompletableFuture().get(10, TimeUnit.SECONDS);
        inactiveSeen.get(10, TimeUnit.SECONDS);
        // The close is passed on at once (Netty removes the handlers right after it anyway); the
        // coroutine unwinds after it, with its message, and the handler stops once it has.
        assertEquals(List.of("inactive", "finally, refCnt 1", "cleaned, refCnt 1"), events);
        assertTrue(never.isCancelled(), "the awaited Netty future was cancelled");
        assertEquals(0, received.get(0).refCnt(), "the message was released once the coroutine had ended");
    }
}
