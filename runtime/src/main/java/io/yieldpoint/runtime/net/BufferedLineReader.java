package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.internal.Continuation;
import io.yieldpoint.internal.Promise;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A read buffer over a {@link ByteStream} (a {@link TcpStream}, or TLS over one), for protocols
 * made of lines and of fixed-length parts (HTTP/1.1, SMTP, Redis' protocol...). Each read is a task;
 * one that the buffered bytes already satisfy completes at once, without a system call.
 *
 * <pre>{@code
 * BufferedLineReader in = new BufferedLineReader(stream);
 * String requestLine = await(in.readLine(8192));          // null at a clean end of stream
 * byte[] body = await(in.readExactly(contentLength));
 * }</pre>
 *
 * <h2>Lines</h2>
 * A line ends with {@code "\n"} or {@code "\r\n"}; the terminator is not returned. Bytes are decoded
 * with the reader's charset (ISO-8859-1 by default: one char per byte, which is what HTTP header
 * parsing wants). The buffer starts small ({@value #DEFAULT_BUFFER_SIZE} bytes by default) and
 * grows as needed up to the longest line asked for, never beyond.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>a line longer than {@code maxLength} bytes fails with {@link LineTooLongException} as soon
 *       as that many bytes have arrived without a terminator (the peer cannot make the reader buffer
 *       more);</li>
 *   <li>the stream ending in the middle of a line, or before {@code n} bytes for
 *       {@link #readExactly}, fails with {@link EOFException};</li>
 *   <li>errors of the stream are passed on as they are.</li>
 * </ul>
 *
 * <h2>Cancellation and threads</h2>
 * Cancelling a read cancels the stream read it waits on: bytes received so far stay buffered, and
 * the next read sees them, so a {@code withTimeout} around {@code readLine} loses nothing. One read
 * at a time; the reader, like its stream, is used on the stream's event loop only.
 */
public final class BufferedLineReader {

    /**
     * The initial buffer size: small, since a server holds one reader per connection (10,000
     * connections, 10 MiB); it grows when a longer line is asked for.
     */
    public static final int DEFAULT_BUFFER_SIZE = 1024;

    private static final Object NOT_YET = new Object();

    /** What {@link #readExactly} allocates before any byte has arrived, at most. */
    static final int FIRST_BODY_CHUNK = 8192;

    private final ByteStream stream;
    private final Charset charset;
    /** In read mode between operations: the unread bytes are [position, limit). */
    private ByteBuffer buf;
    /** Bytes from {@code position} already searched for a line terminator. */
    private int scanned;
    private boolean busy;
    /** A stream read is in flight: the buffer is in write mode, its unread bytes are [0, position). */
    private boolean filling;

    /** A reader decoding lines as ISO-8859-1. */
    public BufferedLineReader(ByteStream stream) {
        this(stream, StandardCharsets.ISO_8859_1, DEFAULT_BUFFER_SIZE);
    }

    /** A reader decoding lines with {@code charset}, starting with a buffer of {@code bufferSize} bytes. */
    public BufferedLineReader(ByteStream stream, Charset charset, int bufferSize) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.charset = Objects.requireNonNull(charset, "charset");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.buf = ByteBuffer.allocate(bufferSize).flip();
    }

    /**
     * The next line, without its terminator; null if the stream ends cleanly before any byte of
     * it. Fails with {@link LineTooLongException} beyond {@code maxLength} bytes, with
     * {@link EOFException} if the stream ends mid-line.
     */
    public Task<@Nullable String> readLine(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        }
        return run(new Attempt() {
            @Override
            public @Nullable Object attempt(boolean eof) throws IOException {
                return line(maxLength, eof);
            }

            @Override
            public int capacityWanted() {
                return maxLength + 2;
            }
        });
    }

    /**
     * Exactly {@code n} bytes; fails with {@link EOFException} if the stream ends before. The array
     * grows with the bytes received (from {@value #FIRST_BODY_CHUNK} bytes, doubling), so a peer
     * that announces a large {@code n} and sends nothing costs little: memory follows what arrived,
     * not what was announced.
     */
    public Task<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        return run(new Attempt() {
            private byte[] out = new byte[Math.min(n, FIRST_BODY_CHUNK)];
            private int filled;

            @Override
            public Object attempt(boolean eof) throws IOException {
                int k = Math.min(buf.remaining(), n - filled);
                if (filled + k > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(n, Math.max(filled + k, 2L * out.length)));
                }
                buf.get(out, filled, k);
                filled += k;
                scanned = 0;
                if (filled == n) {
                    return out;
                }
                if (eof) {
                    throw new EOFException("the stream ended after " + filled + " of " + n + " bytes");
                }
                return NOT_YET;
            }

            @Override
            public int capacityWanted() {
                return DEFAULT_BUFFER_SIZE;
            }
        });
    }

    /** Bytes received and not yet read. */
    public int buffered() {
        return filling ? buf.position() : buf.remaining();
    }

    /** The stream this reader reads. */
    public ByteStream stream() {
        return stream;
    }

    // ---------------------------------------------------------------- lines

    private @Nullable Object line(int max, boolean eof) throws IOException {
        int start = buf.position();
        int end = buf.limit();
        for (int i = start + scanned; i < end; i++) {
            if (buf.get(i) == '\n') {
                int lineEnd = i > start && buf.get(i - 1) == '\r' ? i - 1 : i;
                if (lineEnd - start > max) {
                    throw new LineTooLongException(max);
                }
                String s = new String(buf.array(), buf.arrayOffset() + start, lineEnd - start, charset);
                buf.position(i + 1);
                scanned = 0;
                return s;
            }
        }
        scanned = end - start;
        if (scanned > max + 1) { // max + 1: a last '\r' may still be followed by its '\n'
            throw new LineTooLongException(max);
        }
        if (eof) {
            if (scanned == 0) {
                return null;
            }
            throw new EOFException("the stream ended in the middle of a line (" + scanned + " bytes)");
        }
        return NOT_YET;
    }

    // ---------------------------------------------------------------- the read loop

    /** One read operation: what the buffer holds is enough, or not yet. */
    private interface Attempt {
        /** The result, or {@code NOT_YET}; {@code eof}: the stream has ended. */
        @Nullable Object attempt(boolean eof) throws IOException;

        /** How large the buffer may grow for this operation. */
        int capacityWanted();
    }

    private <T extends @Nullable Object> Task<T> run(Attempt attempt) {
        Loops.requireOwner(stream.eventLoop(), stream, "a BufferedLineReader read");
        if (busy) {
            throw new IllegalStateException("a read is already waiting on this reader; await it first");
        }
        @Nullable Object r;
        try {
            r = attempt.attempt(false);
        } catch (IOException e) {
            return Task.failed(e);
        }
        if (r != NOT_YET) {
            return Task.completed(cast(r));
        }
        Pump<T> pump = new Pump<>(attempt);
        pump.next();
        return pump.result;
    }

    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // an unchecked cast helper
    private static <T extends @Nullable Object> @Nullable T cast(@Nullable Object o) {
        return (T) o;
    }

    /** Reads from the stream into the buffer until the attempt succeeds or fails. */
    private final class Pump<T extends @Nullable Object> implements Continuation {
        final Promise<T> result = new Promise<>();
        private final Attempt attempt;
        /** The stream read in flight; the buffer is in write mode meanwhile. */
        private @Nullable AbstractTask<Integer> inFlight;

        Pump(Attempt attempt) {
            this.attempt = attempt;
            busy = true;
            result.whenComplete(done -> busy = false);
            result.onCancel(() -> Loops.onLoop(stream.eventLoop(), this::cancelled));
        }

        void next() {
            while (!result.isDone()) {
                prepareForRead(attempt.capacityWanted());
                AbstractTask<Integer> t = AbstractTask.of(stream.read(buf));
                if (!t.isDone()) {
                    inFlight = t;
                    filling = true;
                    t.whenComplete(this);
                    return;
                }
                if (!consume(t)) {
                    return;
                }
            }
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            if (result.isDone()) {
                return; // cancelled: cancelled() puts the buffer back
            }
            inFlight = null;
            @SuppressWarnings("unchecked")
            AbstractTask<Integer> t = (AbstractTask<Integer>) completed;
            if (consume(t)) {
                next();
            }
        }

        /** The read is over: the buffer back to read mode, then the attempt. True to read more. */
        private boolean consume(AbstractTask<Integer> t) {
            buf.flip();
            filling = false;
            Throwable e = t.exceptionNow();
            if (e != null) {
                result.fail(e);
                return false;
            }
            try {
                @Nullable Object r = attempt.attempt(t.resultNow() < 0);
                if (r == NOT_YET) {
                    return true;
                }
                result.complete(cast(r));
            } catch (IOException ex) {
                result.fail(ex);
            }
            return false;
        }

        private void cancelled() {
            AbstractTask<Integer> t = inFlight;
            if (t != null) {
                inFlight = null;
                buf.flip(); // what has arrived stays for the next read
                filling = false;
                t.cancel();
            }
        }
    }

    /** Compacts the buffer into write mode, growing it (up to {@code wanted}) if it is full. */
    private void prepareForRead(int wanted) {
        buf.compact();
        if (!buf.hasRemaining()) {
            int cap = buf.capacity();
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(cap + 1, Math.min(2 * cap, wanted)));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
