package io.yieldpoint.it.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.test.TestEventLoop;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Stack traces of failing coroutines read as the user's methods and lines (from the line tables
 * the processor writes), and across suspensions the awaiting coroutines are added as frames.
 * The lines named here are those of {@link Chain}.
 */
class StackTraceTest {

    private static final String CHAIN = Chain.class.getName();

    private static final List<String> EXPECTED = List.of(
            CHAIN + ".bottom(Chain.java:39)",
            CHAIN + ".middle(Chain.java:29)",
            CHAIN + ".top(Chain.java:20)");

    @Test
    void aChainThatFailsWithoutSuspendingReadsAsPlainCalls() {
        Chain chain = ChainCoroutines.of(() -> false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> chain.top(1)));
        assertEquals("bottom failed for 1", e.getMessage());
        List<String> frames = frames(e);
        assertEquals(EXPECTED, frames.subList(0, 3), String.join("\n", frames));
        // Then the caller of top(), this test's lambda, as a plain call would have it.
        assertTrue(frames.get(3).startsWith(StackTraceTest.class.getName() + ".lambda$"), frames.get(3));
        assertNoGeneratedFrames(frames);
    }

    @Test
    void aChainThatFailsAfterSuspendingShowsTheAwaitingCoroutines() {
        Chain chain = ChainCoroutines.of(() -> true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> chain.top(2)));
        List<String> frames = frames(e);
        // bottom() threw on a step the loop ran; middle() and top() were suspended on it, and each
        // added its frame, at its await, when it resumed with the failure.
        assertEquals(EXPECTED, frames.subList(0, 3), String.join("\n", frames));
        // then the machinery that ran the step: the yield completing on the loop, and the loop
        assertTrue(frames.get(3).startsWith("io.yieldpoint.internal.") || frames.get(3).startsWith("io.yieldpoint.runtime."), frames.get(3));
        assertTrue(frames.stream().anyMatch(f -> f.startsWith("io.yieldpoint.runtime.internal.LoopCore.runTurn(")), String.join("\n", frames));
        assertNoGeneratedFrames(frames);
    }

    @Test
    void theSameOnVirtualTime() {
        Chain chain = ChainCoroutines.of(() -> true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestEventLoop.run(() -> chain.top(3)));
        assertEquals(EXPECTED, frames(e).subList(0, 3));
    }

    @Test
    void anAwaitRethrowsTheSameInstanceWithTheAwaitersFrameAdded() {
        Chain chain = ChainCoroutines.of(() -> true);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Throwable e = assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
            Task<Integer> bottom = chain.bottom(6); // fails after a yield
            bottom.toCompletableFuture().whenComplete((v, x) -> thrown.set(x));
            return chain.parked(bottom);            // awaits it at Chain.java:47
        }));
        assertSame(thrown.get(), e, "the instance bottom() threw, not a copy");
        assertEquals(List.of(CHAIN + ".bottom(Chain.java:39)", CHAIN + ".parked(Chain.java:47)"), frames(e).subList(0, 2));
    }

    @Test
    void causesReadInTheUsersTermsToo() {
        Chain chain = ChainCoroutines.of(() -> true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventLoop.run(() -> chain.wrapsItsOwn("x")));
        Throwable cause = e.getCause();
        assertTrue(cause instanceof NumberFormatException, String.valueOf(cause));
        List<String> frames = frames(cause);
        assertTrue(frames.contains(CHAIN + ".wrapsItsOwn(Chain.java:69)"), String.join("\n", frames));
        assertNoGeneratedFrames(frames);
    }

    @Test
    void eachFailureCarriesItsOwnFrames() {
        Chain chain = ChainCoroutines.of(() -> true);
        AtomicReference<Throwable> atBottom = new AtomicReference<>();
        Throwable e = assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
            Task<Integer> bottom = chain.bottom(4);
            bottom.toCompletableFuture().whenComplete((v, x) -> atBottom.set(x));
            return chain.top(4);
        }));
        // two different bottom() calls failed; the top's is the one rethrown, with its own frames
        assertEquals(EXPECTED, frames(e).subList(0, 3));
        assertNotSame(atBottom.get(), e);
        assertEquals(List.of(CHAIN + ".bottom(Chain.java:39)"), frames(atBottom.get()).subList(0, 1));
    }

    @Test
    void observingTheFailureTwiceAddsNoFrameTwice() {
        Chain chain = ChainCoroutines.of(() -> true);
        AtomicReference<Task<Integer>> top = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> EventLoop.run(() -> {
            top.set(chain.top(5));
            return top.get();
        }));
        Throwable first = io.yieldpoint.internal.AbstractTask.of(top.get()).exceptionNow();
        Throwable again = assertThrows(IllegalStateException.class, () -> top.get().join());
        assertSame(first, again);
        List<String> frames = frames(again);
        assertEquals(EXPECTED, frames.subList(0, 3));
        assertEquals(1, frames.stream().filter(f -> f.startsWith(CHAIN + ".top(")).count(), String.join("\n", frames));
    }

    @Test
    void aGeneratorThatFailsReadsAsTheConsumersCall() {
        Chain chain = ChainCoroutines.of(() -> false);
        java.util.Iterator<Integer> values = chain.failingAfterOne().iterator();
        assertEquals(1, values.next());
        IllegalStateException e = null;
        try {
            values.hasNext();
        } catch (IllegalStateException thrown) {
            e = thrown;
        }
        assertTrue(e != null, "the body's exception reaches the consumer");
        List<String> frames = frames(e);
        assertEquals(CHAIN + ".failingAfterOne(Chain.java:61)", frames.get(0), String.join("\n", frames));
        // called by the consumer's hasNext(), with no generator plumbing in between
        assertTrue(frames.get(1).startsWith(StackTraceTest.class.getName() + ".aGeneratorThatFailsReadsAsTheConsumersCall("),
                frames.get(1));
        assertNoGeneratedFrames(frames);
        assertTrue(frames.stream().noneMatch(f -> f.startsWith("io.yieldpoint.runtime.machine.GeneratorMachine.")), String.join("\n", frames));
    }

    private static void assertNoGeneratedFrames(List<String> frames) {
        for (String f : frames) {
            assertFalse(f.contains("ChainCoroutines"), () -> "a generated frame is left: " + f + "\n" + String.join("\n", frames));
            assertFalse(f.startsWith("io.yieldpoint.runtime.machine.CoroutineMachine."),
                    () -> "a runtime frame between coroutines is left: " + f + "\n" + String.join("\n", frames));
        }
    }

    /** The frames as {@code class.method(File.java:line)}, without module or class loader names. */
    static List<String> frames(Throwable t) {
        return Arrays.stream(t.getStackTrace())
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .toList();
    }
}
