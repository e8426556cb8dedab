package io.yieldpoint.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Promise;
import io.yieldpoint.Task;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NettyTasksTest {

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void shutDown() throws InterruptedException {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
    }

    /** Starts the coroutine awaiting {@code future} on the loop's thread. */
    private <V> Task<V> awaitOnLoop(io.netty.util.concurrent.Future<V> future) throws Exception {
        NettyDispatcher.of(loop);
        return loop.submit(() -> ProbesCoroutines.create().awaitFuture(future)).get();
    }

    @Test
    void aCoroutineAwaitsTheValueOfANettyFuture() throws Exception {
        Promise<String> future = new DefaultPromise<>(loop);
        Task<String> task = awaitOnLoop(future);
        assertFalse(task.isDone());
        future.setSuccess("hello");
        assertEquals("hello", task.toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFutureOfAnotherLoopWakesTheCoroutineOnItsOwnLoop() throws Exception {
        DefaultEventLoop other = new DefaultEventLoop();
        try {
            Promise<String> future = new DefaultPromise<>(other);
            NettyDispatcher.of(loop);
            Thread loopThread = loop.submit(Thread::currentThread).get();
            Task<java.util.List<Object>> task = loop.submit(() -> ProbesCoroutines.create().awaitFutureThenWhere(future)).get();
            other.execute(() -> future.setSuccess("from the other loop"));
            assertEquals(java.util.List.of("from the other loop", loopThread),
                    task.toCompletableFuture().get(10, TimeUnit.SECONDS));
        } finally {
            other.shutdownGracefully(0, 0, TimeUnit.SECONDS).await();
        }
    }

    @Test
    void aFailureKeepsItsInstance() throws Exception {
        Promise<String> future = new DefaultPromise<>(loop);
        Task<String> task = awaitOnLoop(future);
        IOException broken = new IOException("connection reset");
        future.setFailure(broken);
        ExecutionException e = assertThrows(ExecutionException.class, () -> task.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertSame(broken, e.getCause());
    }

    @Test
    void aFutureCancelledByNettyCancelsTheTask() throws Exception {
        Promise<String> future = new DefaultPromise<>(loop);
        Task<String> direct = NettyTasks.of(future);
        Task<String> awaiting = awaitOnLoop(future);
        assertTrue(future.cancel(false));
        CompletableFuture<String> f = awaiting.toCompletableFuture();
        assertThrows(CancellationException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(direct.isCancelled());
        assertSame(future.cause(), direct.toCompletableFuture().handle((v, t) -> t).get(), "Netty's own exception");
    }

    @Test
    void cancellingTheTaskCancelsTheFuture() {
        Promise<String> future = new DefaultPromise<>(loop);
        Task<String> task = NettyTasks.of(future);
        assertTrue(task.cancel());
        assertTrue(future.isCancelled());
        assertTrue(task.isCancelled());
    }

    @Test
    void cancellingTheAwaitingCoroutineCancelsTheFuture() throws Exception {
        Promise<String> future = new DefaultPromise<>(loop);
        Task<String> coroutine = awaitOnLoop(future);
        CompletableFuture<Boolean> futureCancelled = new CompletableFuture<>();
        future.addListener(f -> futureCancelled.complete(f.isCancelled()));
        coroutine.cancel();
        assertTrue(futureCancelled.get(10, TimeUnit.SECONDS));
        CompletableFuture<String> f = coroutine.toCompletableFuture();
        assertThrows(CancellationException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertTrue(coroutine.isCancelled());
    }

    @Test
    void anAlreadyCompletedFutureGivesACompletedTask() {
        Task<Integer> task = NettyTasks.of(loop.newSucceededFuture(7));
        assertTrue(task.isDone());
        assertEquals(7, task.join());
        IllegalStateException failure = new IllegalStateException("no");
        Task<Integer> failed = NettyTasks.of(loop.newFailedFuture(failure));
        assertSame(failure, assertThrows(IllegalStateException.class, failed::join));
    }
}
