package io.yieldpoint.runtime.io;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.Dispatch;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Name resolution as tasks. The JDK resolves names only with blocking calls
 * ({@link InetAddress#getByName}), so these run on the {@linkplain Dispatch#blockingPool() blocking
 * pool} and the coroutine awaiting them resumes on its own dispatcher: the event loop never blocks
 * on a slow DNS server. Cancelling a task interrupts the pool thread, which the JDK's resolver may
 * ignore: the lookup then finishes in the background and its result is dropped.
 */
public final class Dns {

    private Dns() {}

    /** The first address of {@code host} (a name or a literal), as {@link InetAddress#getByName}. */
    public static Task<InetAddress> resolve(String host) {
        Objects.requireNonNull(host, "host");
        return Dispatch.blocking(() -> InetAddress.getByName(host));
    }

    /** Every address of {@code host}, as {@link InetAddress#getAllByName}. */
    public static Task<List<InetAddress>> resolveAll(String host) {
        Objects.requireNonNull(host, "host");
        return Dispatch.blocking(() -> List.of(InetAddress.getAllByName(host)));
    }
}
