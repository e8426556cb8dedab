package io.yieldpoint.runtime.net;

import static io.yieldpoint.runtime.net.Net.ANY_LOOPBACK_PORT;
import static io.yieldpoint.runtime.net.Net.cf;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link BufferedLineReader}: lines and fixed lengths over data that arrives in pieces. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BufferedLineReaderTest {

    private int descriptorsBefore;

    @BeforeEach
    void countDescriptors() {
        descriptorsBefore = Net.openNetworkDescriptors();
    }

    @AfterEach
    void noDescriptorLeaked() {
        assertEquals(descriptorsBefore, Net.openNetworkDescriptors());
    }

    /**
     * Connects a pair on a fresh loop; the client sends {@code pieces} one write per turn of the
     * loop (so the reader sees them arrive apart), then closes; {@code reader} reads on the server
     * side.
     */
    private static <T> T exchange(List<String> pieces, BiFunction<BufferedLineReader, TcpStream, CompletableFuture<T>> reader) {
        return EventLoop.run(() -> {
            TcpListener listener;
            try {
                listener = TcpListener.bind(ANY_LOOPBACK_PORT);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return Task.from(cf(TcpStream.connect(listener.localAddress())).thenCompose(c -> cf(listener.accept()).thenCompose(s -> {
                listener.close();
                int[] next = {0};
                Net.repeat(() -> {
                    if (next[0] == pieces.size()) {
                        c.close();
                        return CompletableFuture.completedFuture(false);
                    }
                    String piece = pieces.get(next[0]++);
                    return cf(c.write(ByteBuffer.wrap(piece.getBytes(US_ASCII))))
                            .thenCompose(v -> cf(io.yieldpoint.Co.sleep(1))).thenApply(v -> true);
                });
                return reader.apply(new BufferedLineReader(s, US_ASCII, 16), s).whenComplete((r, e) -> s.close());
            })));
        });
    }

    /** Reads lines until null (the end of the stream), each limited to {@code max}. */
    private static CompletableFuture<List<String>> allLines(BufferedLineReader in, int max) {
        List<String> lines = new ArrayList<>();
        return Net.repeat(() -> cf(in.readLine(max)).thenApply(line -> {
            if (line == null) {
                return false;
            }
            lines.add(line);
            return true;
        })).thenApply(v -> lines);
    }

    @Test
    void linesSplitAcrossReadsWithCrLfAndLf() {
        List<String> lines = exchange(List.of("GET / HT", "TP/1.1\r", "\nHost: a\n", "\r\n", "last line, longer than the buffer\n"),
                (in, s) -> allLines(in, 100));
        assertEquals(List.of("GET / HTTP/1.1", "Host: a", "", "last line, longer than the buffer"), lines);
    }

    @Test
    void manyLinesInOneRead() {
        List<String> lines = exchange(List.of("a\nb\r\nc\n\nd\n"), (in, s) -> allLines(in, 10));
        assertEquals(List.of("a", "b", "c", "", "d"), lines);
    }

    @Test
    void aLineBeyondTheLimitFailsWithoutWaitingForItsEnd() {
        Throwable failure = exchange(List.of("0123456789", "0123456789"),
                (in, s) -> cf(in.readLine(12)).handle((line, e) -> Net.unwrap(e)));
        assertInstanceOf(LineTooLongException.class, failure);
        assertEquals(12, ((LineTooLongException) failure).limit());
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() {
        List<String> lines = exchange(List.of("0123456789ab\r\n"), (in, s) -> allLines(in, 12));
        assertEquals(List.of("0123456789ab"), lines);
    }

    @Test
    void theStreamEndingMidLineIsAnEofException() {
        Throwable failure = exchange(List.of("complete\n", "incomplete"),
                (in, s) -> cf(in.readLine(100)).thenCompose(first -> {
                    assertEquals("complete", first);
                    return cf(in.readLine(100));
                }).handle((line, e) -> Net.unwrap(e)));
        assertInstanceOf(EOFException.class, failure);
    }

    @Test
    void fixedLengthsAfterALineAcrossPieces() {
        byte[] body = exchange(List.of("Content-Length: 20\n0123", "456789", "abcdefghij", "rest"),
                (in, s) -> cf(in.readLine(100)).thenCompose(header -> {
                    assertEquals("Content-Length: 20", header);
                    return cf(in.readExactly(20));
                }).thenCompose(b -> {
                    return cf(in.readExactly(4)).thenApply(rest -> {
                        assertArrayEquals("rest".getBytes(US_ASCII), rest);
                        return b;
                    });
                }));
        assertEquals("0123456789abcdefghij", new String(body, US_ASCII));
    }

    @Test
    void aBodyLargerThanTheFirstChunkArrivesWholeAcrossPieces() {
        StringBuilder sent = new StringBuilder();
        for (int i = 0; sent.length() < 50_000; i++) {
            sent.append(i).append(',');
        }
        String body = sent.substring(0, 50_000);
        List<String> pieces = new java.util.ArrayList<>();
        for (int at = 0; at < body.length(); at += 7_001) {
            pieces.add(body.substring(at, Math.min(body.length(), at + 7_001)));
        }
        byte[] read = exchange(pieces, (in, s) -> cf(in.readExactly(50_000)));
        assertEquals(body, new String(read, US_ASCII));
    }

    @Test
    void readExactlyFailsIfTheStreamEndsFirst() {
        Throwable failure = exchange(List.of("short"), (in, s) -> cf(in.readExactly(10)).handle((b, e) -> Net.unwrap(e)));
        assertInstanceOf(EOFException.class, failure);
    }

    @Test
    void aCancelledReadLineKeepsWhatHasArrived() {
        // The first piece arrives, the read is cancelled before the rest; a new read gets the whole line.
        String line = exchange(List.of("first half ", "second half\n"), (in, s) -> {
            Task<String> first = in.readLine(100);
            assertFalse(first.isDone());
            CompletableFuture<String> result = new CompletableFuture<>();
            // Wait until some bytes are buffered (a read of 0 bytes would not be cancelled usefully).
            Net.repeat(() -> cf(io.yieldpoint.Co.yieldNow()).thenApply(v -> in.buffered() == 0 && !first.isDone()))
                    .thenRun(() -> {
                        assertTrue(first.cancel() || first.isDone());
                        cf(in.readLine(100)).whenComplete((l, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                            } else {
                                result.complete(l);
                            }
                        });
                    });
            return result;
        });
        assertEquals("first half second half", line);
    }

    @Test
    void aReadSatisfiedByTheBufferCompletesAtOnce() {
        boolean[] immediate = new boolean[1];
        List<String> lines = exchange(List.of("one\ntwo\n"), (in, s) -> cf(in.readLine(10)).thenApply(first -> {
            Task<String> second = in.readLine(10);
            immediate[0] = second.isDone();
            return Arrays.asList(first, second.join());
        }));
        assertTrue(immediate[0], "the second line was already buffered");
        assertEquals(List.of("one", "two"), lines);
    }
}
