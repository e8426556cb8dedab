package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.DefaultDispatcher;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.Machines.AwaitStage;
import io.yieldpoint.runtime.Machines.Delegate;
import io.yieldpoint.runtime.Machines.Fails;
import io.yieldpoint.runtime.Machines.Guarded;
import io.yieldpoint.runtime.Machines.ManualDispatcher;
import io.yieldpoint.runtime.Machines.Sum;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CoroutineMachine} driven by hand-written machines shaped like generated code: the fast
 * path, suspension and resumption, exception identity, {@code return task}, and cancellation.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutineMachineTest {

    @Nested
    class FastPath {

        @Test
        void awaitingCompletedTasksNeverSuspendsAndFinishesWithinStart() {
            Trace trace = new Trace();
            Sum sum = new Sum(List.of(Task.completed(1), Task.completed(2), Task.completed(3)), trace);

            Task<Integer> task = sum.start();

            assertSame(sum, task, "the machine is its own task");
            assertTrue(task.isDone(), "finished synchronously, within start()");
            assertEquals(6, task.join());
            assertEquals(0, sum.suspensions);
            assertEquals(List.of("start", "resumed 0", "resumed 1", "resumed 2"), trace.events());
            trace.threads().forEach(t -> assertSame(Thread.currentThread(), t));
        }

        @Test
        void onTheLoopTheFastPathAlsoFinishesBeforeTheNextTurn() {
            Expect e = new Expect();
            int value = EventLoop.run(() -> {
                e.expect(1);
                Sum sum = new Sum(List.of(Task.completed(20), Task.completed(22)), new Trace());
                Task<Integer> task = sum.start();
                assertTrue(task.isDone());
                e.expect(2);
                return task;
            });
            e.finish(3);
            assertEquals(42, value);
        }

        @Test
        void afterAResumeTheRestOfTheBodyRunsInOneStep() {
            Trace trace = new Trace();
            Promise<Integer> pending = new Promise<>();
            int value = EventLoop.run(() -> {
                Sum s = new Sum(List.of(Task.completed(1), pending, Task.completed(3), Task.completed(4)), trace);
                s.start();
                assertEquals(List.of("start", "resumed 0"), trace.events(), "suspended at the second await");
                assertEquals(1, s.suspensions);
                EventLoop.current().execute(() -> pending.complete(2));
                return s;
            });
            assertEquals(10, value);
            assertEquals(List.of("start", "resumed 0", "resumed 1", "resumed 2", "resumed 3"), trace.events());
        }

        @Test
        void aFailedTaskOnTheFastPathThrowsTheSameInstanceWithinStart() {
            IOException boom = new IOException("fast");
            Task<Integer> task = new Fails(null, Task.failed(boom)).start();
            assertTrue(task.isDone());
            assertSame(boom, assertThrows(Throwable.class, task::join));
        }

        @Test
        void aCompletedStageOnTheFastPathDoesNotSuspend() {
            Trace trace = new Trace();
            AwaitStage<String> m = new AwaitStage<>(CompletableFuture.completedFuture("now"), trace);
            assertEquals("now", m.start().join());
            assertEquals(0, m.suspensions);
        }
    }

    @Nested
    class Suspension {

        @Test
        void resumptionIsQueuedOnTheLoopNotRunInsideTheCompleter() {
            Expect e = new Expect();
            Promise<Integer> p = new Promise<>();
            Trace trace = new Trace();
            int value = runFailingOnUncaught(() -> {
                EventLoop loop = EventLoop.current();
                e.expect(1);
                Sum sum = new Sum(List.of(p), trace);
                Task<Integer> task = sum.start();
                assertFalse(task.isDone());
                e.expect(2);
                loop.execute(() -> {
                    e.expect(3);
                    p.complete(5);
                    assertEquals(List.of("start"), trace.events(), "not resumed inside complete()");
                    e.expect(4);
                    // Queued after the machine's resume; it still runs, in the same turn, after
                    // the machine has completed the root task.
                    loop.execute(() -> e.expect(6));
                });
                loop.execute(() -> { }); // an unrelated step, queued before the resume
                trace.when("resumed 0").toCompletableFuture().thenRun(() -> e.expect(5));
                return task;
            });
            assertEquals(5, value);
            e.finish(7);
        }

        @Test
        void completionsFromOtherThreadsResumeTheMachineOnTheLoopThread() throws Exception {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<Integer> a = new CompletableFuture<>();
            CompletableFuture<Integer> b = new CompletableFuture<>();
            Trace trace = new Trace();
            Thread[] completer = new Thread[1];

            int value = EventLoop.run(() -> {
                Sum sum = new Sum(List.of(Task.from(a), Task.from(b)), trace);
                sum.start();
                completer[0] = TestThreads.whenBlocked(loopThread, () -> {
                    a.complete(30);
                    TestThreads.awaitBlocked(loopThread); // the machine suspends again, on b
                    b.complete(12);
                });
                return sum;
            });

            assertEquals(42, value);
            assertEquals(List.of("start", "resumed 0", "resumed 1"), trace.events());
            trace.threads().forEach(t -> assertSame(loopThread, t, "every step on the loop thread"));
            TestThreads.joinAll(completer[0]);
        }

        @Test
        void aCoroutineAwaitsOtherCoroutinesAndSleepsInVirtualTime() {
            VirtualClock clock = new VirtualClock();
            Trace trace = new Trace();
            int value = EventLoop.run(clock, () -> {
                clock.tickEveryTurn(Duration.ofMinutes(1));
                Task<Integer> slow = Machines.After.value("slow", Duration.ofHours(2), 40, trace);
                Task<Integer> fast = Machines.After.value("fast", Duration.ofHours(1), 2, trace);
                return new Sum(List.of(slow, fast), trace).start();
            });
            assertEquals(42, value);
            assertEquals(List.of("start", "fast done", "slow done", "resumed 0", "resumed 1"), trace.events());
        }

        @Test
        void aStageCompletedByAnotherThreadResumesOnTheLoopThread() throws Exception {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<String> future = new CompletableFuture<>();
            Trace trace = new Trace();
            Thread completer = TestThreads.whenBlocked(loopThread, () -> future.complete("hello"));

            AwaitStage<String> m = new AwaitStage<>(future, trace);
            assertEquals("hello", EventLoop.run(m::start));
            assertEquals(1, m.suspensions);
            assertSame(loopThread, trace.threadOf("got hello"));
            TestThreads.joinAll(completer);
        }

        @Test
        void startedOnAPlainThreadTheFirstStepRunsThereAndItResumesOnTheDefaultPool() throws Exception {
            Thread caller = Thread.currentThread();
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Trace trace = new Trace();
            Sum sum = new Sum(List.of(Task.from(future)), trace);

            Task<Integer> task = sum.start();
            assertEquals(List.of("start"), trace.events());
            assertSame(caller, trace.threadOf("start"));

            Thread completer = TestThreads.whenBlocked(caller, () -> future.complete(9));
            assertEquals(9, task.join());
            Thread resumedOn = trace.threadOf("resumed 0");
            // The default dispatcher is the runtime's one CPU pool: no second set of CPU threads.
            assertTrue(resumedOn.getName().startsWith("yieldpoint-cpu-"), resumedOn.getName());
            assertSame(Dispatch.cpu(), io.yieldpoint.internal.DefaultDispatcher.instance());
            TestThreads.joinAll(completer);
        }

        @Test
        void manyMachinesOnOneLoopResumedFromManyThreads() throws Exception {
            int machines = 300;
            int awaitsEach = 4;
            Thread loopThread = Thread.currentThread();
            List<Promise<Integer>> promises = new ArrayList<>();
            List<Sum> sums = new ArrayList<>();
            List<Trace> traces = new ArrayList<>();
            List<Thread> completers = new ArrayList<>();

            List<Integer> totals = EventLoop.run(() -> {
                List<Sum> started = new ArrayList<>();
                for (int m = 0; m < machines; m++) {
                    List<Promise<Integer>> mine = new ArrayList<>();
                    for (int k = 0; k < awaitsEach; k++) {
                        Promise<Integer> p = new Promise<>();
                        mine.add(p);
                        promises.add(p);
                    }
                    Trace trace = new Trace();
                    traces.add(trace);
                    Sum sum = new Sum(mine, trace);
                    sums.add(sum);
                    sum.start();
                    started.add(sum);
                }
                // Four threads complete the promises in a shuffled order, each with value 1.
                List<Promise<Integer>> shuffled = new ArrayList<>(promises);
                Collections.shuffle(shuffled, new Random(7));
                for (int t = 0; t < 4; t++) {
                    List<Promise<Integer>> share = shuffled.subList(t * shuffled.size() / 4,
                            (t + 1) * shuffled.size() / 4);
                    completers.add(TestThreads.start("completer-" + t, () -> share.forEach(p -> p.complete(1))));
                }
                return io.yieldpoint.Co.all(started);
            });

            for (int total : totals) {
                assertEquals(awaitsEach, total);
            }
            for (Trace trace : traces) {
                assertFalse(trace.events().contains("OVERLAP"));
                trace.threads().forEach(t -> assertSame(loopThread, t));
            }
            TestThreads.joinAll(completers.toArray(new Thread[0]));
        }

        @Test
        void stepsOfOneMachineNeverOverlapOnTheDefaultPool() throws Exception {
            int machines = 200;
            int awaitsEach = 5;
            List<Sum> sums = new ArrayList<>();
            List<Trace> traces = new ArrayList<>();
            List<Promise<Integer>> promises = new ArrayList<>();
            for (int m = 0; m < machines; m++) {
                List<Promise<Integer>> mine = new ArrayList<>();
                for (int k = 0; k < awaitsEach; k++) {
                    mine.add(new Promise<>());
                }
                promises.addAll(mine);
                Trace trace = new Trace();
                traces.add(trace);
                Sum sum = new Sum(mine, trace);
                sum.start();
                sums.add(sum);
            }
            List<Promise<Integer>> shuffled = new ArrayList<>(promises);
            Collections.shuffle(shuffled, new Random(11));
            List<Thread> completers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Promise<Integer>> share = shuffled.subList(t * shuffled.size() / 4,
                        (t + 1) * shuffled.size() / 4);
                completers.add(TestThreads.start("completer-" + t, () -> share.forEach(p -> p.complete(2))));
            }
            for (Sum sum : sums) {
                assertEquals(2 * awaitsEach, sum.join());
            }
            for (Trace trace : traces) {
                assertFalse(trace.events().contains("OVERLAP"));
            }
            TestThreads.joinAll(completers.toArray(new Thread[0]));
        }
    }

    @Nested
    class RefusedResumption {

        @Test
        void aDispatcherThatRefusesToResumeAfterAFutureIsReportedNotSwallowed() {
            ManualDispatcher refusing = new ManualDispatcher(true);
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Task<Integer> task = refusing.start(new AwaitStage<>(future, new Trace()));
            future.complete(1);
            assertFalse(task.isDone());
            assertEquals(1, refusing.reported.size(), refusing.reported.toString());
            Throwable reported = refusing.reported.get(0);
            assertTrue(reported.getMessage().contains("refused to resume"), reported.getMessage());
            assertTrue(reported.getCause() instanceof java.util.concurrent.RejectedExecutionException);
        }
    }

    @Nested
    class Exceptions {

        @Test
        void anExceptionThrownByTheBodyFailsTheTaskWithTheSameInstance() {
            IOException boom = new IOException("thrown by the body");
            Task<Integer> task = new Fails(boom, Task.completed(1)).start();
            assertTrue(task.isDone());
            assertTrue(task.isCompletedExceptionally());
            assertSame(boom, assertThrows(Throwable.class, task::join));
        }

        @Test
        void anErrorThrownByTheBodyFailsTheTaskToo() {
            AssertionError boom = new AssertionError("an error");
            CoroutineMachine<Void> m = new CoroutineMachine<>() {
                @Override
                protected boolean step() {
                    throw boom;
                }
            };
            assertSame(boom, assertThrows(AssertionError.class, () -> m.start().join()));
        }

        @Test
        void aFailureOfTheAwaitedTaskIsRethrownAtTheYieldPointAsTheSameInstance() {
            IOException boom = new IOException("awaited failed");
            Trace trace = new Trace();
            Promise<String> pending = new Promise<>();
            Guarded guarded = new Guarded(pending, trace);

            Throwable thrown = assertThrows(Throwable.class, () -> EventLoop.run(() -> {
                guarded.start();
                EventLoop.current().execute(() -> pending.fail(boom));
                return guarded;
            }));

            assertSame(boom, thrown, "EventLoop.run rethrows the same instance");
            assertSame(boom, guarded.caught, "the body caught the same instance at its yield point");
            assertEquals(List.of("start", "caught IOException", "finally"), trace.events());
        }

        @Test
        void aFailedStageIsUnwrappedToTheSameCause() {
            IOException boom = new IOException("stage");
            CompletableFuture<String> future = new CompletableFuture<>();
            future.completeExceptionally(new CompletionException(boom));
            Task<String> task = new AwaitStage<>(future, new Trace()).start();
            assertSame(boom, assertThrows(Throwable.class, task::join));

            CompletableFuture<String> later = new CompletableFuture<>();
            Throwable thrown = assertThrows(Throwable.class, () -> EventLoop.run(() -> {
                Task<String> t = new AwaitStage<>(later.thenApply(s -> s + "!"), new Trace()).start();
                EventLoop.current().execute(() -> later.completeExceptionally(boom));
                return t;
            }));
            assertSame(boom, thrown, "a dependent stage's CompletionException is unwrapped too");
        }
    }

    @Nested
    class ReturnTask {

        @Test
        void returningACompletedTaskCompletesAtOnce() {
            Trace trace = new Trace();
            Task<String> task = new Delegate<>(Task.completed("theirs"), trace).start();
            assertTrue(task.isDone());
            assertEquals("theirs", task.join());
        }

        @Test
        void returningAPendingTaskCompletesAsItDoes() {
            Promise<String> other = new Promise<>();
            Task<String> task = new Delegate<>(other, new Trace()).start();
            assertFalse(task.isDone());
            other.complete("later");
            assertEquals("later", task.join());
        }

        @Test
        void returningAFailingTaskFailsWithTheSameInstance() {
            IOException boom = new IOException("delegated");
            Promise<String> other = new Promise<>();
            Task<String> task = new Delegate<>(other, new Trace()).start();
            other.fail(boom);
            assertSame(boom, assertThrows(Throwable.class, task::join));
        }

        @Test
        void returningAnotherCoroutineOnTheLoop() {
            VirtualClock clock = new VirtualClock();
            Trace trace = new Trace();
            String value = EventLoop.run(clock, () -> {
                clock.tickEveryTurn(Duration.ofMinutes(1));
                return new Delegate<>(
                        Machines.After.value("inner", Duration.ofHours(1), "from inner", trace), trace).start();
            });
            assertEquals("from inner", value);
            assertEquals(List.of("delegating", "inner done"), trace.events());
        }

        @Test
        void cancellingTheDelegatorCancelsTheReturnedTask() {
            Promise<String> other = new Promise<>();
            Task<String> task = new Delegate<>(other, new Trace()).start();
            assertTrue(task.cancel());
            assertTrue(other.isCancelled());
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aCancellationThatRacesTheAwaitedFailureWinsSilently() {
            ManualDispatcher manual = new ManualDispatcher(false);
            CompletableFuture<Integer> future = new CompletableFuture<>();
            Trace trace = new Trace();
            Task<Integer> task = manual.start(new AwaitStage<>(future, trace));
            IOException failure = new IOException("the future failed");
            future.completeExceptionally(failure); // queues the resumption
            task.cancel();                          // before it runs
            manual.runAll();
            assertTrue(task.isCancelled());
            assertEquals(List.of(), manual.reported, "nothing reported as uncaught");
            assertThrows(CancellationException.class, task::join);
            assertTrue(io.yieldpoint.runtime.Coroutines.hasEnded(task), "the body unwound");
            assertEquals(List.of(), trace.events(), "the body went no further than its yield point");
        }

        @Test
        void cancelTakesEffectAtOnceCancelsTheAwaitedTaskAndTheBodyUnwindsFromItsYieldPoint() {
            Trace trace = new Trace();
            Promise<String> awaited = new Promise<>();
            Guarded guarded = new Guarded(awaited, trace);

            runFailingOnUncaught(() -> {
                EventLoop loop = EventLoop.current();
                guarded.start();
                loop.execute(() -> {
                    assertTrue(guarded.cancel());
                    // At once, before the body has run again: cancelled, but not done until it unwinds.
                    assertTrue(guarded.isCancelled());
                    assertFalse(guarded.isDone(), "done only once the body has unwound");
                    assertTrue(awaited.isCancelled(), "cancellation reached the awaited task");
                    assertEquals(List.of("start"), trace.events());
                    assertFalse(guarded.cancel(), "a second cancel finds it cancelled already");
                });
                return trace.when("finally");
            });

            assertEquals(List.of("start", "caught CancellationException", "finally"), trace.events());
            assertTrue(guarded.caught instanceof CancellationException);
            assertTrue(guarded.isDone() && guarded.isCancelled());
            assertThrows(CancellationException.class, guarded::join);
        }

        @Test
        void cancelFromAnotherThreadUnwindsTheBodyOnTheLoopThread() throws Exception {
            Thread loopThread = Thread.currentThread();
            Trace trace = new Trace();
            Promise<String> awaited = new Promise<>();
            Guarded guarded = new Guarded(awaited, trace);
            Thread[] canceller = new Thread[1];

            EventLoop.run(() -> {
                guarded.start();
                canceller[0] = TestThreads.whenBlocked(loopThread, () -> {
                    assertTrue(guarded.cancel());
                    assertTrue(guarded.isCancelled());
                    assertTrue(awaited.isCancelled());
                });
                return trace.when("finally");
            });

            assertEquals(List.of("start", "caught CancellationException", "finally"), trace.events());
            assertSame(loopThread, trace.threadOf("finally"));
            TestThreads.joinAll(canceller[0]);
        }

        @Test
        void cancelReachesTheCoroutinesItAwaitsAndTheirSleeps() {
            VirtualClock clock = new VirtualClock(); // frozen: the sleeps never come due by themselves
            Trace trace = new Trace();
            runFailingOnUncaught(EventLoop.builder().clock(clock), () -> {
                EventLoop loop = EventLoop.current();
                Task<Integer> inner = Machines.After.value("inner", Duration.ofHours(1), 1, trace);
                Sum outer = new Sum(List.of(inner), trace);
                outer.start();
                loop.execute(() -> {
                    assertTrue(outer.cancel());
                    assertTrue(inner.isCancelled(), "the awaited coroutine is cancelled at once");
                });
                return trace.when("inner cancelled at its yield point");
            });
            assertEquals(List.of("start", "inner cancelled at its yield point"), trace.events());
        }

        @Test
        void aMachineCancelledWhileRunningNoticesAtItsNextYieldPoint() {
            Trace trace = new Trace();
            CoroutineMachine<String> m = new CoroutineMachine<>() {
                @Override
                @SuppressWarnings("fallthrough")
                protected boolean step() {
                    switch (label) {
                        case 0:
                            trace.add("cancel() = " + cancel());
                            trace.add("still running");
                            try {
                                if (suspendOn(Task.completed("x"), 1)) {
                                    return SUSPENDED;
                                }
                            } catch (CancellationException e) {
                                trace.add("noticed at the yield point");
                                throw e;
                            }
                            // fall through
                        case 1:
                            trace.add("unreachable");
                            returnValue(awaitResult());
                            return RETURNED;
                        default:
                            throw new IllegalStateException();
                    }
                }
            };
            Task<String> task = m.start();
            assertTrue(task.isCancelled());
            assertEquals(List.of("cancel() = true", "still running", "noticed at the yield point"), trace.events());
        }

        @Test
        void cancelAfterCompletionChangesNothing() {
            Task<Integer> task = new Sum(List.of(Task.completed(4)), new Trace()).start();
            assertFalse(task.cancel());
            assertFalse(task.isCancelled());
            assertEquals(4, task.join());
        }

        @Test
        void cancellingAMachineSuspendedOnAStageCancelsTheFuture() {
            CompletableFuture<String> future = new CompletableFuture<>();
            Trace trace = new Trace();
            AwaitStage<String> m = new AwaitStage<>(future, trace);
            EventLoop.run(() -> {
                m.start();
                EventLoop.current().execute(m::cancel);
                return Task.from(future.handle((v, e) -> (Void) null)); // done once the future is
            });
            assertTrue(m.isCancelled());
            assertTrue(future.isCancelled());
        }
    }

    /**
     * {@link EventLoop#run}, failing the test with whatever a step threw: assertions made inside
     * {@code loop.execute(...)} would otherwise only reach the loop's uncaught-exception handler.
     */
    static <T> T runFailingOnUncaught(Supplier<? extends Task<T>> main) {
        return runFailingOnUncaught(EventLoop.builder(), main);
    }

    static <T> T runFailingOnUncaught(EventLoop.Builder loop, Supplier<? extends Task<T>> main) {
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        T result = loop.uncaughtExceptionHandler((source, failure) -> uncaught.add(failure)).run(main);
        if (!uncaught.isEmpty()) {
            AssertionError failed = new AssertionError("a step of the loop failed", uncaught.get(0));
            uncaught.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
        return result;
    }
}
