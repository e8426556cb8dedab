package io.yieldpoint.examples.netty;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.Co.sleep;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.DemoApp;
import io.yieldpoint.netty.NettyTasks;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The example's request handler: a coroutine per request, run by {@code CoroutineHandler} on the
 * channel's Netty loop. The work is the load test's (see {@link DemoApp}): wait for a simulated
 * back-end (10 ms), add about 100 us of computation for {@code /cpu...}, answer
 * {@code hello <target>}. {@code /delay/<ms>} waits that long instead, for the tests.
 */
public interface BridgeApp {

    @Coroutine
    default Task<Void> serve(ChannelHandlerContext ctx, FullHttpRequest request, RequestListener listener) {
        if (!request.decoderResult().isSuccess()) {
            await(NettyTasks.of(Responses.respond(ctx, HttpResponseStatus.BAD_REQUEST, "400\n", false)));
            return done();
        }
        String target = request.uri();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        listener.started(target);
        String body;
        try {
            body = await(backend(target, Responses.latencyOf(target)));
        } catch (CancellationException e) {
            listener.cancelled(target); // the connection closed while the back-end was awaited
            throw e;
        }
        if (target.startsWith("/cpu")) {
            body += " " + Long.toHexString(DemoApp.compute(DemoApp.CPU_WORK_ROUNDS));
        }
        // Awaiting the write is the back-pressure of a slow reader: the next request waits for it.
        await(NettyTasks.of(Responses.respond(ctx, HttpResponseStatus.OK, body + "\n", keepAlive)));
        return done();
    }

    /** A back-end call: the coroutine waits on a timer of the channel's loop, no thread does. */
    @Coroutine
    default Task<String> backend(String key, Duration latency) {
        await(sleep(latency));
        return done("hello " + key);
    }
}
