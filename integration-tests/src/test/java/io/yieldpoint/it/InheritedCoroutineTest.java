package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yieldpoint.it.inherit.Derived;
import io.yieldpoint.it.inherit.DerivedCoroutines;
import io.yieldpoint.runtime.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * A coroutine inherited from a superinterface runs as that interface's state machine (so it
 * suspends on an event loop), with the subinterface's overrides for the other methods it calls.
 */
class InheritedCoroutineTest {

    private final Derived plain = new Derived() { };

    @Test
    void inheritedCoroutineRunsAsAStateMachine() {
        assertEquals(plain.describe(7).join(), EventLoop.run(() -> DerivedCoroutines.create().describe(7)));
        assertEquals("base derived-seed 7 overridden", EventLoop.run(() -> DerivedCoroutines.create().describe(7)));
    }

    @Test
    void coroutineAwaitingAnInheritedOne() {
        assertEquals(plain.both().join(), EventLoop.run(() -> DerivedCoroutines.create().both()));
    }

    @Test
    void theBlockingReadingOfTheSameCallIsRefusedOnTheLoop() {
        // What happened before: the inherited default ran as plain Java, and await blocked the loop.
        assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> plain.describe(7)));
    }
}
