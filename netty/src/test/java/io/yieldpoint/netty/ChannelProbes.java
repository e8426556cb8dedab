package io.yieldpoint.netty;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.Co.sleep;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.Promise;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The coroutines {@link CoroutineHandlerTest} runs per message, recording what they see. */
interface ChannelProbes {

    /**
     * "name:millis": waits that long, then answers "reply name". "fail:millis" throws instead.
     * Records its start and end, and whether the channel reads meanwhile.
     */
    @Coroutine
    default Task<Void> answer(ChannelHandlerContext ctx, String message, List<String> events) {
        String name = message.substring(0, message.indexOf(':'));
        long millis = Long.parseLong(message.substring(message.indexOf(':') + 1));
        events.add("start " + name);
        await(sleep(millis));
        events.add("autoRead " + ctx.channel().config().isAutoRead());
        if (name.equals("fail")) {
            throw new IllegalStateException("failed on purpose");
        }
        await(NettyTasks.of(ctx.writeAndFlush("reply " + name)));
        events.add("end " + name);
        return done();
    }

    /**
     * Waits for {@code never} until cancelled; its finally block records, awaits a timer, and records
     * again, with the message still held.
     */
    @Coroutine
    default Task<Void> hang(ByteBuf message, Promise<Void> never, CompletableFuture<Void> started, List<String> events) {
        try {
            started.complete(null);
            await(NettyTasks.of(never));
        } finally {
            events.add("finally, refCnt " + message.refCnt());
            await(sleep(5));
            events.add("cleaned, refCnt " + message.refCnt());
        }
        return done();
    }
}
