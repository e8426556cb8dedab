package io.yieldpoint.it;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Cancellation;
import io.yieldpoint.runtime.Streams;
import java.util.List;
import static io.yieldpoint.Co.*;

/**
 * Async streams whose order of events matters (StreamBehaviourTest): every step is logged, the
 * producer's and the consumer's, so that a test sees the interleaving of the lazy reading.
 */
public interface StreamBehaviour {

    List<String> log();

    /** Emits 0 .. n-1, each after a 1 ms sleep; its finally sleeps 10 ms before it logs its end. */
    @Coroutine
    default AsyncStream<Integer> producer(int n) {
        log().add("producer starts");
        try {
            for (int i = 0; i < n; i++) {
                await(sleep(1));
                log().add("produce " + i);
                emit(i);
            }
        } finally {
            log().add("cleanup starts");
            await(sleep(10));
            log().add("cleanup ends");
        }
        log().add("producer ends");
        return end();
    }

    @Coroutine
    default Task<Integer> consumeAll(AsyncStream<Integer> stream) {
        int sum = 0;
        for (int x : each(stream)) {
            log().add("consume " + x);
            sum += x;
        }
        log().add("after loop");
        return done(sum);
    }

    @Coroutine
    default Task<Integer> breakAt(int n, int stop) {
        int sum = 0;
        for (int x : each(producer(n))) {
            if (x == stop) {
                log().add("break at " + x);
                break;
            }
            sum += x;
        }
        log().add("after loop");
        return done(sum);
    }

    /** Awaits 100 ms per value in the loop's body: cancelled there, the producer waits at its emit. */
    @Coroutine
    default Task<Void> slowConsumer(int n) {
        try {
            for (int x : each(producer(n))) {
                log().add("consume " + x);
                await(sleep(100));
            }
        } finally {
            log().add("consumer finally");
        }
        return done();
    }

    /** Waits 1000 ms before its only value, with a shielded cleanup. */
    @Coroutine
    default AsyncStream<Integer> slowProducer() {
        try {
            await(sleep(1000));
            emit(1);
        } finally {
            log().add("slow producer cleanup");
            await(Cancellation.shield(sleep(10)));
            log().add("slow producer cleaned");
        }
        return end();
    }

    @Coroutine
    default Task<Void> waitsForSlowProducer() {
        try {
            for (int x : each(slowProducer())) {
                log().add("got " + x);
            }
        } finally {
            log().add("consumer finally");
        }
        return done();
    }

    @Coroutine
    default AsyncStream<Integer> failsAfter(int n, RuntimeException failure) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        throw failure;
    }

    @Coroutine
    default Task<String> catchesProducerFailure(int n, RuntimeException failure) {
        try {
            for (int x : each(failsAfter(n, failure))) {
                log().add("consume " + x);
            }
        } catch (RuntimeException e) {
            log().add("caught " + (e == failure ? "the same instance" : e));
            return done("caught");
        }
        return done("ended");
    }

    @Coroutine
    @SuppressWarnings("Finally") // a cleanup that fails is the point
    default AsyncStream<Integer> cleanupFails(RuntimeException cleanupFailure) {
        try {
            emit(1);
            emit(2);
        } finally {
            await(sleep(1));
            if (cleanupFailure != null) {
                throw cleanupFailure;
            }
        }
        return end();
    }

    @Coroutine
    default Task<Void> throwsInLoop(RuntimeException failure, RuntimeException cleanupFailure) {
        for (int x : each(cleanupFails(cleanupFailure))) {
            log().add("throws at " + x);
            throw failure;
        }
        return done();
    }

    @Coroutine
    default Task<Void> breaksFromFailingCleanup(RuntimeException cleanupFailure) {
        for (int x : each(cleanupFails(cleanupFailure))) {
            log().add("breaks at " + x);
            break;
        }
        log().add("not reached");
        return done();
    }

    /** Emits 0 .. n-1 at once, logging each: for take and buffer. */
    @Coroutine
    default AsyncStream<Integer> eager(int n) {
        try {
            for (int i = 0; i < n; i++) {
                log().add("produce " + i);
                emit(i);
            }
        } finally {
            log().add("eager cleanup");
        }
        return end();
    }

    /** Takes 10 ms per value: a buffer lets the producer run ahead meanwhile. */
    @Coroutine
    default Task<Integer> slowSum(AsyncStream<Integer> stream) {
        int sum = 0;
        for (int x : each(stream)) {
            log().add("consume " + x);
            await(sleep(10));
            sum += x;
        }
        return done(sum);
    }

    @Coroutine
    default Task<Integer> buffered(int n, int capacity) {
        return slowSum(Streams.buffer(eager(n), capacity));
    }

    /** 0 .. n-1, nothing else: for the million-value test. */
    @Coroutine
    default AsyncStream<Integer> counting(int n) {
        for (int i = 0; i < n; i++) {
            emit(i);
        }
        return end();
    }
}
