package io.yieldpoint.netty;

import io.netty.channel.ChannelHandlerContext;
import io.yieldpoint.Task;

/**
 * What a {@link CoroutineHandler} runs for each inbound message: usually a call of a
 * {@code @Coroutine} method, {@code (ctx, request) -> app.serve(ctx, request)}.
 *
 * <p>Called on the handler's loop thread, which is bound to the loop's {@link NettyDispatcher}: the
 * coroutine starts there and resumes there. The message belongs to the handler: it is released
 * when the returned task completes; {@code retain()} it to keep it longer.
 *
 * @param <I> the type of the messages handled
 */
@FunctionalInterface
public interface MessageCoroutine<I> {

    /**
     * Starts handling {@code message}; the next message of the channel waits until the returned
     * task has completed (a cancelled coroutine: until it has unwound).
     */
    Task<?> handle(ChannelHandlerContext ctx, I message);
}
