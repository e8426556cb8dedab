package io.yieldpoint.runtime.net;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;

/** The threading rule of this package, in one place, with its error messages. */
final class Loops {

    private Loops() {}

    /** A completed {@code Task<Void>}: completed tasks are immutable, so one serves every caller. */
    static final Task<Void> DONE = Task.completed(null);

    /** The event loop of the calling thread, for a socket about to be made. */
    static EventLoop requireCurrent(String what) {
        EventLoop loop = EventLoop.current();
        if (loop == null) {
            throw new IllegalStateException(what + " called on thread '" + Thread.currentThread().getName()
                    + "', which runs no event loop: sockets belong to an event loop; call it from a coroutine"
                    + " running on one (EventLoop.run(...))");
        }
        return loop;
    }

    /** Refuses an operation on a socket from a thread other than its loop's. */
    static void requireOwner(EventLoop loop, Object socket, String what) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException(what + " on " + socket + " called on thread '"
                    + Thread.currentThread().getName() + "'; a socket is used only on the event loop that made it ("
                    + loop.name() + "): call it from a coroutine running there");
        }
    }

    /** Runs {@code action} on {@code loop}'s thread: now if this is it, else at its next turn. */
    static void onLoop(EventLoop loop, Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
        }
    }
}
