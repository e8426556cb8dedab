package io.yieldpoint.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The coroutines started on one event loop whose body has not ended yet, in start order: what the
 * loop cancels and waits for when it shuts down, and what a dump lists.
 *
 * <p>An intrusive doubly linked list through fields of {@link CoroutineMachine}, so adding and
 * removing cost a few field writes and no allocation. Owned by the loop's thread: a coroutine that
 * ends on another thread asks the loop to remove it.
 */
final class LiveCoroutines {

    private CoroutineMachine<?> head;
    private CoroutineMachine<?> tail;
    private int size;

    void add(CoroutineMachine<?> m) {
        m.livePrev = tail == null ? m : tail; // the first links to itself: see CoroutineMachine.livePrev
        m.liveNext = null;
        if (tail == null) {
            head = m;
        } else {
            tail.liveNext = m;
        }
        tail = m;
        size++;
    }

    /** Removes {@code m} if it is in the list; harmless otherwise. */
    void remove(CoroutineMachine<?> m) {
        CoroutineMachine<?> prev = m.livePrev;
        if (prev == null) {
            return;
        }
        CoroutineMachine<?> next = m.liveNext;
        if (prev == m) {
            head = next;
            if (next != null) {
                next.livePrev = next;
            }
        } else {
            prev.liveNext = next;
            if (next != null) {
                next.livePrev = prev;
            }
        }
        if (next == null) {
            tail = prev == m ? null : prev;
        }
        m.livePrev = null;
        m.liveNext = null;
        size--;
    }

    int size() {
        return size;
    }

    /** The live coroutines, oldest first, as a list that later changes do not affect. */
    List<CoroutineMachine<?>> snapshot() {
        return snapshot(size);
    }

    /** The oldest {@code limit} live coroutines, as a list that later changes do not affect. */
    List<CoroutineMachine<?>> snapshot(int limit) {
        List<CoroutineMachine<?>> all = new ArrayList<>(Math.min(size, limit));
        for (CoroutineMachine<?> m = head; m != null && all.size() < limit; m = m.liveNext) {
            all.add(m);
        }
        return all;
    }
}
