package io.yieldpoint.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CurrentDispatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NettyDispatcherTest {

    /** A Netty loop that counts the timers scheduled on it. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger timers = new AtomicInteger();

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            timers.incrementAndGet();
            return super.schedule(command, delay, unit);
        }
    }

    private final CountingLoop loop = new CountingLoop();

    @AfterEach
    void shutDown() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
    }

    @Test
    void aCoroutineStartedOnTheLoopResumesThereAndItsTimersAreTheLoops() throws Exception {
        NettyDispatcher dispatcher = NettyDispatcher.of(loop);
        Thread loopThread = loop.submit(Thread::currentThread).get();
        Task<List<Object>> task = loop.submit(() -> ProbesCoroutines.create().wherever()).get();
        List<Object> seen = task.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(loopThread, dispatcher, loopThread, loopThread, "yes", dispatcher), seen);
        assertEquals(3, loop.timers.get(), "the sleeps and the timeout's timer, all on the Netty loop");
    }

    @Test
    void theLoopThreadAnswersItsDispatcherAsCurrentAndRefusesBlocking() throws Exception {
        NettyDispatcher dispatcher = NettyDispatcher.of(loop); // bound from another thread: queued
        assertSame(dispatcher, loop.submit(CurrentDispatcher::current).get());
        assertSame(dispatcher, NettyDispatcher.of(loop), "one dispatcher per loop");
        assertTrue(loop.submit(CurrentDispatcher::blockingRefusedHere).get());
        Task<Void> never = new io.yieldpoint.internal.Promise<>();
        Throwable refused = loop.submit(() -> assertThrows(IllegalStateException.class, never::join)).get();
        assertTrue(refused.getMessage().contains("join() would block"), refused.getMessage());
    }

    @Test
    void bindAllBindsEveryLoopOfAGroupAndOfCalledOnTheLoopBindsAtOnce() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);
        try {
            NettyDispatcher.bindAll(group);
            for (var executor : group) {
                EventLoop each = (EventLoop) executor;
                Dispatcher current = each.submit(CurrentDispatcher::current).get();
                assertSame(NettyDispatcher.of(each), current);
                assertSame(each, ((NettyDispatcher) current).eventLoop());
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
        }
        DefaultEventLoop fresh = new DefaultEventLoop();
        try {
            Dispatcher seen = fresh.submit(() -> {
                NettyDispatcher.of(fresh);
                return CurrentDispatcher.current();
            }).get();
            assertSame(NettyDispatcher.of(fresh), seen);
        } finally {
            fresh.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
        }
    }

    @Test
    void aTimerCalledOffDoesNotRun() throws Exception {
        NettyDispatcher dispatcher = NettyDispatcher.of(loop);
        AtomicInteger ran = new AtomicInteger();
        java.util.concurrent.CompletableFuture<Void> later = new java.util.concurrent.CompletableFuture<>();
        // Both on the loop's thread, so that the first timer cannot fire before it is called off.
        loop.submit(() -> {
            dispatcher.schedule(TimeUnit.MILLISECONDS.toNanos(1), ran::incrementAndGet).cancel();
            dispatcher.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> later.complete(null));
        }).get();
        later.get(10, TimeUnit.SECONDS); // the loop's timers fire in deadline order: the first is past
        assertEquals(0, ran.get());
    }
}
