package io.yieldpoint.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Files and DNS on the blocking pool: the call runs on a pool thread, the awaiting code goes on on the loop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingIoTest {

    @TempDir
    Path dir;

    @Test
    void writeThenReadAFileFromTheLoop() {
        Path file = dir.resolve("a.txt");
        List<String> got = EventLoop.run(() -> Task.from(BlockingFiles.writeString(file, "one\ntwo\u00e9\n")
                .toCompletableFuture()
                .thenCompose(p -> BlockingFiles.readAllLines(p).toCompletableFuture())
                .thenCompose(lines -> BlockingFiles.readString(file).toCompletableFuture().thenApply(text -> {
                    assertEquals("one\ntwo\u00e9\n", text);
                    return lines;
                }))));
        assertEquals(List.of("one", "two\u00e9"), got);
        // Which thread runs a thenApply depends on whether the call finished before it was
        // registered: only where the calls run is fixed, and DispatchTest checks that for blocking().
    }

    @Test
    void bytesAreCopiedWhenTheWriteIsMade() throws Exception {
        Path file = dir.resolve("b.bin");
        byte[] data = "before".getBytes(StandardCharsets.US_ASCII);
        Task<Path> write = BlockingFiles.write(file, data);
        data[0] = 'X'; // the caller reuses its array at once
        write.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("before", new String(BlockingFiles.readAllBytes(file).toCompletableFuture().get(10, TimeUnit.SECONDS),
                StandardCharsets.US_ASCII));
    }

    @Test
    void aMissingFileFailsWithTheSameException() {
        Throwable failure = EventLoop.run(() -> Task.from(BlockingFiles.readString(dir.resolve("missing")).toCompletableFuture()
                .handle((s, e) -> e instanceof java.util.concurrent.CompletionException ? e.getCause() : e)));
        assertInstanceOf(NoSuchFileException.class, failure);
    }

    @Test
    void resolvesNamesOnTheBlockingPool() {
        InetAddress localhost = EventLoop.run(() -> Dns.resolve("localhost"));
        assertTrue(localhost.isLoopbackAddress(), localhost.toString());
        List<InetAddress> literal = EventLoop.run(() -> Dns.resolveAll("127.0.0.1"));
        assertEquals(1, literal.size());
        assertEquals("127.0.0.1", literal.get(0).getHostAddress());
    }

    @Test
    void anUnknownHostFails() {
        Throwable failure = EventLoop.run(() -> Task.from(Dns.resolve("no-such-host.invalid").toCompletableFuture()
                .handle((a, e) -> e instanceof java.util.concurrent.CompletionException ? e.getCause() : e)));
        assertInstanceOf(java.net.UnknownHostException.class, failure);
    }
}
