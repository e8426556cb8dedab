package io.yieldpoint.runtime.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.BufferedLineReader;
import io.yieldpoint.runtime.net.IoSelector;
import io.yieldpoint.runtime.net.TcpListener;
import io.yieldpoint.runtime.net.TcpStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event loop's wait on its {@link IoSelector}: made lazily, woken from other threads, rebuilt. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IoSelectorTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static TcpListener listen() {
        try {
            return TcpListener.bind(LOOPBACK);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLoopWithoutIoNeverMakesASelector() {
        boolean[] hadOne = {true};
        EventLoop.run(() -> Task.from(Co.sleep(Duration.ofMillis(2)).toCompletableFuture().thenApply(v -> {
            hadOne[0] = IoSelector.ofCurrentLoopIfAny() != null;
            return v;
        })));
        assertEquals(false, hadOne[0]);
    }

    @Test
    void theSelectorIsMadeOnFirstUseAndKeptOnTheLoop() {
        EventLoop.run(() -> {
            assertNull(IoSelector.ofCurrentLoopIfAny());
            IoSelector s = IoSelector.ofCurrentLoop();
            assertNotNull(s);
            assertTrue(s == IoSelector.ofCurrentLoop(), "one selector per loop");
            assertTrue(s == IoSelector.ofCurrentLoopIfAny());
            return Co.done();
        });
    }

    @Test
    void otherThreadsWakeALoopBlockedInSelectWithoutLosingAWakeUp() throws Exception {
        // The loop blocks in select (an accept waits, no timer); another thread submits a step, the
        // loop answers, again and again. A lost wake-up would hang the test (and its timeout fails it).
        int rounds = 2_000;
        SynchronousQueue<Integer> toLoop = new SynchronousQueue<>();
        SynchronousQueue<Integer> fromLoop = new SynchronousQueue<>();
        AtomicInteger ranOnLoop = new AtomicInteger();
        int result = EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            TcpListener listener = listen();
            Task<TcpStream> idle = listener.accept(); // a registration: the loop now waits in select
            Promise<Integer> done = new Promise<>();
            Thread other = new Thread(() -> {
                try {
                    for (int i = 0; i < rounds; i++) {
                        int n = i;
                        loop.execute(() -> {
                            ranOnLoop.incrementAndGet();
                            try {
                                fromLoop.put(n);
                            } catch (InterruptedException e) {
                                throw new AssertionError(e);
                            }
                        });
                        assertEquals(n, fromLoop.take());
                    }
                    loop.execute(() -> {
                        idle.cancel();
                        listener.close();
                        done.complete(ranOnLoop.get());
                    });
                } catch (InterruptedException e) {
                    done.fail(e);
                }
            });
            other.start();
            return done;
        });
        assertEquals(rounds, result);
        assertEquals(0, toLoop.size());
    }

    @Test
    void timersFireOnTimeWhileTheLoopWaitsInSelect() {
        long elapsed = EventLoop.run(() -> {
            TcpListener listener = listen();
            Task<TcpStream> idle = listener.accept();
            long start = System.nanoTime();
            return Task.from(Co.sleep(Duration.ofMillis(30)).toCompletableFuture().thenApply(v -> {
                idle.cancel();
                listener.close();
                return System.nanoTime() - start;
            }));
        });
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(30), "a timer never fires early: " + elapsed);
        assertTrue(elapsed < TimeUnit.SECONDS.toNanos(5), "nor very late: " + elapsed);
    }

    @Test
    void aRebuiltSelectorKeepsEveryRegistration() {
        // An echo exchange, with the selector replaced while both ends wait.
        String[] lines = EventLoop.run(() -> {
            IoSelector io = IoSelector.ofCurrentLoop();
            TcpListener listener = listen();
            CompletableFuture<TcpStream> accepted = listener.accept().toCompletableFuture();
            io.rebuild(); // the accept waits across it
            return Task.from(TcpStream.connect(listener.localAddress()).toCompletableFuture()
                    .thenCombine(accepted, (c, s) -> new TcpStream[] {c, s})
                    .thenCompose(pair -> {
                        TcpStream c = pair[0];
                        TcpStream s = pair[1];
                        BufferedLineReader serverIn = new BufferedLineReader(s);
                        BufferedLineReader clientIn = new BufferedLineReader(c);
                        Task<String> serverRead = serverIn.readLine(100); // waits across the next rebuild
                        io.rebuild();
                        return c.write(ByteBuffer.wrap("ping\n".getBytes(US_ASCII))).toCompletableFuture()
                                .thenCompose(v -> serverRead.toCompletableFuture())
                                .thenCompose(ping -> s.write(ByteBuffer.wrap((ping + " pong\n").getBytes(US_ASCII)))
                                        .toCompletableFuture()
                                        .thenCompose(v -> clientIn.readLine(100).toCompletableFuture())
                                        .thenApply(pong -> new String[] {ping, pong, String.valueOf(io.rebuilds())}))
                                .whenComplete((r, e) -> {
                                    c.close();
                                    s.close();
                                    listener.close();
                                });
                    }));
        });
        assertEquals("ping", lines[0]);
        assertEquals("ping pong", lines[1]);
        assertEquals("2", lines[2]);
    }

    @Test
    void repeatedEmptyEarlyReturnsRebuildTheSelector() {
        int[] rebuilds = EventLoop.run(() -> {
            IoSelector io = IoSelector.ofCurrentLoop();
            int before = io.rebuilds();
            long second = TimeUnit.SECONDS.toNanos(1);
            for (int i = 0; i < IoSelector.SPIN_REBUILD_THRESHOLD - 1; i++) {
                io.noteReturn(0, second, 1_000); // returned after 1 us of a 1 s wait, nothing selected
            }
            int afterAlmost = io.rebuilds();
            io.noteReturn(0, second, 1_000);
            int afterThreshold = io.rebuilds();
            // Returns that something explains do not count: a key selected, the timeout reached.
            for (int i = 0; i < 2 * IoSelector.SPIN_REBUILD_THRESHOLD; i++) {
                io.noteReturn(i % 2, second, 1_000);
                io.noteReturn(0, second, second);
            }
            return Task.completed(new int[] {before, afterAlmost, afterThreshold, io.rebuilds()});
        });
        assertEquals(0, rebuilds[0]);
        assertEquals(0, rebuilds[1]);
        assertEquals(1, rebuilds[2]);
        assertEquals(1, rebuilds[3]);
    }

    @Test
    void aBusyLoopStillSeesItsSockets() {
        // A coroutine that never stops yielding keeps the run queue non-empty: readiness must still
        // be polled at each turn, or the read would starve.
        int n = EventLoop.run(() -> {
            TcpListener listener = listen();
            boolean[] stop = {false};
            CompletableFuture<Void> spinner = new CompletableFuture<>();
            new Runnable() {
                @Override
                public void run() {
                    if (stop[0]) {
                        spinner.complete(null);
                    } else {
                        Co.yieldNow().toCompletableFuture().thenRun(this);
                    }
                }
            }.run();
            return Task.from(TcpStream.connect(listener.localAddress()).toCompletableFuture()
                    .thenCompose(c -> listener.accept().toCompletableFuture().thenCompose(s -> {
                        ByteBuffer b = ByteBuffer.allocate(8);
                        Task<Integer> read = s.read(b);
                        return c.write(ByteBuffer.wrap(new byte[] {1, 2, 3})).toCompletableFuture()
                                .thenCompose(v -> read.toCompletableFuture())
                                .whenComplete((r, e) -> {
                                    stop[0] = true;
                                    c.close();
                                    s.close();
                                    listener.close();
                                });
                    }))
                    .thenCombine(spinner, (r, v) -> r));
        });
        assertEquals(3, n);
    }
}
