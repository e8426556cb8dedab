package io.yieldpoint.runtime.net;

import static io.yieldpoint.runtime.net.Net.ANY_LOOPBACK_PORT;
import static io.yieldpoint.runtime.net.Net.cf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TcpStream} and {@link TcpListener} over loopback: round trips, many clients, peers that
 * close, back-pressure, cancellation, errors; and after every test, no socket left open.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TcpStreamTest {

    private int descriptorsBefore;

    @BeforeEach
    void countDescriptors() {
        descriptorsBefore = Net.openNetworkDescriptors();
    }

    @AfterEach
    void noDescriptorLeaked() {
        assertEquals(descriptorsBefore, Net.openNetworkDescriptors(), "sockets, pipes or selectors left open");
    }

    private static TcpListener listen() {
        try {
            return TcpListener.bind(ANY_LOOPBACK_PORT);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(US_ASCII));
    }

    /** Runs {@code body} as the main task of a fresh event loop. */
    private static <T> T onLoop(java.util.function.Supplier<CompletableFuture<T>> body) {
        return EventLoop.run(() -> Task.from(body.get()));
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void echoRoundTripWithHalfClose() {
        String reply = onLoop(() -> {
            TcpListener listener = listen();
            cf(listener.accept()).thenCompose(Net::echo).whenComplete((v, e) -> listener.close());
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(client ->
                    cf(client.write(ascii("hello, loop"))).thenCompose(v -> cf(client.shutdownOutput()))
                            .thenCompose(v -> Net.drain(client, 3))
                            .whenComplete((r, e) -> client.close()))
                    .thenApply(countAndSum -> countAndSum[0] + ":" + countAndSum[1]);
        });
        long sum = 0;
        for (byte b : "hello, loop".getBytes(US_ASCII)) {
            sum += b;
        }
        assertEquals("11:" + sum, reply);
    }

    @Test
    void manyConcurrentClientsOnOneLoop() {
        int clients = 300;
        int messages = 10;
        List<String> replies = onLoop(() -> {
            TcpListener listener = listen();
            Net.repeat(() -> cf(listener.accept()).thenApply(s -> {
                Net.echo(s);
                return true;
            })).whenComplete((v, e) -> listener.close());
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                all.add(cf(TcpStream.connect(listener.localAddress())).thenCompose(s -> {
                    BufferedLineReader in = new BufferedLineReader(s);
                    StringBuilder got = new StringBuilder();
                    int[] i = {0};
                    return Net.repeat(() -> {
                        if (i[0] == messages) {
                            return CompletableFuture.completedFuture(false);
                        }
                        String line = "client " + id + " message " + i[0]++;
                        return cf(s.write(ascii(line + "\r\n"))).thenCompose(v -> cf(in.readLine(100)))
                                .thenApply(echoed -> {
                                    got.append(echoed.equals(line) ? "." : "[" + echoed + "]");
                                    return true;
                                });
                    }).thenApply(v -> got.toString()).whenComplete((r, e) -> s.close());
                }));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
                listener.close();
                List<String> r = new ArrayList<>();
                all.forEach(f -> r.add(f.join()));
                return r;
            });
        });
        assertEquals(clients, replies.size());
        for (String r : replies) {
            assertEquals(".".repeat(messages), r);
        }
    }

    // ------------------------------------------------------------------ peers that go away

    @Test
    void aPeerThatClosesMidLineEndsTheReadWithEofException() {
        Throwable failure = onLoop(() -> {
            TcpListener listener = listen();
            CompletableFuture<Throwable> server = cf(listener.accept()).thenCompose(s -> {
                listener.close();
                return cf(new BufferedLineReader(s).readLine(1000)).handle((line, e) -> {
                    s.close();
                    return e == null ? new AssertionError("read a line: " + line) : Net.unwrap(e);
                });
            });
            cf(TcpStream.connect(listener.localAddress())).thenCompose(c ->
                    cf(c.write(ascii("GET /unfinished"))).whenComplete((v, e) -> c.close()));
            return server;
        });
        assertInstanceOf(java.io.EOFException.class, failure);
    }

    @Test
    void aWaitingReadSeesTheEndOfStreamWhenThePeerCloses() {
        int n = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                Task<Integer> read = s.read(ByteBuffer.allocate(10));
                assertFalse(read.isDone(), "nothing was sent yet: the read waits");
                c.close();
                return cf(read).whenComplete((r, e) -> s.close());
            }));
        });
        assertEquals(-1, n);
    }

    @Test
    void aWriteToAPeerThatResetFailsAndClosesTheStream() {
        Throwable failure = onLoop(() -> {
            TcpListener listener = listen();
            // A plain socket as the peer, to close it with a reset (SO_LINGER 0). Its connect does not
            // block: the kernel completes a loopback connection into the backlog.
            java.net.Socket peer = new java.net.Socket();
            try {
                peer.connect(listener.localAddress());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return cf(listener.accept()).thenCompose(s -> {
                listener.close();
                try {
                    peer.setSoLinger(true, 0);
                    peer.close();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                // Keep writing until the reset is seen: the first writes may still be accepted.
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                return Net.repeat(() -> cf(s.write(chunk.clear())).thenApply(v -> true))
                        .handle((v, e) -> {
                            assertFalse(s.isOpen(), "an I/O error closes the stream");
                            return Net.unwrap(e);
                        });
            });
        });
        assertInstanceOf(IOException.class, failure);
    }

    // ------------------------------------------------------------------ back-pressure

    @Test
    void aSlowReaderMakesTheWriteWaitThenEveryByteArrives() {
        int size = 64 * 1024 * 1024; // beyond what loopback's socket buffers hold
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        long expectedSum = 0;
        for (byte b : data) {
            expectedSum += b & 0xff;
        }
        boolean[] waited = new boolean[1];
        long[] got = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                Task<Void> write = s.write(ByteBuffer.wrap(data));
                // The client has not read anything: the kernel's buffers are full, the write waits.
                waited[0] = !write.isDone();
                cf(write).whenComplete((v, e) -> s.close());
                return Net.drain(c, 64 * 1024).whenComplete((r, e) -> c.close());
            }));
        });
        assertTrue(waited[0], "the write waited for the reader");
        assertEquals(size, got[0]);
        assertEquals(expectedSum, got[1]);
    }

    @Test
    void cancellingAWaitingWriteClosesTheStream() {
        boolean[] open = {true};
        boolean cancelled = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenApply(s -> {
                listener.close();
                Task<Void> write = s.write(ByteBuffer.allocate(64 * 1024 * 1024));
                assertFalse(write.isDone());
                write.cancel();
                open[0] = s.isOpen();
                c.close();
                return write.isCancelled();
            }));
        });
        assertTrue(cancelled);
        assertFalse(open[0], "a cancelled write closes the stream");
    }

    // ------------------------------------------------------------------ cancellation and timeouts

    @Test
    void aCancelledReadLeavesTheStreamUsable() {
        String got = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                ByteBuffer b = ByteBuffer.allocate(100);
                Task<Integer> first = s.read(b);
                assertFalse(first.isDone());
                assertTrue(first.cancel());
                assertTrue(first.isCancelled());
                assertTrue(s.isOpen(), "a cancelled read leaves the stream open");
                return cf(c.write(ascii("after the cancel")))
                        .thenCompose(v -> cf(s.read(b)))
                        .thenApply(n -> new String(b.array(), 0, n, US_ASCII))
                        .whenComplete((r, e) -> {
                            s.close();
                            c.close();
                        });
            }));
        });
        assertEquals("after the cancel", got);
    }

    @Test
    void aReadUnderWithTimeoutTimesOutThenTheStreamStillWorks() {
        List<Object> outcome = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                ByteBuffer b = ByteBuffer.allocate(100);
                return cf(Co.withTimeout(Duration.ofMillis(20), s.read(b))).handle((n, e) -> Net.unwrap(e))
                        .thenCompose(timeout -> cf(c.write(ascii("late")))
                                .thenCompose(v -> cf(s.read(b)))
                                .thenApply(n -> List.<Object>of(timeout, n)))
                        .whenComplete((r, e) -> {
                            s.close();
                            c.close();
                        });
            }));
        });
        assertInstanceOf(TimeoutException.class, outcome.get(0));
        assertEquals(4, outcome.get(1));
    }

    @Test
    void closeFailsTheWaitingReadAndLaterOperations() {
        List<Throwable> failures = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                Task<Integer> read = s.read(ByteBuffer.allocate(10));
                s.close();
                c.close();
                return cf(read).handle((n, e) -> Net.unwrap(e)).thenCompose(readFailure ->
                        cf(s.write(ascii("x"))).handle((v, e) -> List.of(readFailure, Net.unwrap(e))));
            }));
        });
        assertInstanceOf(AsynchronousCloseException.class, failures.get(0));
        assertInstanceOf(ClosedChannelException.class, failures.get(1));
    }

    @Test
    void aCancelledAcceptLeavesTheListenerUsable() {
        boolean accepted = onLoop(() -> {
            TcpListener listener = listen();
            Task<TcpStream> first = listener.accept();
            assertTrue(first.cancel());
            assertTrue(listener.isOpen());
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenApply(s -> {
                boolean ok = s.isOpen() && s.remoteAddress().equals(c.localAddress());
                s.close();
                c.close();
                listener.close();
                return ok;
            }));
        });
        assertTrue(accepted);
    }

    @Test
    void closingTheListenerFailsTheWaitingAccept() {
        Throwable failure = onLoop(() -> {
            TcpListener listener = listen();
            Task<TcpStream> accept = listener.accept();
            listener.close();
            return cf(accept).handle((s, e) -> Net.unwrap(e));
        });
        assertInstanceOf(AsynchronousCloseException.class, failure);
    }

    // ------------------------------------------------------------------ connecting

    @Test
    void connectingWhereNothingListensFails() {
        Throwable failure = onLoop(() -> {
            TcpListener listener = listen();
            InetSocketAddress address = listener.localAddress();
            listener.close();
            // A registered channel's descriptor is released at the loop's next poll: connect after it.
            return cf(Co.yieldNow()).thenCompose(v -> cf(TcpStream.connect(address))).handle((s, e) -> Net.unwrap(e));
        });
        // ConnectException ("Connection refused"), or its parent SocketException when the refusal
        // comes back at once, before the connect is even pending.
        assertInstanceOf(java.net.SocketException.class, failure);
        assertTrue(failure.getMessage().toLowerCase(java.util.Locale.ROOT).contains("refused"), failure.getMessage());
    }

    @Test
    void connectResolvesAHostNameOnTheBlockingPool() {
        String reply = onLoop(() -> {
            TcpListener listener = listen();
            cf(listener.accept()).thenCompose(Net::echo).whenComplete((v, e) -> listener.close());
            return cf(TcpStream.connect("localhost", listener.localAddress().getPort())).thenCompose(c -> {
                BufferedLineReader in = new BufferedLineReader(c);
                return cf(c.write(ascii("by name\n"))).thenCompose(v -> cf(in.readLine(100)))
                        .whenComplete((r, e) -> c.close());
            });
        });
        assertEquals("by name", reply);
    }

    @Test
    void aCancelledConnectClosesItsSocket() {
        // Cancelled at once: whether the kernel had connected or not, nothing may stay open.
        Boolean cancelled = onLoop(() -> {
            TcpListener listener = listen();
            Task<TcpStream> connect = TcpStream.connect(listener.localAddress());
            boolean wasPending = !connect.isDone();
            connect.cancel();
            listener.close();
            if (!wasPending) {
                connect.join().close(); // loopback connected at once: close it ourselves
            }
            return CompletableFuture.completedFuture(!wasPending || connect.isCancelled());
        });
        assertTrue(cancelled);
    }

    // ------------------------------------------------------------------ threads and misuse

    @Test
    void socketsAreRefusedOffAnEventLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TcpStream.connect(ANY_LOOPBACK_PORT));
        assertTrue(e.getMessage().contains("event loop"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TcpListener.bind(ANY_LOOPBACK_PORT));
    }

    @Test
    void aStreamIsUsedOnlyOnItsOwnLoop() {
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenApply(s -> {
                Thread t = new Thread(() -> {
                    try {
                        s.read(ByteBuffer.allocate(1));
                    } catch (Throwable e) {
                        fromOtherThread.set(e);
                    }
                });
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                s.close();
                c.close();
                listener.close();
                return null;
            }));
        });
        assertInstanceOf(IllegalStateException.class, fromOtherThread.get());
        assertTrue(fromOtherThread.get().getMessage().contains("event loop"));
    }

    @Test
    void aSecondWaitingReadIsRefused() {
        onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenApply(s -> {
                Task<Integer> first = s.read(ByteBuffer.allocate(1));
                assertThrows(IllegalStateException.class, () -> s.read(ByteBuffer.allocate(1)));
                first.cancel();
                s.close();
                c.close();
                listener.close();
                return null;
            }));
        });
    }

    @Test
    void theLoopClosesTheSocketsLeftOpenWhenItShutsDown() {
        List<Object> leftOpen = new ArrayList<>();
        Task<?>[] waiting = new Task<?>[1];
        onLoop(() -> {
            TcpListener listener = listen();
            leftOpen.add(listener);
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenApply(s -> {
                leftOpen.add(c);
                leftOpen.add(s);
                waiting[0] = s.read(ByteBuffer.allocate(1)); // still waiting when the loop ends
                return null;
            }));
        });
        for (Object o : leftOpen) {
            assertFalse(o instanceof TcpStream s ? s.isOpen() : ((TcpListener) o).isOpen(), o + " was closed");
        }
        CompletionException e = assertThrows(CompletionException.class, () -> waiting[0].toCompletableFuture().join());
        assertInstanceOf(ClosedChannelException.class, e.getCause());
        // @AfterEach checks that their descriptors are gone too
    }

    // ------------------------------------------------------------------ virtual time

    @Test
    void onVirtualTimeAWaitingReadHoldsTheClock() {
        // withTimeout of an hour around a read: virtual time must not jump to the deadline while the
        // (real) peer has yet to write.
        String got = TestEventLoop.run(() -> {
            TcpListener listener = listen();
            return Task.from(cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                ByteBuffer b = ByteBuffer.allocate(10);
                Task<Integer> read = Co.withTimeout(Duration.ofHours(1), s.read(b));
                // The write comes from the loop's next turn: the loop goes idle in between.
                CompletableFuture<Void> write = cf(Co.yieldNow()).thenCompose(v -> cf(c.write(ascii("now"))));
                return cf(read).thenCombine(write, (n, v) -> new String(b.array(), 0, n, US_ASCII))
                        .whenComplete((r, e) -> {
                            s.close();
                            c.close();
                        });
            })));
        });
        assertEquals("now", got);
    }

    @Test
    void cancellationReachesTheReadThroughAny() {
        Object[] outcome = onLoop(() -> {
            TcpListener listener = listen();
            return cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                Task<Integer> read = s.read(ByteBuffer.allocate(10));
                Task<Integer> timer = Task.from(cf(Co.sleep(Duration.ofMillis(5))).thenApply(v -> -2));
                return cf(Co.any(read, timer))
                        .thenApply(winner -> new Object[] {winner, read.isCancelled(), s.isOpen()})
                        .whenComplete((r, e) -> {
                            s.close();
                            c.close();
                        });
            }));
        });
        assertEquals(-2, outcome[0]);
        assertEquals(true, outcome[1], "any() cancelled the losing read");
        assertEquals(true, outcome[2], "and the stream stayed open");
    }

    @Test
    void onVirtualTimeAReadThatNeverCompletesFailsAsAStallNotAsATimeout() {
        // The peer never writes: virtual time must not jump to the withTimeout deadline (the peer is
        // real), and the test loop reports the stall after its real-time stall timeout instead.
        TcpStream[] ends = new TcpStream[2];
        AssertionError stalled;
        try (TestEventLoop loop = new TestEventLoop(Duration.ofMillis(300))) {
            Task<Integer> read = loop.start(() -> {
                TcpListener listener = listen();
                return Task.from(cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                    listener.close();
                    ends[0] = c;
                    ends[1] = s;
                    return cf(Co.withTimeout(Duration.ofHours(1), s.read(ByteBuffer.allocate(1))));
                })));
            });
            stalled = assertThrows(AssertionError.class, () -> loop.runUntilDone(read));
            assertEquals(Duration.ZERO, loop.currentTime(), "virtual time stood still");
            assertFalse(read.isDone());
        }
        assertTrue(stalled.getMessage().contains("idle"), stalled.getMessage());
        assertFalse(ends[0].isOpen(), "closing the test loop closed the sockets");
        assertFalse(ends[1].isOpen());
    }
}
