package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Helpers for the network tests. The runtime's tests run without the annotation processor, so
 * the "coroutines" here are chains of {@code CompletableFuture}s over the tasks, which complete on
 * the loop thread exactly as a state machine would resume there.
 */
final class Net {

    private Net() {}

    static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static <T> CompletableFuture<T> cf(Task<T> task) {
        return task.toCompletableFuture();
    }

    /**
     * Runs {@code body} again while it completes with true; iterative when it completes at once, so a
     * long run of reads that find data already there does not grow the stack.
     */
    static CompletableFuture<Void> repeat(Supplier<CompletableFuture<Boolean>> body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Runnable() {
            @Override
            public void run() {
                for (;;) {
                    CompletableFuture<Boolean> f;
                    try {
                        f = body.get();
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                        return;
                    }
                    if (!f.isDone()) {
                        f.whenComplete((again, e) -> {
                            if (e != null) {
                                done.completeExceptionally(unwrap(e));
                            } else if (again) {
                                run();
                            } else {
                                done.complete(null);
                            }
                        });
                        return;
                    }
                    boolean again;
                    try {
                        again = f.join();
                    } catch (CompletionException e) {
                        done.completeExceptionally(unwrap(e));
                        return;
                    }
                    if (!again) {
                        done.complete(null);
                        return;
                    }
                }
            }
        }.run();
        return done;
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Echoes what it reads until the end of the stream, then closes the stream. */
    static CompletableFuture<Void> echo(TcpStream s) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        return repeat(() -> cf(s.read(b)).thenCompose(n -> {
            if (n < 0) {
                return CompletableFuture.completedFuture(false);
            }
            b.flip();
            return cf(s.write(b)).thenApply(v -> {
                b.clear();
                return true;
            });
        })).whenComplete((v, e) -> s.close());
    }

    /** Reads until the end of the stream; the number of bytes and their sum. */
    static CompletableFuture<long[]> drain(TcpStream s, int bufferSize) {
        ByteBuffer b = ByteBuffer.allocate(bufferSize);
        long[] countAndSum = new long[2];
        return repeat(() -> cf(s.read(b)).thenApply(n -> {
            if (n < 0) {
                return false;
            }
            b.flip();
            countAndSum[0] += n;
            while (b.hasRemaining()) {
                countAndSum[1] += b.get() & 0xff;
            }
            b.clear();
            return true;
        })).thenApply(v -> countAndSum);
    }

    /**
     * Descriptors of this process that are sockets, pipes or anonymous inodes (epoll, eventfd): what
     * sockets and selectors use. Files the JVM opens lazily (jars) are left out.
     */
    static int openNetworkDescriptors() {
        WarmUp.done();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.filter(Net::isNetwork).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JDK keeps a descriptor or two for good after its first socket close (the socket pair
     * used to close channels asynchronously): open and close one of everything once, before counting.
     */
    private static final class WarmUp {
        static {
            try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open();
                    java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
                server.bind(ANY_LOOPBACK_PORT);
                try (java.nio.channels.SocketChannel client = java.nio.channels.SocketChannel.open(server.getLocalAddress());
                        java.nio.channels.SocketChannel accepted = server.accept()) {
                    client.configureBlocking(false);
                    client.register(selector, 0);
                }
                selector.selectNow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static void done() {}
    }

    private static boolean isNetwork(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:");
        } catch (IOException e) {
            return false; // closed while listing (the listing's own descriptor)
        }
    }
}
