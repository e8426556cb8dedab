package io.yieldpoint.netty;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Promise;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * A channel handler that runs a coroutine for each inbound message of type {@code I}, one message
 * at a time per channel, in the order they arrived, with reading paused while messages pile up.
 * Other messages pass on unchanged.
 *
 * <pre>{@code
 * ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
 *         new CoroutineHandler<>(FullHttpRequest.class, (ctx, request) -> app.serve(ctx, request)));
 * }</pre>
 *
 * <h2>Design</h2>
 * Everything happens on the handler's loop thread ({@code ctx.executor()}), which is bound to its
 * {@link NettyDispatcher} before each coroutine starts, so the coroutine starts and resumes there.
 * <ul>
 *   <li><b>Order</b>: one coroutine runs at a time; messages that arrive meanwhile wait in a queue
 *       and the next starts only once the previous task has completed (a cancelled coroutine: once
 *       it has unwound). HTTP/1.1 pipelining needs exactly this: answers in request order.</li>
 *   <li><b>Back-pressure</b>: the channel's auto-read is turned off once {@code waitingLimit}
 *       messages wait behind the running coroutine, so the socket is not read and TCP's window
 *       pushes back on the peer; it is turned on again when fewer wait. With the default limit, 1, a client that sends one request at a time is read all along
 *       (only a pipelining client pauses its reading): a socket that is not read never reports that
 *       its peer closed (NIO learns of it by reading), and a closed connection must cancel its
 *       request's coroutine. A limit of 0 pauses reading whenever a coroutine runs. The queue can
 *       exceed the limit by what one socket read had already brought in (a read can carry several
 *       pipelined requests, which the decoder fires one after the other): a bound set by the read
 *       buffer, not by the peer. Measurements and the choice: docs/netty.md, "Back-pressure".</li>
 *   <li><b>Failures</b>: a coroutine that fails (or a {@link MessageCoroutine} that throws) is passed
 *       on as {@code exceptionCaught}, whose handler decides (a server usually closes); the next
 *       message is then handled as usual. A coroutine cancelled by someone else is not a failure.</li>
 *   <li><b>Close</b>: when the channel goes inactive (or the handler is removed), waiting messages
 *       are released unhandled and the running coroutine is cancelled; its message is released only
 *       once it has unwound, so its {@code finally} blocks still have it. {@code channelInactive} is
 *       passed on at once: Netty tears the pipeline down right after {@code channelUnregistered},
 *       whatever a handler does, so holding the event back would not keep the handlers after this one
 *       in place. Whoever owns resources the coroutine uses in its cleanup (a server shutting its loops
 *       down, a pool of back-end connections) waits for {@link #stopped()}: it completes once the
 *       coroutine has unwound.</li>
 *   <li><b>Messages</b> are released ({@link ReferenceCountUtil#release}) when their coroutine's task
 *       completes, as {@code SimpleChannelInboundHandler} releases them when {@code channelRead0}
 *       returns.</li>
 * </ul>
 * The coroutine's task is watched with a continuation that hands its end to the loop as a task,
 * even when it ends on the loop: the next coroutine then never starts inside the previous one's
 * completion.
 *
 * <p>One instance per channel (the handler keeps the channel's queue): make a new one in the
 * {@code ChannelInitializer}. Auto-read is the channel's setting; do not combine this handler with
 * other code that turns it on and off.
 *
 * @param <I> the type of the messages handled
 */
public class CoroutineHandler<I> extends ChannelInboundHandlerAdapter {

    /** The default {@code waitingLimit}: reading pauses once a message waits behind the running one. */
    public static final int DEFAULT_WAITING_LIMIT = 1;

    private final Class<? extends I> messageType;
    private final int waitingLimit;
    private final MessageCoroutine<? super I> coroutine;

    /** Messages that arrived while a coroutine ran, oldest first. Loop thread only, as all state. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();

    private @Nullable AbstractTask<?> running;
    private @Nullable Object runningMessage;

    /** Whether this handler turned the channel's auto-read off (and must turn it on again). */
    private boolean readPaused;

    /** The channel went inactive or the handler was removed: no more coroutines. */
    private boolean closed;
    /** The loop this handler's thread was bound to as a dispatcher (see {@link #handleWaiting}). */
    private @Nullable EventExecutor boundTo;

    /** Completed once closed and no coroutine is left running. */
    private final Promise<Void> stopped = new Promise<>();

    /**
     * A handler running {@code coroutine} for each message that is an instance of
     * {@code messageType}, with the {@linkplain #DEFAULT_WAITING_LIMIT default waiting limit}.
     */
    public CoroutineHandler(Class<? extends I> messageType, MessageCoroutine<? super I> coroutine) {
        this(messageType, coroutine, DEFAULT_WAITING_LIMIT);
    }

    /**
     * A handler running {@code coroutine} for each message that is an instance of
     * {@code messageType}; reading pauses while {@code waitingLimit} or more messages wait behind
     * the running coroutine (0: whenever a coroutine runs).
     */
    public CoroutineHandler(Class<? extends I> messageType, MessageCoroutine<? super I> coroutine, int waitingLimit) {
        if (waitingLimit < 0) {
            throw new IllegalArgumentException("waitingLimit < 0: " + waitingLimit);
        }
        this.messageType = Objects.requireNonNull(messageType, "messageType");
        this.coroutine = Objects.requireNonNull(coroutine, "coroutine");
        this.waitingLimit = waitingLimit;
    }

    /** Whether a coroutine of this handler is running (loop thread only). */
    public final boolean busy() {
        return running != null;
    }

    /**
     * A task that completes once the channel has gone inactive (or this handler was removed) and
     * the coroutine running then, if any, has unwound and its message been released. Any thread.
     */
    public final Task<Void> stopped() {
        return stopped;
    }

    /** How many messages wait for the running coroutine to complete (loop thread only). */
    public final int waitingMessages() {
        return waiting.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!messageType.isInstance(msg)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        waiting.add(msg);
        handleWaiting(ctx);
    }

    /** Starts coroutines for waiting messages until one suspends; then pauses or resumes reading. */
    private void handleWaiting(ChannelHandlerContext ctx) {
        if (boundTo != ctx.executor()) { // once per channel: a channel keeps its loop
            boundTo = ctx.executor();
            NettyDispatcher.of(boundTo); // binds this thread, if it is not yet
        }
        while (running == null && !closed) {
            Object msg = waiting.poll();
            if (msg == null) {
                break;
            }
            Task<?> task;
            try {
                task = coroutine.handle(ctx, messageType.cast(msg));
            } catch (Throwable e) {
                ReferenceCountUtil.release(msg);
                ctx.fireExceptionCaught(e);
                continue;
            }
            AbstractTask<?> core = AbstractTask.of(task);
            if (core.isDone()) {
                ReferenceCountUtil.release(msg);
                report(ctx, core);
                continue;
            }
            running = core;
            runningMessage = msg;
            core.whenComplete(done -> onLoop(ctx.executor(), () -> ended(ctx, done)));
        }
        pauseReadingWhileBusy(ctx.channel().config());
    }

    /** The running coroutine's task has completed (loop thread). */
    private void ended(ChannelHandlerContext ctx, AbstractTask<?> task) {
        Object msg = runningMessage;
        running = null;
        runningMessage = null;
        ReferenceCountUtil.release(msg);
        report(ctx, task);
        if (closed) {
            pauseReadingWhileBusy(ctx.channel().config()); // a removed handler leaves reading on
            stopped.complete(null);
        } else {
            handleWaiting(ctx);
        }
    }

    private void pauseReadingWhileBusy(ChannelConfig config) {
        // Messages wait only while a coroutine runs (handleWaiting starts one while any wait).
        boolean tooMany = running != null && waiting.size() >= waitingLimit;
        if (tooMany && !readPaused) {
            readPaused = true;
            config.setAutoRead(false);
        } else if (!tooMany && readPaused) {
            readPaused = false;
            config.setAutoRead(true); // also asks the channel for the next read
        }
    }

    /** Passes a failure of the coroutine on through the pipeline; a cancellation is not one. */
    private static void report(ChannelHandlerContext ctx, AbstractTask<?> task) {
        Throwable failure = task.exceptionNow();
        if (failure != null && !(failure instanceof CancellationException)) {
            ctx.fireExceptionCaught(failure);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    /**
     * Releases the waiting messages and cancels the running coroutine; {@link #ended} completes
     * {@link #stopped} once it has unwound, or this does if none runs.
     */
    private void stop() {
        if (closed) {
            return;
        }
        closed = true;
        for (Object msg; (msg = waiting.poll()) != null; ) {
            ReferenceCountUtil.release(msg);
        }
        AbstractTask<?> task = running;
        if (task == null) {
            stopped.complete(null);
        } else {
            task.cancel(); // ended() follows once it has completed (a coroutine: unwound)
        }
    }

    /** Runs {@code action} as a task of {@code loop}, or here if the loop has shut down. */
    private static void onLoop(EventExecutor loop, Runnable action) {
        try {
            loop.execute(action);
        } catch (RejectedExecutionException e) {
            action.run();
        }
    }
}
