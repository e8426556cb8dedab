package io.yieldpoint.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The coroutines started on one event loop whose body has not ended yet, in start order: what the
 * loop cancels and waits for when it shuts down, and what a dump lists.
 *
 * <p>An intrusive doubly linked list through two fields of each coroutine ({@link HostedCoroutine#livePrev()}), so adding and
 * removing cost a few field writes and no allocation. Owned by the loop's thread: a coroutine that
 * ends on another thread asks the loop to remove it.
 */
public final class LiveCoroutines {

    private @Nullable HostedCoroutine head;
    private @Nullable HostedCoroutine tail;
    private int size;

    public void add(HostedCoroutine m) {
        m.livePrev(tail == null ? m : tail); // the first links to itself: "in a list" is livePrev != null
        m.liveNext(null);
        if (tail == null) {
            head = m;
        } else {
            tail.liveNext(m);
        }
        tail = m;
        size++;
    }

    /** Removes {@code m} if it is in the list; harmless otherwise. */
    public void remove(HostedCoroutine m) {
        HostedCoroutine prev = m.livePrev();
        if (prev == null) {
            return;
        }
        HostedCoroutine next = m.liveNext();
        if (prev == m) {
            head = next;
            if (next != null) {
                next.livePrev(next);
            }
        } else {
            prev.liveNext(next);
            if (next != null) {
                next.livePrev(prev);
            }
        }
        if (next == null) {
            tail = prev == m ? null : prev;
        }
        m.livePrev(null);
        m.liveNext(null);
        size--;
    }

    public int size() {
        return size;
    }

    /** The live coroutines, oldest first, as a list that later changes do not affect. */
    public List<HostedCoroutine> snapshot() {
        return snapshot(size);
    }

    /** The oldest {@code limit} live coroutines, as a list that later changes do not affect. */
    public List<HostedCoroutine> snapshot(int limit) {
        List<HostedCoroutine> all = new ArrayList<>(Math.min(size, limit));
        for (HostedCoroutine m = head; m != null && all.size() < limit; m = m.liveNext()) {
            all.add(m);
        }
        return all;
    }
}
