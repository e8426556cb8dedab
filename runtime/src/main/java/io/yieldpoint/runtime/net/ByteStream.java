package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.nio.ByteBuffer;

/**
 * A connected, two-way stream of bytes on an event loop: a {@link TcpStream}, or a stream layered on
 * one (TLS, say). It is what {@link BufferedLineReader} reads, so that a protocol written over this
 * interface (an HTTP server, a mail client) runs over plain TCP and over TLS alike.
 *
 * <p>Every implementation keeps {@link TcpStream}'s contract, the one a protocol relies on:
 * <ul>
 *   <li>{@link #read} completes with at least one byte (0 only if the buffer has no room), or -1 at
 *       the end of the data; cancelling it loses nothing, and the next read gets the data (which is
 *       what makes a {@code withTimeout} around a read safe);</li>
 *   <li>{@link #write} completes once every remaining byte of the buffer has been handed on;
 *       cancelling it closes the stream;</li>
 *   <li>at most one read and one write wait at a time; a read and a write may wait together;</li>
 *   <li>the operations are called on {@link #eventLoop()}'s thread only; {@link #close()} from
 *       anywhere.</li>
 * </ul>
 */
public interface ByteStream extends AutoCloseable {

    /**
     * Reads into {@code dst}: the number of bytes read (at least 1, or 0 if {@code dst} has no room),
     * or -1 at the end of the data. Cancelling it leaves the stream usable, with no byte lost.
     */
    Task<Integer> read(ByteBuffer dst);

    /** Writes every remaining byte of {@code src}. Cancelling it closes the stream. */
    Task<Void> write(ByteBuffer src);

    /**
     * Ends this side's data: the peer reads -1 once it has read the rest, while this side may still
     * read. Further writes fail.
     */
    Task<Void> shutdownOutput();

    /** Closes the stream at once and fails the operations waiting on it. Idempotent; any thread. */
    @Override
    void close();

    /** The event loop the stream belongs to: its operations run on that loop's thread. */
    EventLoop eventLoop();
}
