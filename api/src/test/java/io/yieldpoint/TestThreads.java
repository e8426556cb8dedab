package io.yieldpoint;

import java.util.concurrent.atomic.AtomicReference;

/** Small helpers for tests that need a second thread, without sleeping to wait for it. */
final class TestThreads {

    private TestThreads() {}

    /** A started daemon thread running {@code action}; its failure is kept for {@link #joinAll}. */
    static Thread start(String name, ThrowingRunnable action) {
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                FAILURES.compareAndSet(null, e);
                throw new AssertionError(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Runs {@code action} on a new thread once {@code waiter} is parked (blocked in a join or an
     * await): a way to complete a task while somebody really waits for it.
     */
    static Thread whenBlocked(Thread waiter, ThrowingRunnable action) {
        return start("completer", () -> {
            awaitBlocked(waiter);
            action.run();
        });
    }

    /** Spins until {@code thread} is parked or waiting (never sleeps). */
    static void awaitBlocked(Thread thread) {
        for (;;) {
            Thread.State s = thread.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(thread.getName() + " terminated instead of blocking");
            }
            Thread.onSpinWait();
        }
    }

    private static final AtomicReference<Throwable> FAILURES = new AtomicReference<>();

    /** Joins the threads, then fails if any of them failed. */
    static void joinAll(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        Throwable failure = FAILURES.getAndSet(null);
        if (failure != null) {
            throw new AssertionError("a helper thread failed", failure);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
