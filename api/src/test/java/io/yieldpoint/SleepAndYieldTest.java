package io.yieldpoint;

import static io.yieldpoint.Co.await;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.Co.yieldNow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.internal.DefaultDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code sleep} and {@code yieldNow} read from plain threads (timers of the default dispatcher). */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SleepAndYieldTest {

    @Test
    void sleepCompletesWithNull() {
        Task<Void> nap = sleep(Duration.ofMillis(5));
        assertNull(await(nap));
        assertTrue(nap.isDone());
        assertFalse(nap.isCompletedExceptionally());
    }

    @Test
    void sleepInMillisCompletes() {
        assertNull(sleep(3).join());
    }

    @Test
    void sleepOfZeroOrLessCompletes() {
        assertNull(await(sleep(Duration.ZERO)));
        assertNull(await(sleep(-5)));
    }

    @Test
    void cancellingASleepCompletesItAtOnce() {
        Task<Void> nap = sleep(Duration.ofHours(1));
        assertFalse(nap.isDone());
        assertTrue(nap.cancel());
        assertTrue(nap.isDone());
        assertTrue(nap.isCancelled());
        assertThrows(CancellationException.class, () -> await(nap));
        assertFalse(nap.cancel(), "a second cancel finds it completed");
    }

    @Test
    void aCancelledSleepStaysCancelledWhenItsTimeComes() {
        Task<Void> cancelled = sleep(5);
        cancelled.cancel();
        // A later, longer sleep finishes after the cancelled one's deadline has passed.
        await(sleep(20));
        assertTrue(cancelled.isCancelled());
    }

    @Test
    void manySleepsAllComplete() {
        List<Task<Void>> naps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            naps.add(sleep(i % 5));
        }
        for (Task<Void> nap : naps) {
            assertNull(await(nap));
        }
    }

    @Test
    void yieldNowOnAPlainThreadIsAlreadyComplete() {
        Task<Void> y = yieldNow();
        assertTrue(y.isDone(), "a plain thread has nobody to give way to");
        assertNull(await(y));
    }

    @Test
    void yieldNowOnThePoolLetsQueuedWorkRunFirst() throws Exception {
        // On a dispatcher thread, yieldNow completes once the work queued there has had a turn.
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(1);
        DefaultDispatcher.instance().execute(() -> {
            try {
                Task<Void> y = yieldNow();
                trace.add("yielded");
                assertNull(await(y)); // blocking is allowed on the default pool
                trace.add("resumed");
            } catch (Throwable e) {
                trace.add("failed: " + e);
            } finally {
                finished.countDown();
            }
        });
        finished.await();
        assertEquals(List.of("yielded", "resumed"), trace);
    }
}
