package io.yieldpoint.runtime;

import java.util.concurrent.atomic.AtomicReference;

/** Small helpers for tests that need a second thread, without sleeping to wait for it. */
final class TestThreads {

    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();

    private TestThreads() {}

    /** A started daemon thread running {@code action}; its failure is kept for {@link #joinAll}. */
    static Thread start(String name, ThrowingRunnable action) {
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                FAILURE.compareAndSet(null, e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs {@code action} on a new thread once {@code waiter} is parked. */
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

    /** Joins the threads, then fails if any helper thread failed. */
    static void joinAll(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
        Throwable failure = FAILURE.getAndSet(null);
        if (failure != null) {
            throw new AssertionError("a helper thread failed", failure);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Throwable;
    }
}
