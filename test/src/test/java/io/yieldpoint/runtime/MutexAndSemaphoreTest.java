package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.runtime.sync.Mutex;
import io.yieldpoint.runtime.sync.Semaphore;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Mutex} and {@link Semaphore}: FIFO hand-over, no barging, cancellation, withLock. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MutexAndSemaphoreTest {

    @Nested
    class MutexRules {

        @Test
        void waitersGetTheLockInTheOrderTheyAsked() {
            Mutex mutex = new Mutex();
            assertTrue(mutex.lock().isDone());
            Task<Void> first = mutex.lock();
            Task<Void> second = mutex.lock();
            Task<Void> third = mutex.lock();
            assertFalse(first.isDone());

            mutex.unlock();
            assertTrue(first.isDone());
            assertFalse(second.isDone());
            mutex.unlock();
            assertTrue(second.isDone());
            assertFalse(third.isDone());
            mutex.unlock();
            assertTrue(third.isDone());
            assertTrue(mutex.isLocked());
            mutex.unlock();
            assertFalse(mutex.isLocked());
        }

        @Test
        void anUnlockHandsTheLockToTheFirstWaiterSoTryLockCannotBarge() {
            Mutex mutex = new Mutex();
            mutex.lock();
            Task<Void> waiter = mutex.lock();
            mutex.unlock();
            assertTrue(waiter.isDone());
            assertFalse(mutex.tryLock(), "the lock went to the waiter, not to whoever asks next");
        }

        @Test
        void unlockingAnUnlockedMutexIsRefused() {
            Mutex mutex = new Mutex();
            IllegalStateException e = assertThrows(IllegalStateException.class, mutex::unlock);
            assertTrue(e.getMessage().contains("not locked"));
            assertTrue(mutex.tryLock());
            mutex.unlock();
            assertThrows(IllegalStateException.class, mutex::unlock);
        }

        @Test
        void aCancelledWaiterLeavesTheQueue() {
            Mutex mutex = new Mutex();
            mutex.lock();
            Task<Void> cancelled = mutex.lock();
            Task<Void> next = mutex.lock();
            assertTrue(cancelled.cancel());
            mutex.unlock();
            assertTrue(next.isDone(), "the lock skipped the cancelled waiter");
            assertTrue(cancelled.isCancelled());
        }

        @Test
        void cancellingALockThatWasGrantedChangesNothing() {
            Mutex mutex = new Mutex();
            Task<Void> granted = mutex.lock();
            assertFalse(granted.cancel());
            assertTrue(mutex.isLocked());
        }

        @Test
        void aCoroutineCancelledBeforeAwaitingAGrantedLockReleasesIt() {
            Mutex mutex = new Mutex();
            CoroutineMachine<Void> m = Machines.CancelledBeforeAwait.start(() -> mutex.lock());
            assertTrue(m.isCancelled());
            assertFalse(mutex.isLocked(), "the lock was given back, not lost");
        }
    }

    @Nested
    class WithLock {

        /** A critical section: enter, sleep {@code ms} in virtual time, leave. */
        private Task<Object> section(Mutex mutex, Trace trace, String name, long ms) {
            return mutex.withLock(() -> Script.start(() -> trace.add(name + " leaves"),
                    last -> {
                        trace.add(name + " enters at " + TestEventLoopTest.nowMs());
                        return sleep(ms);
                    }));
        }

        @Test
        void bodiesNeverOverlapAndEnterInOrder() {
            Mutex mutex = new Mutex();
            Trace trace = new Trace();
            TestEventLoop.run(() -> all(section(mutex, trace, "a", 30), section(mutex, trace, "b", 10),
                    section(mutex, trace, "c", 20)));
            assertEquals(List.of("a enters at 0", "a leaves", "b enters at 30", "b leaves", "c enters at 40",
                    "c leaves"), trace.events());
            assertFalse(mutex.isLocked());
        }

        @Test
        void aFailingBodyReleasesTheLockAndItsFailureComesThrough() {
            Mutex mutex = new Mutex();
            IOException boom = new IOException("body");
            Task<Object> failed = mutex.withLock(() -> Task.failed(boom));
            assertSame(boom, assertThrows(IOException.class, failed::join));
            assertFalse(mutex.isLocked());
        }

        @Test
        void aCancelledBodyKeepsTheLockUntilItHasUnwound() {
            Mutex mutex = new Mutex();
            Trace trace = new Trace();
            TestEventLoop.run(() -> {
                Task<Object> first = section(mutex, trace, "first", 1_000);
                Task<Object> second = section(mutex, trace, "second", 10);
                return Script.start(() -> { }, last -> sleep(5), last -> {
                    assertTrue(first.cancel());
                    // The cancelled body unwinds at its next step; the lock is still held meanwhile.
                    assertTrue(mutex.isLocked());
                    return second;
                });
            });
            assertEquals(List.of("first enters at 0", "first leaves", "second enters at 5", "second leaves"),
                    trace.events());
        }

        @Test
        void cancellingWhileWaitingForTheLockNeverRunsTheBody() {
            Mutex mutex = new Mutex();
            mutex.lock();
            List<String> ran = new ArrayList<>();
            Task<String> waiting = mutex.withLock(() -> {
                ran.add("body");
                return Task.completed("x");
            });
            assertTrue(waiting.cancel());
            mutex.unlock();
            assertFalse(mutex.isLocked(), "the lock did not go to the cancelled waiter");
            assertEquals(List.of(), ran);
            assertThrows(CancellationException.class, waiting::join);
        }
    }

    @Nested
    class SemaphoreRules {

        @Test
        void atMostThePermitsAreHeldAndReleasesGoToWaitersFirst() {
            Semaphore s = new Semaphore(2);
            assertTrue(s.acquire().isDone());
            assertTrue(s.tryAcquire());
            assertFalse(s.tryAcquire());
            Task<Void> waiting = s.acquire();
            assertEquals(1, s.queueLength());
            s.release();
            assertTrue(waiting.isDone());
            assertEquals(0, s.availablePermits());
            s.release();
            s.release();
            assertEquals(2, s.availablePermits());
        }

        @Test
        void withPermitBoundsTheConcurrencyInVirtualTime() {
            Semaphore s = new Semaphore(2);
            Trace trace = new Trace();
            int[] inside = {0};
            int[] most = {0};
            TestEventLoop.run(() -> {
                List<Task<Object>> all = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String name = "w" + i;
                    all.add(s.withPermit(() -> Script.start(() -> inside[0]--, last -> {
                        inside[0]++;
                        most[0] = Math.max(most[0], inside[0]);
                        trace.add(name + " at " + TestEventLoopTest.nowMs());
                        return sleep(Duration.ofSeconds(1));
                    })));
                }
                return all(all);
            });
            assertEquals(2, most[0]);
            assertEquals(List.of("w0 at 0", "w1 at 0", "w2 at 1000", "w3 at 1000", "w4 at 2000", "w5 at 2000"),
                    trace.events());
            assertEquals(2, s.availablePermits());
        }

        @Test
        void negativePermitsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        }
    }
}
