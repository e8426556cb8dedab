package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Machines.Drain;
import io.yieldpoint.runtime.Machines.Produce;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.runtime.sync.Channel;
import io.yieldpoint.runtime.sync.ChannelClosedException;
import io.yieldpoint.test.TestEventLoop;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Channel}: the three kinds, FIFO and fairness, closing, try-operations and cancellation. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelTest {

    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Nested
    class Kinds {

        @Test
        void aRendezvousSendWaitsForAReceiver() {
            Channel<String> ch = Channel.rendezvous();
            Task<Void> send = ch.send("x");
            assertFalse(send.isDone(), "nobody has taken the element");
            assertEquals(0, ch.size());
            Task<String> receive = ch.receive();
            assertEquals("x", receive.join());
            assertTrue(send.isDone(), "the receiver took it");
            assertNull(send.join());
        }

        @Test
        void aRendezvousReceiveWaitsForASender() {
            Channel<String> ch = Channel.rendezvous();
            Task<String> receive = ch.receive();
            assertFalse(receive.isDone());
            Task<Void> send = ch.send("y");
            assertTrue(send.isDone(), "handed straight to the waiting receiver");
            assertEquals("y", receive.join());
        }

        @Test
        void aBoundedChannelBuffersUpToItsCapacityThenSendsWait() {
            Channel<Integer> ch = Channel.bounded(2);
            assertTrue(ch.send(1).isDone());
            assertTrue(ch.send(2).isDone());
            Task<Void> third = ch.send(3);
            assertFalse(third.isDone(), "the buffer is full");
            assertEquals(2, ch.size());

            assertEquals(1, ch.receive().join());
            assertTrue(third.isDone(), "the waiting sender's element moved into the buffer");
            assertEquals(2, ch.size());
            assertEquals(2, ch.receive().join());
            assertEquals(3, ch.receive().join());
            assertEquals(0, ch.size());
        }

        @Test
        void anUnboundedChannelNeverMakesASenderWait() {
            Channel<Integer> ch = Channel.unbounded();
            for (int i = 0; i < 10_000; i++) {
                assertTrue(ch.send(i).isDone());
            }
            for (int i = 0; i < 10_000; i++) {
                assertEquals(i, ch.tryReceive());
            }
            assertNull(ch.tryReceive());
        }

        @Test
        void nullElementsAndNegativeCapacitiesAreRefused() {
            assertThrows(NullPointerException.class, () -> Channel.unbounded().send(null));
            assertThrows(NullPointerException.class, () -> Channel.unbounded().trySend(null));
            assertThrows(IllegalArgumentException.class, () -> Channel.bounded(-1));
            assertTrue(Channel.bounded(0).toString().contains("rendezvous"));
        }
    }

    @Nested
    class Fairness {

        @Test
        void waitingReceiversAreServedInTheOrderTheyCame() {
            Channel<String> ch = Channel.rendezvous();
            Task<String> first = ch.receive();
            Task<String> second = ch.receive();
            Task<String> third = ch.receive();
            ch.send("a");
            ch.send("b");
            assertEquals("a", first.join());
            assertEquals("b", second.join());
            assertFalse(third.isDone());
        }

        @Test
        void waitingSendersAreServedInTheOrderTheyCame() {
            Channel<String> ch = Channel.bounded(1);
            ch.send("buffered");
            Task<Void> a = ch.send("a");
            Task<Void> b = ch.send("b");
            assertEquals(List.of("buffered", "a", "b"), List.of(ch.receive().join(), ch.receive().join(),
                    ch.receive().join()));
            assertTrue(a.isDone());
            assertTrue(b.isDone());
        }

        @Test
        void tryReceiveAndTrySendNeverWait() {
            Channel<String> ch = Channel.bounded(1);
            assertNull(ch.tryReceive());
            assertTrue(ch.trySend("a"));
            assertFalse(ch.trySend("b"), "full");
            assertEquals("a", ch.tryReceive());
            Channel<String> rendezvous = Channel.rendezvous();
            assertFalse(rendezvous.trySend("x"), "no receiver waits");
            Task<String> waiting = rendezvous.receive();
            assertTrue(rendezvous.trySend("x"), "a receiver waits");
            assertEquals("x", waiting.join());
        }

        @Test
        void tryReceiveTakesTheElementOfAWaitingRendezvousSender() {
            Channel<String> ch = Channel.rendezvous();
            Task<Void> send = ch.send("s");
            assertEquals("s", ch.tryReceive());
            assertTrue(send.isDone());
        }
    }

    @Nested
    class Closing {

        @Test
        void elementsSentBeforeCloseAreStillReceivedThenReceiveFails() {
            Channel<Integer> ch = Channel.bounded(4);
            ch.send(1);
            ch.send(2);
            assertTrue(ch.close());
            assertFalse(ch.close(), "closed once");
            assertTrue(ch.isClosedForSend());
            assertFalse(ch.isClosedForReceive(), "two elements remain");

            assertEquals(1, ch.receive().join());
            assertEquals(2, ch.receiveOrNull().join());
            assertTrue(ch.isClosedForReceive());
            assertThrows(ChannelClosedException.class, () -> ch.receive().join());
            assertNull(ch.receiveOrNull().join());
            assertNull(ch.tryReceive());
        }

        @Test
        void aSendAfterCloseFails() {
            Channel<Integer> ch = Channel.unbounded();
            ch.close();
            ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.send(1).join());
            assertTrue(e.getMessage().contains("closed"));
            assertFalse(ch.trySend(1));
        }

        @Test
        void waitingReceiversLearnAtOnceThatTheChannelClosed() {
            Channel<Integer> ch = Channel.rendezvous();
            Task<Integer> receive = ch.receive();
            Task<Integer> orNull = ch.receiveOrNull();
            ch.close();
            assertThrows(ChannelClosedException.class, receive::join);
            assertNull(orNull.join());
        }

        @Test
        void sendersWaitingWhenTheChannelClosesStillDeliver() {
            Channel<String> ch = Channel.rendezvous();
            Task<Void> early = ch.send("sent before close");
            ch.close();
            assertFalse(ch.isClosedForReceive(), "a sender still waits");
            assertEquals("sent before close", ch.receive().join());
            assertTrue(early.isDone());
            assertTrue(ch.isClosedForReceive());
        }

        @Test
        void aConsumerDrainsUntilClosedOnTheLoop() {
            Channel<Integer> ch = Channel.bounded(3);
            List<Integer> got = TestEventLoop.run(() -> {
                Produce.of(ch, range(0, 100), true);
                return Drain.of(ch);
            });
            assertEquals(range(0, 100), got);
        }

        @Test
        void producersAndConsumersTakeTurnsInVirtualTime() {
            Trace trace = new Trace();
            Channel<Integer> ch = Channel.rendezvous();
            List<Integer> got = TestEventLoop.run(() -> {
                // The consumer is slow: every element waits 10 ms (virtual) before it is taken.
                Task<Object> slowConsumer = Script.traced(trace, "consumer",
                        last -> sleep(10), last -> ch.receive(),
                        last -> {
                            trace.add("got " + last + " at " + TestEventLoopTest.nowMs());
                            return sleep(10);
                        },
                        last -> ch.receive(),
                        last -> {
                            trace.add("got " + last + " at " + TestEventLoopTest.nowMs());
                            return Task.completed(null);
                        });
                Task<Void> producer = Produce.of(ch, List.of(1, 2), true);
                return Script.start(() -> { }, last -> all(slowConsumer, producer), last -> Task.completed(List.of()));
            });
            assertEquals(List.of(), got);
            assertEquals(List.of("got 1 at 10", "got 2 at 20", "consumer finally"), trace.events());
        }
    }

    @Nested
    class Cancellation {

        @Test
        void aCancelledReceiveLeavesTheQueueAndTheNextReceiverGetsTheElement() {
            Channel<String> ch = Channel.rendezvous();
            Task<String> cancelled = ch.receive();
            Task<String> next = ch.receive();
            assertTrue(cancelled.cancel());
            assertThrows(CancellationException.class, cancelled::join);
            ch.send("x");
            assertEquals("x", next.join());
        }

        @Test
        void aCancelledSendDoesNotSendItsElement() {
            Channel<String> ch = Channel.bounded(1);
            ch.send("kept");
            Task<Void> cancelled = ch.send("withdrawn");
            Task<Void> after = ch.send("after");
            assertTrue(cancelled.cancel());
            assertEquals("kept", ch.receive().join());
            assertTrue(after.isDone());
            assertEquals("after", ch.receive().join());
            assertNull(ch.tryReceive(), "the cancelled element never arrived");
        }

        @Test
        void cancellingAReceiveThatGotItsElementChangesNothing() {
            Channel<String> ch = Channel.unbounded();
            ch.send("x");
            Task<String> got = ch.receive();
            assertFalse(got.cancel());
            assertEquals("x", got.join());
        }

        @Test
        void aCoroutineCancelledBeforeItAwaitsAReceiveGivesTheElementBack() {
            Channel<String> ch = Channel.unbounded();
            ch.send("first");
            ch.send("second");
            Trace trace = new Trace();
            CoroutineMachine<String> m = new CoroutineMachine<>() {
                @Override
                @SuppressWarnings("fallthrough")
                protected boolean step() {
                    switch (label) {
                        case 0:
                            cancel(); // cancelled while running, before its await
                            try {
                                if (suspendOn(ch.receive(), 1)) { // receive() takes "first" at once
                                    return SUSPENDED;
                                }
                            } catch (CancellationException e) {
                                trace.add("cancelled at the yield point");
                                throw e;
                            }
                            // fall through
                        case 1:
                            returnValue(awaitResult());
                            return RETURNED;
                        default:
                            throw new IllegalStateException();
                    }
                }
            };
            m.start();
            assertTrue(m.isCancelled());
            assertEquals(List.of("cancelled at the yield point"), trace.events());
            assertEquals("first", ch.tryReceive(), "given back to the head of the channel");
            assertEquals("second", ch.tryReceive());
        }

        @Test
        void aCoroutineCancelledWhileAwaitingAReceiveUnwindsAndLosesNothing() {
            Channel<String> ch = Channel.rendezvous();
            Trace trace = new Trace();
            TestEventLoop.run(() -> {
                Task<Object> waiting = Script.traced(trace, "receiver", last -> ch.receive());
                return Script.start(() -> { }, last -> sleep(5), last -> {
                    assertTrue(waiting.cancel());
                    Task<Void> send = ch.send("x");
                    assertFalse(send.isDone(), "the cancelled receiver left the queue");
                    assertEquals("x", ch.tryReceive());
                    assertTrue(send.isDone());
                    return Task.completed(null);
                });
            });
            assertEquals(List.of("receiver finally"), trace.events());
        }
    }
}
