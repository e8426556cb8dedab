package io.yieldpoint.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The coroutines started on one event loop whose body has not ended yet, in start order: what the
 * loop cancels and waits for when it shuts down, and what a dump lists.
 *
 * <p>An array in start order, each coroutine remembering its index ({@link HostedCoroutine#liveSlot()},
 * one {@code int} in the coroutine instead of the two links of a linked list: the per-coroutine
 * footprint is a goal, see docs/benchmarks.md). Adding appends; removing clears the slot, in O(1)
 * and without allocation. When the array is full, cleared slots are squeezed out, keeping the
 * order, and the array doubles only if that freed less than half of it (or shrinks if the list has
 * become much smaller): each add pays for at most two moves, amortized. So the loop holds an array
 * of about one to two references per live coroutine at its largest. Owned by the loop's thread: a
 * coroutine that ends on another thread asks the loop to remove it.
 */
public final class LiveCoroutines {

    private static final int MIN_CAPACITY = 16;

    private @Nullable HostedCoroutine[] slots = new HostedCoroutine[MIN_CAPACITY];
    /** Slots in use or cleared: the next coroutine goes to {@code slots[end]}. */
    private int end;
    private int size;

    public void add(HostedCoroutine m) {
        if (end == slots.length) {
            squeeze(size + 1);
        }
        slots[end] = m;
        m.liveSlot(++end); // 1-based: 0 means "not in a list"
        size++;
    }

    /** Removes {@code m} if it is in the list; harmless otherwise. */
    public void remove(HostedCoroutine m) {
        int slot = m.liveSlot();
        if (slot == 0) {
            return;
        }
        slots[slot - 1] = null;
        m.liveSlot(0);
        size--;
        if (size == 0) {
            end = 0; // every slot is clear: start again from the front
        } else if (slot == end) {
            end--; // the newest left: its slot is free again at once
        }
    }

    /**
     * Moves the live coroutines to the front, in order, renumbering their slots; then sizes the
     * array for {@code needed} of them with room to grow, or to shrink back.
     */
    private void squeeze(int needed) {
        int to = 0;
        for (int from = 0; from < end; from++) {
            HostedCoroutine m = slots[from];
            if (m != null) {
                slots[from] = null;
                slots[to] = m;
                m.liveSlot(++to);
            }
        }
        end = to;
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, needed)) << 1);
        if (capacity > slots.length || capacity * 4 <= slots.length) {
            slots = Arrays.copyOf(slots, capacity); // grow; or shrink, the list being far smaller
        }
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
        for (int i = 0; i < end && all.size() < limit; i++) {
            HostedCoroutine m = slots[i];
            if (m != null) {
                all.add(m);
            }
        }
        return all;
    }
}
