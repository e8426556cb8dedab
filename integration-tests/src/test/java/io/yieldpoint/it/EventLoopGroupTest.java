package io.yieldpoint.it;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Cancellation;
import io.yieldpoint.runtime.Dispatch;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.EventLoopGroup;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Event-loop groups: placement, sockets spread over loops, one shutdown for all loops. */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventLoopGroupTest {

    /** What one loop of a group saw. */
    record Seen(Thread thread, EventLoop loop, EventLoopGroup group) {}

    public interface Placement {
        @Coroutine
        default Task<Seen> where() {
            await(yieldNow());
            return done(new Seen(Thread.currentThread(), EventLoop.current(), EventLoopGroup.current()));
        }

        @Coroutine
        default Task<List<Seen>> onEveryLoop(int times) {
            EventLoopGroup group = EventLoopGroup.current();
            List<Task<Seen>> seen = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                seen.add(group.spawn(() -> where()));
            }
            return done(await(all(seen)));
        }
    }

    @Test
    void spawnGoesToTheLoopsInTurnAndEachRunsOnItsOwnThread() {
        Thread caller = Thread.currentThread();
        List<Seen> seen = EventLoopGroup.run(4, () -> EventLoopGroupTest_PlacementCoroutines.create().onEveryLoop(8));
        assertEquals(8, seen.size());
        EventLoopGroup group = seen.get(0).group();
        assertEquals(4, group.size());
        for (int i = 0; i < 8; i++) {
            Seen s = seen.get(i);
            assertSame(group, s.group());
            assertSame(group.loops().get(i % 4), s.loop(), "round-robin placement, coroutine " + i);
            assertSame(s.thread(), seen.get((i + 4) % 8).thread(), "one thread per loop");
        }
        Set<Thread> threads = new HashSet<>();
        for (Seen s : seen) {
            threads.add(s.thread());
        }
        assertEquals(4, threads.size());
        assertTrue(threads.contains(caller), "the first loop runs on the calling thread");
        for (Thread t : threads) {
            assertTrue(t == caller || !t.isAlive(), "loop thread " + t.getName() + " ended with run()");
        }
        assertEquals(null, EventLoopGroup.current());
    }

    // ---------------------------------------------------------------- sockets

    public interface Echo {
        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<Void> serve(TcpListener listener, Map<Thread, AtomicInteger> connections, AtomicLong echoed) {
            try {
                while (true) {
                    TcpStream stream = await(listener.accept());
                    stream.eventLoop().execute(() -> echo(stream, connections, echoed));
                }
            } finally {
                listener.close();
            }
        }

        @Coroutine
        default Task<Void> echo(TcpStream stream, Map<Thread, AtomicInteger> connections, AtomicLong echoed) {
            connections.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet();
            ByteBuffer buf = ByteBuffer.allocate(4096);
            try {
                int n;
                while ((n = await(stream.read(buf))) >= 0) {
                    echoed.addAndGet(n);
                    buf.flip();
                    await(stream.write(buf));
                    buf.clear();
                }
                return done();
            } finally {
                stream.close();
            }
        }

        /** Connects, waits until every client is connected, sends its bytes and reads them back. */
        @Coroutine
        default Task<byte[]> client(InetSocketAddress server, byte[] message, AtomicInteger connected, int clients,
                CompletableFuture<Void> allConnected) {
            TcpStream stream = await(TcpStream.connect(server));
            try {
                if (connected.incrementAndGet() == clients) {
                    allConnected.complete(null);
                }
                await(allConnected);
                await(stream.write(message));
                ByteBuffer back = ByteBuffer.allocate(message.length);
                while (back.hasRemaining()) {
                    if (await(stream.read(back)) < 0) {
                        break;
                    }
                }
                return done(back.array());
            } finally {
                stream.close();
            }
        }

        @Coroutine
        default Task<List<byte[]>> scenario(EventLoopGroup clientLoops, List<byte[]> messages,
                Map<Thread, AtomicInteger> connections, AtomicLong echoed) {
            TcpListener listener = listen(EventLoopGroup.current());
            Task<Void> server = serve(listener, connections, echoed);
            try {
                AtomicInteger connected = new AtomicInteger();
                CompletableFuture<Void> allConnected = new CompletableFuture<>();
                List<Task<byte[]>> answers = new ArrayList<>();
                for (byte[] m : messages) {
                    answers.add(clientLoops.spawn(() -> client(listener.localAddress(), m, connected, messages.size(),
                            allConnected)));
                }
                return done(await(all(answers)));
            } finally {
                server.cancel();
            }
        }
    }

    static TcpListener listen(EventLoopGroup group) {
        try {
            return TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), group);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fourLoopsServeTwoThousandConcurrentClientsEveryByteAccountedFor() {
        int clients = 2000;
        List<byte[]> messages = new ArrayList<>();
        long sent = 0;
        for (int i = 0; i < clients; i++) {
            byte[] m = new byte[1000 + (i % 7) * 1500]; // 1,000 to 10,000 bytes: several reads for some
            for (int j = 0; j < m.length; j++) {
                m[j] = (byte) (i * 31 + j);
            }
            messages.add(m);
            sent += m.length;
        }
        Map<Thread, AtomicInteger> connections = new ConcurrentHashMap<>();
        AtomicLong echoed = new AtomicLong();
        List<byte[]> answers;
        try (EventLoopGroup clientLoops = EventLoopGroup.builder().loops(2).threadName("echo-client").start()) {
            answers = EventLoopGroup.builder().loops(4).threadName("echo-server").run(
                    () -> EventLoopGroupTest_EchoCoroutines.create().scenario(clientLoops, messages, connections, echoed));
        }
        assertEquals(clients, answers.size());
        for (int i = 0; i < clients; i++) {
            assertArrayEquals(messages.get(i), answers.get(i), "client " + i);
        }
        assertEquals(sent, echoed.get(), "bytes the server read (and wrote back)");
        assertEquals(4, connections.size(), "connections served on every loop: " + connections);
        for (AtomicInteger n : connections.values()) {
            assertEquals(clients / 4, n.get(), "one acceptor hands connections to the loops in turn: " + connections);
        }
        for (Thread t : connections.keySet()) {
            assertTrue(t == Thread.currentThread() || !t.isAlive(), t.getName() + " ended");
        }
    }

    // ---------------------------------------------------------------- shutdown

    public interface Stuck {
        /** Suspended reading a socket nobody writes to. */
        @Coroutine
        default Task<Void> onSocket(TcpStream stream, List<String> unwound) {
            try {
                await(stream.read(ByteBuffer.allocate(16)));
                return done();
            } finally {
                stream.close();
                unwound.add("socket");
            }
        }

        @Coroutine
        default Task<Void> onTimer(List<String> unwound) {
            try {
                await(sleep(Duration.ofHours(1)));
                return done();
            } finally {
                unwound.add("timer");
            }
        }

        /** Suspended on a coroutine of another loop; its finally awaits a third loop, shielded. */
        @Coroutine
        default Task<Void> onOther(Task<Void> other, EventLoop cleanupLoop, List<String> unwound) {
            try {
                await(other);
                return done();
            } finally {
                // Work on another loop (a step, not a coroutine: those started now are cancelled too).
                Thread cleanup = await(Cancellation.shield(Dispatch.call(cleanupLoop, Thread::currentThread)));
                unwound.add("other, cleaned up on " + cleanup.getName());
            }
        }

        @Coroutine
        default Task<List<Thread>> startAndLeave(List<String> unwound) {
            EventLoopGroup group = EventLoopGroup.current();
            List<EventLoop> loops = group.loops();
            TcpListener listener = listen(group);
            try {
                Task<TcpStream> accepted = listener.accept();
                TcpStream client = await(TcpStream.connect(listener.localAddress()));
                TcpStream server = await(accepted);
                // The accepted stream belongs to another loop; its reader starts there.
                Task<Void> reader = Dispatch.on(server.eventLoop(), () -> onSocket(server, unwound));
                Task<Void> sleeper = Dispatch.on(loops.get(2), () -> onTimer(unwound));
                Task<Void> waiter = Dispatch.on(loops.get(3), () -> onOther(sleeper, loops.get(1), unwound));
                List<Thread> threads = new ArrayList<>();
                for (EventLoop l : loops) {
                    threads.add(await(Dispatch.on(l, () -> where())).thread());
                }
                assertFalse(reader.isDone() || sleeper.isDone() || waiter.isDone());
                return done(threads); // client stays open: the reader is still suspended at shutdown
            } finally {
                listener.close();
            }
        }

        @Coroutine
        default Task<Seen> where() {
            return done(new Seen(Thread.currentThread(), EventLoop.current(), EventLoopGroup.current()));
        }
    }

    @Test
    void shutdownUnwindsEveryLoopsCoroutinesAcrossLoopsAndLeavesNoThread() {
        List<String> unwound = new CopyOnWriteArrayList<>();
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        List<Thread> threads = EventLoopGroup.builder().loops(4).threadName("shutdown")
                .uncaughtExceptionHandler((source, e) -> uncaught.add(e))
                .run(() -> EventLoopGroupTest_StuckCoroutines.create().startAndLeave(unwound));
        assertEquals(Set.of("socket", "timer", "other, cleaned up on shutdown-1"), new HashSet<>(unwound),
                "every finally ran, the cross-loop clean-up included");
        assertEquals(3, unwound.size());
        assertEquals(List.of(), uncaught);
        for (Thread t : threads.subList(1, 4)) {
            assertFalse(t.isAlive(), t.getName() + " ended before run() returned");
        }
    }

    // ---------------------------------------------------------------- failures, start and close

    public interface Failing {
        @Coroutine
        default Task<Void> fail(String message) {
            if (message.isEmpty()) {
                await(yieldNow());
            }
            throw new IllegalStateException(message);
        }

        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<String> leaveAFailureBehind() {
            EventLoop member = EventLoopGroup.current().loops().get(1);
            CompletableFuture<Void> failed = new CompletableFuture<>();
            member.execute(() -> {
                fail("nobody awaited me"); // fails in its first step, on the member loop
                failed.complete(null);
            });
            await(failed);
            return done("main done");
        }
    }

    public interface FailingTwice {
        /** Fails, leaving behind a step that throws an error no loop may swallow, run at shutdown. */
        @Coroutine
        default Task<Void> sleepLong() {
            await(sleep(Duration.ofHours(1)));
            return done();
        }

        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<String> failWithAFatalStepQueued() {
            sleepLong(); // live: the loop runs turns while it shuts down
            await(yieldNow());
            EventLoop.current().execute(() -> {
                throw new StackOverflowError("thrown by a step while the loop shuts down");
            });
            throw new IllegalStateException("the main task failed");
        }
    }

    @Test
    void theMainTasksFailureStaysTheFirstCauseWhenTheShutdownFailsToo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventLoopGroup.run(2,
                () -> EventLoopGroupTest_FailingTwiceCoroutines.create().failWithAFatalStepQueued()));
        assertEquals("the main task failed", e.getMessage());
        assertEquals(1, e.getSuppressed().length, String.valueOf(List.of(e.getSuppressed())));
        assertInstanceOf(StackOverflowError.class, e.getSuppressed()[0]);
        IllegalStateException lone = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> EventLoopGroupTest_FailingTwiceCoroutines.create().failWithAFatalStepQueued()));
        assertInstanceOf(StackOverflowError.class, lone.getSuppressed()[0]);
    }

    public interface Fatal {
        @Coroutine
        default Task<Void> overflow() {
            await(yieldNow());
            throw new StackOverflowError("deep");
        }

        /** Leaves a coroutine that fails with an error of the JVM, then waits until it is reported. */
        @Coroutine
        @SuppressWarnings("YP-TaskDiscarded")
        default Task<String> waitForTheReport(CompletableFuture<Void> reported) {
            overflow();
            await(reported); // completed by the handler: before the loop shuts down, or never
            return done("reported while running");
        }
    }

    @Test
    void anErrorOfTheJvmInACoroutineNobodyAwaitsIsReportedAtOnceAndOnlyOnce() {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reported = new CompletableFuture<>();
        String result = EventLoop.builder().uncaughtExceptionHandler((source, e) -> {
            uncaught.add(e);
            reported.complete(null);
        }).run(() -> EventLoopGroupTest_FatalCoroutines.create().waitForTheReport(reported));
        assertEquals("reported while running", result);
        assertEquals(1, uncaught.size(), String.valueOf(uncaught));
        assertInstanceOf(StackOverflowError.class, uncaught.get(0));
    }

    @Test
    void aFailureNobodySawOnAnotherLoopIsReportedWhenTheGroupShutsDown() {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        String result = EventLoopGroup.builder().loops(2)
                .uncaughtExceptionHandler((source, e) -> uncaught.add(e))
                .run(() -> EventLoopGroupTest_FailingCoroutines.create().leaveAFailureBehind());
        assertEquals("main done", result);
        assertEquals(1, uncaught.size(), String.valueOf(uncaught));
        assertEquals("nobody awaited me", uncaught.get(0).getMessage());
    }

    @Test
    void aStartedGroupRunsUntilClosedThenUnwindsWhatIsLeft() throws Exception {
        List<String> unwound = new CopyOnWriteArrayList<>();
        Stuck stuck = EventLoopGroupTest_StuckCoroutines.create();
        List<Thread> threads = new ArrayList<>();
        Task<Void> sleeper;
        try (EventLoopGroup group = EventLoopGroup.builder().loops(3).threadName("started").start()) {
            for (int i = 0; i < 3; i++) {
                threads.add(group.spawn(() -> stuck.where()).join().thread());
            }
            sleeper = group.spawn(() -> stuck.onTimer(unwound));
            assertFalse(group.isShuttingDown());
            Task<Void> closeOnLoop = group.spawn(() -> {
                group.close();
                return Task.completed(null);
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, closeOnLoop::join);
            assertTrue(e.getMessage().contains("would wait for"), e.getMessage());
        }
        assertEquals(List.of("timer"), unwound);
        assertTrue(sleeper.isCancelled());
        for (Thread t : threads) {
            assertFalse(t.isAlive(), t.getName());
        }
        assertEquals(3, new HashSet<>(threads).size());
    }

    @Test
    void whenTheFirstLoopDiesOfAnErrorTheOthersDoNotRunOn() throws Exception {
        EventLoopGroup group = EventLoopGroup.builder().loops(2).threadName("dying").start();
        CompletableFuture<Thread> first = new CompletableFuture<>();
        CompletableFuture<Thread> member = new CompletableFuture<>();
        group.loops().get(0).execute(() -> first.complete(Thread.currentThread()));
        group.loops().get(1).execute(() -> member.complete(Thread.currentThread()));
        Thread t0 = first.get(10, TimeUnit.SECONDS);
        Thread t1 = member.get(10, TimeUnit.SECONDS);
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        t0.setUncaughtExceptionHandler(quiet); // the error below ends the thread; nothing to print
        group.loops().get(0).execute(() -> {
            throw new StackOverflowError("the first loop dies"); // an error no loop swallows
        });
        t0.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t0.isAlive(), "the first loop's thread died of the error");
        t1.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(t1.isAlive(), "the other loop was let go instead of running on with nobody to stop it");
        group.close(); // nothing left to wait for
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> EventLoopGroup.builder().loops(0));
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> Task.completed(EventLoopGroup.run(2, () -> Task.completed("x")))));
        assertTrue(nested.getMessage().contains("already runs an event loop"), nested.getMessage());
        IllegalStateException close = assertThrows(IllegalStateException.class,
                () -> EventLoopGroup.run(2, () -> {
                    EventLoopGroup.current().close();
                    return Task.completed("unreachable");
                }));
        assertTrue(close.getMessage().contains("main task"), close.getMessage());
    }

    @Test
    void aGroupOfOneIsALoop() {
        Seen seen = EventLoopGroup.run(1, () -> EventLoopGroupTest_PlacementCoroutines.create().where());
        assertEquals(1, seen.group().size());
        assertSame(Thread.currentThread(), seen.thread());
        assertNotSame(null, seen.loop());
        assertSame(seen.loop(), seen.group().next(), "the one loop is every loop's next");
        assertSame(seen.loop(), seen.group().next());
    }
}
