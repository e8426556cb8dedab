package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.CurrentDispatcher;
import io.yieldpoint.internal.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EventLoop#run}: its result, its exceptions, its threads and its run queue. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopTest {

    static final Pattern MENTIONS_EVENT_LOOP = Pattern.compile("(?i)event[- ]loop");

    static void assertMentionsEventLoop(Throwable e) {
        assertNotNull(e.getMessage());
        assertTrue(MENTIONS_EVENT_LOOP.matcher(e.getMessage()).find(), e.getMessage());
    }

    // ------------------------------------------------------------------ result and exceptions

    @Test
    void runReturnsTheValueOfACompletedTask() {
        assertEquals(42, EventLoop.run(() -> Task.completed(42)));
        assertNull(EventLoop.run(Co::done));
    }

    @Test
    void runReturnsTheValueOfATaskThatCompletesLater() {
        assertEquals("late", EventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            EventLoop.current().execute(() -> p.complete("late"));
            return p;
        }));
    }

    @Test
    void runRethrowsTheSameRuntimeExceptionInstance() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> Task.failed(boom))));
    }

    @Test
    void runRethrowsTheSameCheckedExceptionInstanceUnwrapped() {
        IOException boom = new IOException("checked");
        Throwable thrown = assertThrows(Throwable.class, () -> EventLoop.run(() -> {
            Promise<Integer> p = new Promise<>();
            EventLoop.current().execute(() -> p.fail(boom));
            return p;
        }));
        assertSame(boom, thrown);
    }

    @Test
    void anExceptionFromTheSupplierPropagatesAsItIs() {
        UnsupportedOperationException boom = new UnsupportedOperationException("supplier");
        assertSame(boom, assertThrows(UnsupportedOperationException.class, () -> EventLoop.run(() -> {
            throw boom;
        })));
        assertNull(EventLoop.current(), "the thread left the loop");
    }

    @Test
    void aSupplierReturningNullIsRefused() {
        assertThrows(NullPointerException.class, () -> EventLoop.<Object>run(() -> null));
        assertThrows(NullPointerException.class, () -> EventLoop.run(null));
    }

    @Test
    void aCancelledRootTaskIsRethrownAsCancellation() {
        assertThrows(java.util.concurrent.CancellationException.class, () -> EventLoop.run(() -> {
            Promise<Integer> p = new Promise<>();
            EventLoop.current().execute(p::cancel);
            return p;
        }));
    }

    // ------------------------------------------------------------------ threads

    @Test
    void theLoopRunsOnTheCallingThreadAndLeavesItAsItWas() {
        Thread caller = Thread.currentThread();
        assertNull(EventLoop.current());
        assertNull(CurrentDispatcher.ofCurrentThread());

        EventLoop seen = EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            assertNotNull(loop);
            assertTrue(loop.inEventLoop());
            assertSame(loop, EventLoop.current(), "one handle per loop");
            // The thread's dispatcher is the loop's engine, of which EventLoop is the user's handle.
            assertEquals(loop.name(), CurrentDispatcher.current().name());
            assertTrue(CurrentDispatcher.current().refusesBlocking());
            assertTrue(loop.refusesBlocking());
            assertSame(caller, Thread.currentThread());
            return Task.completed(loop);
        });

        assertNull(EventLoop.current());
        assertNull(CurrentDispatcher.ofCurrentThread(), "the thread is a plain thread again");
        assertTrue(seen.name().contains(caller.getName()));
    }

    @Test
    void theSameThreadCanRunOneLoopAfterAnother() {
        for (int i = 0; i < 5; i++) {
            int value = i;
            assertEquals(value, EventLoop.run(() -> {
                Promise<Integer> p = new Promise<>();
                EventLoop.current().execute(() -> p.complete(value));
                return p;
            }));
        }
    }

    @Test
    void nestedRunOnTheLoopThreadIsRefused() {
        IllegalStateException refused = EventLoop.run(() -> Task.completed(
                assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> Task.completed(1)))));
        assertMentionsEventLoop(refused);
        assertNull(EventLoop.current(), "the refused nested run left the outer loop intact, then it ended");
    }

    @Test
    void nestedRunInALaterStepIsRefusedAndTheOuterLoopGoesOn() {
        List<String> trace = new ArrayList<>();
        String result = EventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            EventLoop loop = EventLoop.current();
            loop.execute(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> EventLoop.run(() -> Task.completed("inner")));
                trace.add(e.getClass().getSimpleName());
                assertSame(loop, EventLoop.current(), "still on the outer loop");
                loop.execute(() -> p.complete("outer"));
            });
            return p;
        });
        assertEquals("outer", result);
        assertEquals(List.of("IllegalStateException"), trace);
    }

    @Test
    void aLoopThreadCanRunWhileAnotherThreadRunsItsOwnLoop() throws Exception {
        CompletableFuture<Integer> other = new CompletableFuture<>();
        Thread t = TestThreads.start("other-loop", () -> other.complete(EventLoop.run(() -> {
            Promise<Integer> p = new Promise<>();
            EventLoop.current().execute(() -> p.complete(2));
            return p;
        })));
        assertEquals(1, EventLoop.run(() -> Task.completed(1)));
        assertEquals(2, other.get());
        TestThreads.joinAll(t);
    }

    // ------------------------------------------------------------------ the run queue

    @Test
    void stepsExecutedOnTheLoopRunInOrderAfterTheCurrentStep() {
        Expect e = new Expect();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            e.expect(1);
            loop.execute(() -> {
                e.expect(3);
                loop.execute(() -> {
                    e.expect(5);
                    done.complete(null);
                });
            });
            loop.execute(() -> e.expect(4));
            e.expect(2); // the supplier finishes before any queued step runs
            return done;
        });
        e.finish(6);
    }

    @Test
    void stepsSubmittedFromOtherThreadsRunOnTheLoopThreadEachInItsSubmissionOrder() {
        int submitters = 4;
        int perSubmitter = 2_000;
        Thread loopThread = Thread.currentThread();
        AtomicInteger offLoop = new AtomicInteger();
        int[] lastSeen = new int[submitters];
        List<String> disorder = Collections.synchronizedList(new ArrayList<>());

        int ran = EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Integer> allRan = new Promise<>();
            int[] count = {0}; // touched on the loop thread only
            for (int s = 0; s < submitters; s++) {
                int submitter = s;
                TestThreads.start("submitter-" + s, () -> {
                    for (int i = 1; i <= perSubmitter; i++) {
                        int seq = i;
                        loop.execute(() -> {
                            if (Thread.currentThread() != loopThread) {
                                offLoop.incrementAndGet();
                            }
                            if (lastSeen[submitter] != seq - 1) {
                                disorder.add(submitter + ": " + seq + " after " + lastSeen[submitter]);
                            }
                            lastSeen[submitter] = seq;
                            if (++count[0] == submitters * perSubmitter) {
                                allRan.complete(count[0]);
                            }
                        });
                    }
                });
            }
            return allRan;
        });

        assertEquals(submitters * perSubmitter, ran);
        assertEquals(0, offLoop.get(), "every step ran on the loop thread");
        assertEquals(List.of(), disorder);
    }

    @Test
    void aRootTaskCompletedByAnotherThreadWakesTheParkedLoop() throws Exception {
        // The loop has nothing to do and parks; another thread then completes the root task. The
        // loop must wake up and return, not park forever.
        for (int round = 0; round < 20; round++) {
            CompletableFuture<Integer> future = new CompletableFuture<>();
            int value = round;
            Thread completer = TestThreads.whenBlocked(Thread.currentThread(), () -> future.complete(value));
            assertEquals(value, EventLoop.run(() -> Task.from(future)));
            TestThreads.joinAll(completer);
        }
    }

    @Test
    void aRootTaskFailedByAnotherThreadWakesTheParkedLoop() throws Exception {
        IOException boom = new IOException("remote");
        CompletableFuture<Integer> future = new CompletableFuture<>();
        Thread completer = TestThreads.whenBlocked(Thread.currentThread(),
                () -> future.completeExceptionally(boom));
        assertSame(boom, assertThrows(Throwable.class, () -> EventLoop.run(() -> Task.from(future))));
        TestThreads.joinAll(completer);
    }

    @Test
    void aStepSubmittedFromAnotherThreadWakesTheParkedLoop() throws Exception {
        Thread loopThread = Thread.currentThread();
        for (int round = 0; round < 20; round++) {
            List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
            Thread[] submitter = new Thread[1];
            EventLoop.run(() -> {
                EventLoop loop = EventLoop.current();
                Promise<Void> done = new Promise<>();
                // Submitted only once the loop, idle, has parked.
                submitter[0] = TestThreads.whenBlocked(loopThread, () -> loop.execute(() -> {
                    ranOn.add(Thread.currentThread());
                    done.complete(null);
                }));
                return done;
            });
            assertEquals(List.of(loopThread), ranOn);
            TestThreads.joinAll(submitter[0]);
        }
    }

    @Test
    void aStepThatKeepsRequeueingItselfDoesNotStarveTimersOrOtherThreads() throws Exception {
        // A busy step that requeues itself forever never lets the run queue empty; timers and
        // steps from other threads still get their turn.
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            loop.schedule(0, () -> trace.add("timer"));
            TestThreads.start("other", () -> loop.execute(() -> trace.add("other thread")));
            Runnable busy = new Runnable() {
                @Override
                public void run() {
                    if (trace.size() == 2) {
                        done.complete(null);
                    } else {
                        loop.execute(this);
                    }
                }
            };
            loop.execute(busy);
            return done;
        });
        assertTrue(trace.containsAll(List.of("timer", "other thread")), trace.toString());
        TestThreads.joinAll();
    }

    @Test
    void stepsLeftOverWhenTheRootCompletesAreDropped() {
        AtomicInteger ran = new AtomicInteger();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Promise<Void> done = new Promise<>();
            loop.execute(() -> {
                done.complete(null);
                loop.execute(ran::incrementAndGet); // queued after the root completed
            });
            return done;
        });
        // The next loop on this thread starts clean.
        EventLoop.run(() -> Task.completed(null));
        assertEquals(0, ran.get());
    }
}
