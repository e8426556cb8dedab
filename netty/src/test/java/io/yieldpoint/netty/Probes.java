package io.yieldpoint.netty;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.done;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.Co.withTimeout;

import io.netty.util.concurrent.Future;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CurrentDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Coroutines the bridge's tests run on Netty loops. */
interface Probes {

    /** Where each step ran: the thread and the current dispatcher, before and after a sleep and a timeout. */
    @Coroutine
    default Task<List<Object>> wherever() {
        Thread first = Thread.currentThread();
        Dispatcher firstDispatcher = CurrentDispatcher.current();
        await(sleep(Duration.ofMillis(5)));
        Thread afterSleep = Thread.currentThread();
        String timedOut = "no";
        try {
            await(withTimeout(Duration.ofMillis(5), sleep(Duration.ofDays(1))), TimeoutException.class);
        } catch (TimeoutException e) {
            timedOut = "yes";
        }
        return done(List.of(first, firstDispatcher, afterSleep, Thread.currentThread(), timedOut,
                CurrentDispatcher.current()));
    }

    /** Awaits a Netty future, then answers its value and the thread that resumed. */
    @Coroutine
    default <V> Task<List<Object>> awaitFutureThenWhere(Future<V> future) {
        V value = await(NettyTasks.of(future));
        return done(List.of(value, Thread.currentThread()));
    }

    /** Awaits a Netty future through {@link NettyTasks}. */
    @Coroutine
    default <V> Task<V> awaitFuture(Future<V> future) {
        V value = await(NettyTasks.of(future));
        return done(value);
    }
}
