/**
 * Sockets on an event loop: {@link io.yieldpoint.runtime.net.TcpListener},
 * {@link io.yieldpoint.runtime.net.TcpStream} and {@link io.yieldpoint.runtime.net.BufferedLineReader},
 * whose operations are tasks a coroutine awaits; {@link io.yieldpoint.runtime.net.ByteStream}, what a
 * protocol reads and writes whether the bytes go over plain TCP or a layer on it (TLS); and the
 * loop's selector ({@link io.yieldpoint.runtime.net.IoSelector}), which the loop waits in through its
 * I/O seam.
 * A socket belongs to the loop that made it and is used only on that loop's thread.
 */
@NullMarked
package io.yieldpoint.runtime.net;

import org.jspecify.annotations.NullMarked;
