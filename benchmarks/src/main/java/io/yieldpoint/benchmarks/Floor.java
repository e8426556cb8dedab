package io.yieldpoint.benchmarks;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor: the same work as {@link Bodies}, written by hand as the smallest state machines that
 * can do it, on a trivial run queue (an {@code ArrayDeque} of {@code Runnable}s drained on the
 * calling thread). No cancellation, no exceptions, no thread safety, no dispatcher: what no library
 * can beat, so the distance to it is what the library's generality costs.
 */
public final class Floor {

    private Floor() {}

    /** Runs everything queued, and what that queues, until the queue is empty. */
    static void drain(ArrayDeque<Runnable> queue) {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    // ---------------------------------------------------------------- switch

    /** Suspends {@code n} times: the machine puts itself back on the run queue each time. */
    public static int yieldTimes(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        final class Yielder implements Runnable {
            int i;

            @Override
            public void run() {
                if (i < n) {
                    i++;
                    queue.add(this);
                }
            }
        }
        Yielder y = new Yielder();
        y.run();
        drain(queue);
        return y.i;
    }

    // ---------------------------------------------------------------- channel handoff

    /** One producer, one consumer, a rendezvous slot: a sender waits until a receiver takes. */
    public static long handoff(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        final class Rendezvous {
            Runnable sender;
            Integer offered;
            Runnable receiver;
            Integer delivered;
        }
        Rendezvous slot = new Rendezvous();
        final class Consumer implements Runnable {
            int count;
            long sum;

            @Override
            public void run() {
                if (slot.delivered != null) {
                    sum += slot.delivered;
                    slot.delivered = null;
                    count++;
                }
                while (count < n) {
                    if (slot.sender != null) {
                        sum += slot.offered;
                        count++;
                        queue.add(slot.sender);
                        slot.sender = null;
                        slot.offered = null;
                        continue;
                    }
                    slot.receiver = this;
                    return;
                }
            }
        }
        final class Producer implements Runnable {
            int i;

            @Override
            public void run() {
                while (i < n) {
                    Integer v = i++;
                    if (slot.receiver != null && slot.delivered == null) {
                        queue.add(slot.receiver);
                        slot.receiver = null;
                        slot.delivered = v;
                        continue;
                    }
                    slot.sender = this;
                    slot.offered = v;
                    return;
                }
            }
        }
        Consumer consumer = new Consumer();
        Producer producer = new Producer();
        producer.run();
        consumer.run();
        drain(queue);
        return consumer.sum;
    }

    // ---------------------------------------------------------------- spawn, all

    /** A child: state 0 yields (re-queues itself), state 1 completes into its parent. */
    private static final class Child implements Runnable {
        final Parent parent;
        final int index;
        int label;

        Child(Parent parent, int index) {
            this.parent = parent;
            this.index = index;
        }

        @Override
        public void run() {
            if (label == 0) {
                label = 1;
                parent.queue.add(this);
                return;
            }
            parent.completed(index, 1);
        }
    }

    private static final class Parent {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        final Object[] values;
        int remaining;
        int sum;

        Parent(int n, boolean keepValues) {
            remaining = n;
            values = keepValues ? new Object[n] : null;
        }

        void completed(int index, int value) {
            if (values != null) {
                values[index] = value;
            }
            sum += value;
            remaining--;
        }
    }

    /** Starts {@code n} children that each yield once, then waits until all have completed. */
    public static int spawnMany(int n) {
        Parent p = new Parent(n, false);
        for (int i = 0; i < n; i++) {
            new Child(p, i).run();
        }
        drain(p.queue);
        if (p.remaining != 0) {
            throw new AssertionError(p.remaining);
        }
        return p.sum;
    }

    /** As {@link #spawnMany}, gathering the values in order, as {@code all} does. */
    public static int gather(int n) {
        Parent p = new Parent(n, true);
        for (int i = 0; i < n; i++) {
            new Child(p, i).run();
        }
        drain(p.queue);
        return p.values.length - p.remaining;
    }

    // ---------------------------------------------------------------- timers

    /** {@code n} sleepers on a binary heap of deadlines, fired by a loop reading the clock. */
    public static int sleepMany(int n, long delayNanos) {
        final class Sleeper implements Runnable {
            final long deadline;
            int fired;

            Sleeper(long deadline) {
                this.deadline = deadline;
            }

            @Override
            public void run() {
                fired = 1;
            }
        }
        PriorityQueue<Sleeper> heap = new PriorityQueue<>(n, (a, b) -> Long.compare(a.deadline, b.deadline));
        for (int i = 0; i < n; i++) {
            heap.add(new Sleeper(System.nanoTime() + delayNanos));
        }
        int sum = 0;
        while (!heap.isEmpty()) {
            long now = System.nanoTime();
            Sleeper s;
            while ((s = heap.peek()) != null && s.deadline <= now) {
                heap.poll().run();
                sum += s.fired;
            }
            if (s != null) {
                LockSupport.parkNanos(s.deadline - now);
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- request mix

    /** {@code n} requests, each three simulated reads completed at a later turn, then compute. */
    public static long serve(int n) {
        ArrayDeque<Runnable> queue = new ArrayDeque<>();
        final class Request implements Runnable {
            int label;
            int a;
            int b;
            int read;
            int answer = -1;

            Request(int id) {
                read = id;
            }

            @Override
            public void run() {
                switch (label) {
                    case 0 -> {
                        label = 1;
                        queue.add(this); // the read of `id` completes at a later turn with `read`
                    }
                    case 1 -> {
                        a = read;
                        read = a + 1;
                        label = 2;
                        queue.add(this);
                    }
                    case 2 -> {
                        b = read;
                        read = b + 1;
                        label = 3;
                        queue.add(this);
                    }
                    default -> answer = Work.compute(a, b, read);
                }
            }
        }
        Request[] requests = new Request[n];
        for (int i = 0; i < n; i++) {
            requests[i] = new Request(i);
            requests[i].run();
        }
        drain(queue);
        long sum = 0;
        for (Request r : requests) {
            sum += r.answer;
        }
        return sum;
    }

    // ---------------------------------------------------------------- generator

    /** 0..n-1, boxed, from a hand-written iterator with an explicit resume label. */
    public static Iterator<Integer> range(int n) {
        return new Iterator<>() {
            private int label;
            private int i;
            private Integer buffered;

            @Override
            public boolean hasNext() {
                if (buffered == null && label >= 0) {
                    if (label == 1) {
                        i++;
                    }
                    if (i < n) {
                        buffered = i;
                        label = 1;
                    } else {
                        label = -1;
                    }
                }
                return buffered != null;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Integer v = buffered;
                buffered = null;
                return v;
            }
        };
    }

    // ---------------------------------------------------------------- fast path, memory

    /** A completed-or-pending value with room for one waiter: the floor's promise. */
    public static final class Cell {
        Runnable waiter;
        boolean done;
        int value;

        public static Cell completed(int value) {
            Cell c = new Cell();
            c.done = true;
            c.value = value;
            return c;
        }
    }

    /** Awaits completed cells: reads each value, never suspends. */
    public static long sumCompleted(Cell[] cells) {
        long sum = 0;
        for (Cell c : cells) {
            if (!c.done) {
                throw new IllegalStateException("pending");
            }
            sum += c.value;
        }
        return sum;
    }

    /**
     * A machine suspended on {@code pending}: registered as its waiter, linked in front of the
     * waiters already there (a cell awaited by many keeps them in a list through their own links).
     */
    public static Object awaitForever(Cell pending) {
        final class Awaiting implements Runnable {
            int label;
            Cell awaited;
            @SuppressWarnings("UnusedVariable") // stored as a generated machine stores its result; unread here
            int result;
            @SuppressWarnings("UnusedVariable") // the next waiter of the same cell; unread here (nobody completes it)
            Runnable next;

            @Override
            public void run() {
                if (label == 0) {
                    awaited = pending;
                    label = 1;
                    if (!pending.done) {
                        next = pending.waiter;
                        pending.waiter = this;
                        return;
                    }
                }
                result = awaited.value + 1;
                awaited = null;
            }
        }
        Awaiting a = new Awaiting();
        a.run();
        return a;
    }
}
