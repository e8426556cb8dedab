package io.yieldpoint.examples.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies that all the connections of one server hold at once, bounded by
 * {@link HttpLimits#maxBodiesInFlight()}: a connection takes its body's declared length before
 * reading it, and gives it back once the answer is written. Without it, a few hundred clients
 * each announcing a 1 MiB body would make the server hold all of them at once. Any thread (the
 * connections of a group run on several).
 */
public final class BodyBudget {

    private final AtomicLong held = new AtomicLong();
    private final long max;

    /** A budget of {@code max} bytes. */
    public BodyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code bytes} if they fit; false (and nothing taken) if they do not. */
    boolean tryTake(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > max) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /**
     * Gives back {@code bytes} taken before: the body's length, once its request is answered (by a
     * server that reads requests with {@link HttpServer#readRequest}, which takes it).
     */
    public void give(long bytes) {
        held.addAndGet(-bytes);
    }

    /** The bytes held now. */
    public long held() {
        return held.get();
    }
}
