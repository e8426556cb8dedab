package io.yieldpoint.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Cancellable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The waiter list of {@link AbstractTask}: continuations run once each, in registration order,
 * whether they take a node or link themselves ({@link LinkedTask}); on the shared path and on the
 * plain path of a task confined to an owner; and the hand-off of other threads' operations to
 * the owner, including after the owner closed.
 */
class WaitersTest {

    /** A waiter that links itself, records its turn, and may register elsewhere when it runs. */
    static final class Linked extends LinkedTask<Void> {
        final String name;
        final List<String> log;
        @Nullable AbstractTask<?> next;

        Linked(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public void onComplete(AbstractTask<?> completed) {
            log.add(name);
            if (next != null) {
                AbstractTask<?> n = next;
                next = null;
                n.whenComplete(this); // at once, while the rest of the first list still has to run
            }
        }
    }

    /** An owner driven by hand: the test thread is its thread; what others hand it waits in a queue. */
    static final class ManualOwner implements TaskOwner {
        final Thread thread = Thread.currentThread();
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        volatile boolean closed;

        @Override
        public boolean inHostThread() {
            return Thread.currentThread() == thread;
        }

        @Override
        public boolean ownerClosed() {
            return closed;
        }

        @Override
        public synchronized void execute(Runnable task) {
            queue.add(task);
        }

        synchronized @Nullable Runnable poll() {
            return queue.poll();
        }

        void runAll() {
            for (Runnable r; (r = poll()) != null; ) {
                r.run();
            }
        }

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean refusesBlocking() {
            return false;
        }

        @Override
        public String name() {
            return "manual-owner";
        }
    }

    static final class Confined<T> extends AbstractTask<T> {
        private final TaskOwner owner;

        Confined(TaskOwner owner) {
            this.owner = owner;
        }

        @Override
        protected @Nullable TaskOwner confinedTo() {
            return owner;
        }

        boolean complete(T value) {
            return completeValue(value);
        }
    }

    /** Runs {@code action} on a new thread named {@code name}, waits for it, rethrows its failure. */
    private static void onThread(String name, Runnable action) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError("on thread " + name, failure.get());
        }
    }

    /** Registers a mix of plain and linking waiters, completes, and checks order and links. */
    private static void mixedWaitersRunOnceInOrder(AbstractTask<Integer> task, Runnable complete) {
        List<String> log = new ArrayList<>();
        List<Linked> linked = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "w" + i;
            if (i % 3 == 1) {
                task.whenComplete(done -> log.add(name));
            } else {
                Linked l = new Linked(name, log);
                linked.add(l);
                task.whenComplete(l);
            }
        }
        complete.run();
        assertEquals(List.of("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9"), log);
        for (Linked l : linked) {
            assertNull(l.nextWaiter, "link cleared before it ran");
        }
    }

    @Test
    void sharedTaskRunsMixedWaitersOnceInRegistrationOrder() {
        Promise<Integer> p = new Promise<>();
        mixedWaitersRunOnceInOrder(p, () -> assertTrue(p.complete(1)));
        Promise<Integer> bareFirst = new Promise<>();
        List<String> log = new ArrayList<>();
        bareFirst.whenComplete(done -> log.add("bare"));
        bareFirst.whenComplete(new Linked("linked", log));
        bareFirst.complete(2);
        assertEquals(List.of("bare", "linked"), log);
    }

    @Test
    void confinedTaskRunsMixedWaitersOnceInRegistrationOrderOnItsOwner() {
        ManualOwner owner = new ManualOwner();
        Confined<Integer> t = new Confined<>(owner);
        mixedWaitersRunOnceInOrder(t, () -> assertTrue(t.complete(1)));
        assertFalse(t.complete(2), "completes once");
        assertTrue(owner.queue.isEmpty(), "nothing handed off on the owner's thread");
    }

    @Test
    void aLinkedWaiterThatRegistersElsewhereWhenItRunsLeavesTheRestOfTheListIntact() {
        Promise<Integer> first = new Promise<>();
        Promise<Integer> second = new Promise<>();
        List<String> log = new ArrayList<>();
        Linked a = new Linked("a", log);
        Linked b = new Linked("b", log);
        Linked c = new Linked("c", log);
        a.next = second;
        b.next = second;
        first.whenComplete(a);
        first.whenComplete(b);
        first.whenComplete(c);
        first.complete(1);
        assertEquals(List.of("a", "b", "c"), log);
        second.complete(2);
        assertEquals(List.of("a", "b", "c", "a", "b"), log);
    }

    @Test
    void otherThreadsHandTheirOperationsToTheOwner() throws Exception {
        ManualOwner owner = new ManualOwner();
        Confined<Integer> t = new Confined<>(owner);
        List<String> log = new CopyOnWriteArrayList<>();
        onThread("other", () -> {
            t.whenComplete(done -> log.add("from other: " + Thread.currentThread().getName()));
            assertTrue(t.cancel(), "pending when asked");
            assertFalse(t.isDone(), "takes effect at the owner's turn");
        });
        assertEquals(2, owner.queue.size());
        owner.runAll();
        assertTrue(t.isCancelled());
        assertEquals(List.of("from other: " + Thread.currentThread().getName()), log);
        // Done: another thread's registration now runs at once, there.
        onThread("late", () -> t.whenComplete(done -> log.add("late: " + Thread.currentThread().getName())));
        assertEquals("late: late", log.get(1));
        assertFalse(t.cancel());
    }

    @Test
    void aHandOffToAClosedOwnerRunsOnTheThreadThatFindsItClosed() throws Exception {
        ManualOwner owner = new ManualOwner();
        Confined<Integer> t = new Confined<>(owner);
        Confined<Integer> queued = new Confined<>(owner);
        onThread("before", () -> assertTrue(queued.cancel()));
        owner.closed = true;
        // The owner drops nothing: what waits in its queue still runs once (here by hand), and an
        // operation made after it closed runs at once on its own thread, on the shared path.
        owner.runAll();
        assertTrue(queued.isCancelled());
        onThread("after", () -> assertTrue(t.complete(7)));
        assertTrue(owner.queue.isEmpty());
        assertEquals(7, t.resultNow());
    }
}
