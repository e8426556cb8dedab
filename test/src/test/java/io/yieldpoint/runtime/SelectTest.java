package io.yieldpoint.runtime;

import static io.yieldpoint.Co.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.runtime.sync.Channel;
import io.yieldpoint.runtime.sync.ChannelClosedException;
import io.yieldpoint.runtime.sync.Select;
import io.yieldpoint.test.TestEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Select}: the first clause that can happen wins, exactly one happens, timeouts, closing. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectTest {

    private final Channel<String> a = Channel.unbounded();
    private final Channel<String> b = Channel.unbounded();

    private Select<String> receiveEither() {
        return new Select<String>().onReceive(a, v -> "a:" + v).onReceive(b, v -> "b:" + v);
    }

    @Test
    void whenSeveralClausesCanHappenTheFirstOneWinsAndOnlyIt() {
        a.send("1");
        b.send("2");
        assertEquals("a:1", receiveEither().start().join());
        assertEquals("2", b.tryReceive(), "b was not touched");
        b.send("3");
        assertEquals("b:3", receiveEither().start().join());
    }

    @Test
    void aWaitingSelectTakesTheFirstElementToComeAndWithdrawsFromTheOtherChannels() {
        Task<String> select = receiveEither().start();
        assertFalse(select.isDone());
        b.send("x");
        assertEquals("b:x", select.join());
        a.send("later");
        assertEquals("later", a.tryReceive(), "the select no longer waits on a: the element stayed there");
    }

    @Test
    void theTimeoutWinsAtExactlyItsDeadlineInVirtualTimeAndTakesNothing() {
        Trace trace = new Trace();
        String result = TestEventLoop.run(() -> Script.start(() -> { },
                last -> receiveEither().onTimeout(Duration.ofSeconds(30), () -> "timeout at " + TestEventLoopTest.nowMs())
                        .start()));
        assertEquals("timeout at 30000", result);
        a.send("after");
        assertEquals("after", a.tryReceive());
        assertEquals(List.of(), trace.events());
    }

    @Test
    void anElementBeforeTheDeadlineBeatsTheTimeout() {
        String result = TestEventLoop.run(() -> {
            Task<String> select = receiveEither().onTimeout(Duration.ofSeconds(30), () -> "timeout").start();
            Script.start(() -> { }, last -> sleep(Duration.ofSeconds(29)), last -> b.send("in time"));
            return select;
        });
        assertEquals("b:in time", result);
    }

    @Test
    void aZeroTimeoutIsADefaultThatWinsOnlyIfNothingElseCan() {
        assertEquals("default", receiveEither().onTimeout(Duration.ZERO, () -> "default").start().join());
        a.send("ready");
        assertEquals("a:ready", receiveEither().onTimeout(Duration.ZERO, () -> "default").start().join());
    }

    @Test
    void aSendClauseCompletesWhenAReceiverTakesTheElement() {
        Channel<String> rendezvous = Channel.rendezvous();
        Task<String> select = new Select<String>()
                .onSend(rendezvous, "offered", () -> "sent")
                .onReceive(a, v -> "received " + v)
                .start();
        assertFalse(select.isDone());
        assertEquals("offered", rendezvous.receive().join());
        assertEquals("sent", select.join());
        a.send("later");
        assertEquals("later", a.tryReceive(), "the receive clause withdrew");
    }

    @Test
    void twoSelectsMeetOnARendezvousChannel() {
        Channel<String> rendezvous = Channel.rendezvous();
        Task<String> sender = new Select<String>().onSend(rendezvous, "hello", () -> "sent")
                .onReceive(a, v -> "a").start();
        Task<String> receiver = new Select<String>().onReceive(b, v -> "b")
                .onReceive(rendezvous, v -> "got " + v).start();
        assertEquals("sent", sender.join());
        assertEquals("got hello", receiver.join());
    }

    @Test
    void onReceiveOfAClosedChannelFailsTheSelectAndOnReceiveOrNullGetsNull() {
        a.close();
        assertThrows(ChannelClosedException.class,
                () -> new Select<String>().onReceive(a, v -> v).start().join());
        assertEquals("closed", new Select<String>().onReceiveOrNull(a, v -> v == null ? "closed" : v).start().join());
        Task<String> waiting = new Select<String>().onReceiveOrNull(b, v -> v == null ? "b closed" : v).start();
        b.close();
        assertEquals("b closed", waiting.join());
    }

    @Test
    void onSendToAClosedChannelFailsTheSelect() {
        a.close();
        assertThrows(ChannelClosedException.class,
                () -> new Select<String>().onSend(a, "x", () -> "sent").start().join());
    }

    @Test
    void aClauseFunctionThatThrowsFailsTheSelectWithThatException() {
        IllegalArgumentException boom = new IllegalArgumentException("clause");
        a.send("x");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> new Select<String>()
                .onReceive(a, v -> {
                    throw boom;
                }).start().join()));
    }

    @Test
    void aCancelledSelectWithdrawsEveryClauseAndLosesNothing() {
        Task<String> select = receiveEither().onTimeout(Duration.ofHours(1), () -> "timeout").start();
        assertTrue(select.cancel());
        assertThrows(CancellationException.class, select::join);
        a.send("x");
        b.send("y");
        assertEquals("x", a.tryReceive());
        assertEquals("y", b.tryReceive());
    }

    @Test
    void aSelectStartsOnceAndNeedsAClause() {
        Select<String> s = new Select<String>().onTimeout(Duration.ZERO, () -> "t");
        s.start();
        assertThrows(IllegalStateException.class, s::start);
        assertThrows(IllegalStateException.class, () -> s.onReceive(a, v -> v));
        assertThrows(IllegalStateException.class, () -> new Select<String>().start());
        assertThrows(IllegalStateException.class, () -> new Select<String>().onTimeout(Duration.ZERO, () -> "1")
                .onTimeout(Duration.ZERO, () -> "2"));
    }

    @Test
    void onlyATimeoutIsASleep() {
        String r = TestEventLoop.run(() -> new Select<String>().onTimeout(Duration.ofMinutes(1),
                () -> "woke at " + TestEventLoopTest.nowMs()).start());
        assertEquals("woke at 60000", r);
    }

    @Test
    void aCoroutineCancelledBeforeAwaitingASelectThatReceivedGivesTheElementBack() {
        a.send("first");
        CoroutineMachine<String> m = Machines.CancelledBeforeAwait.start(() -> receiveEither().start());
        assertTrue(m.isCancelled());
        assertEquals("first", a.tryReceive());
        assertNull(a.tryReceive());
    }
}
