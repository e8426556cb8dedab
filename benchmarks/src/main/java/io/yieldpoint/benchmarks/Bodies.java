package io.yieldpoint.benchmarks;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.AsyncStream;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.sync.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Yieldpoint side of the suite: every body is a real {@code @Coroutine} method, compiled to a
 * state machine by the processor ({@code BodiesCoroutines}). The other competitors' bodies, doing
 * the same work, are in {@link Alternatives}, {@link Floor} and, in Kotlin,
 * {@code io.yieldpoint.benchmarks.kotlin.KotlinBodies}.
 */
public interface Bodies {

    /** Switch: suspends {@code n} times through the event loop's run queue ({@code yieldNow}). */
    @Coroutine
    default Task<Integer> yieldTimes(int n) {
        for (int i = 0; i < n; i++) {
            await(yieldNow());
        }
        return done(n);
    }

    /** Channel handoff: sends 0..n-1. */
    @Coroutine
    default Task<Void> produce(Channel<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            await(out.send(i));
        }
        return done();
    }

    /** Channel handoff: receives n elements and sums them. */
    @Coroutine
    default Task<Long> consume(Channel<Integer> in, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = await(in.receive());
            sum += v;
        }
        return done(sum);
    }

    /** Channel handoff: one producer and one consumer on a rendezvous channel, one loop. */
    @Coroutine
    default Task<Long> handoff(int n) {
        Channel<Integer> channel = Channel.rendezvous();
        Task<Void> producer = produce(channel, n);
        long sum = await(consume(channel, n));
        await(producer);
        return done(sum);
    }

    /** Channel throughput on a pool: receives until the channel is closed; how many it got. */
    @Coroutine
    default Task<Long> drain(Channel<Integer> in) {
        long count = 0;
        while (true) {
            Integer v = await(in.receiveOrNull());
            if (v == null) {
                break;
            }
            count++;
        }
        return done(count);
    }

    /** Spawn: a child that yields once and completes. */
    @Coroutine
    default Task<Integer> child() {
        await(yieldNow());
        return done(1);
    }

    /** Spawn: starts {@code n} children, then awaits each. */
    @Coroutine
    default Task<Integer> spawnMany(int n) {
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(child());
        }
        int sum = 0;
        for (Task<Integer> t : tasks) {
            sum += await(t);
        }
        return done(sum);
    }

    /** {@code all} of {@code n} children that each yield once. */
    @Coroutine
    default Task<Integer> gather(int n) {
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(child());
        }
        List<Integer> values = await(all(tasks));
        return done(values.size());
    }

    /** Timers: sleeps once. */
    @Coroutine
    default Task<Integer> sleepOnce(Duration delay) {
        await(sleep(delay));
        return done(1);
    }

    /** Timers: {@code n} coroutines sleeping {@code delay} at the same time; awaits each. */
    @Coroutine
    default Task<Integer> sleepMany(int n, Duration delay) {
        List<Task<Integer>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(sleepOnce(delay));
        }
        int sum = 0;
        for (Task<Integer> t : tasks) {
            sum += await(t);
        }
        return done(sum);
    }

    /** Request mix: three simulated I/O completions, then some computing. */
    @Coroutine
    default Task<Integer> handle(int id) {
        int a = await(SimulatedIo.read(id));
        int b = await(SimulatedIo.read(a + 1));
        int c = await(SimulatedIo.read(b + 1));
        return done(Work.compute(a, b, c));
    }

    /** Request mix: {@code n} requests in flight on one loop; the sum of their answers. */
    @Coroutine
    default Task<Long> serve(int n) {
        List<Task<Integer>> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(handle(i));
        }
        long sum = 0;
        for (Task<Integer> r : requests) {
            sum += await(r);
        }
        return done(sum);
    }

    /** Generator: 0..n-1, boxed. */
    @Coroutine
    default Generator<Integer> range(int n) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        return end();
    }

    /** Async stream: 0..n-1, boxed, one {@code emit} each. */
    @Coroutine
    default AsyncStream<Integer> streamRange(int n) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        return end();
    }

    /** Async stream: the sum of its values, read with a for-each loop over {@code each}. */
    @Coroutine
    default Task<Long> sumStream(AsyncStream<Integer> values) {
        long sum = 0;
        for (int v : each(values)) {
            sum += v;
        }
        return done(sum);
    }

    /** Fast path: awaits tasks that have already completed, so it never suspends. */
    @Coroutine
    default Task<Long> sumCompleted(Task<Integer>[] completed) {
        long sum = 0;
        for (int i = 0; i < completed.length; i++) {
            int v = await(completed[i]);
            sum += v;
        }
        return done(sum);
    }

    /** Memory: awaits {@code pending}, which nobody completes. */
    @Coroutine
    default Task<Integer> awaitForever(Task<Integer> pending) {
        int v = await(pending);
        return done(v + 1);
    }

    /**
     * A simulated non-blocking read: a promise that the current event loop completes at a later
     * turn, as a selector would when the data arrived.
     */
    final class SimulatedIo {
        private SimulatedIo() {}

        public static Task<Integer> read(int value) {
            Promise<Integer> p = new Promise<>();
            EventLoop.current().execute(() -> p.complete(value));
            return p;
        }
    }
}
