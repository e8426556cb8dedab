package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A coroutine with a {@code throws} clause: the generated method returns a task (it throws nothing
 * itself once its body has suspended), and the checked exception its body throws after a yield
 * point reaches the caller unwrapped, the same instance, from {@code join()} and from
 * {@code EventLoop.run}. The blocking reading throws it from the call itself.
 */
@Timeout(10)
class ThrowsClauseTest {

    private final TypesCases.Recorder impl = new TypesCases.Recorder();
    private final TypesCorpus generated = TypesCorpusCoroutines.of(impl);

    @Test
    void aCheckedExceptionReachesJoinUnwrapped() {
        Task<Integer> task;
        try {
            task = generated.throwsChecked(1);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the machine's body is suspended: the call itself throws nothing", e);
        }
        IOException e = assertThrows(IOException.class, task::join);
        assertEquals("io 1", e.getMessage());
        assertSame(e, assertThrows(IOException.class, task::join), "every join rethrows the same instance");
    }

    @Test
    void aCheckedExceptionReachesEventLoopRunUnwrapped() {
        InterruptedException e = assertThrows(InterruptedException.class, () -> EventLoop.run(() -> {
            try {
                return generated.throwsChecked(2);
            } catch (IOException | InterruptedException unexpected) {
                throw new AssertionError(unexpected);
            }
        }));
        assertEquals("interrupted 2", e.getMessage());
        assertEquals(false, Thread.currentThread().isInterrupted(), "nothing interrupted the calling thread");
    }

    @Test
    void aGenericThrowsClauseRethrowsTheGivenInstance() throws Exception {
        TimeoutException given = new TimeoutException("given");
        Task<Integer> task = generated.throwsGeneric(1, given);
        assertSame(given, assertThrows(TimeoutException.class, task::join));
        assertSame(given, assertThrows(TimeoutException.class, () -> EventLoop.run(() -> {
            try {
                return generated.throwsGeneric(1, given);
            } catch (TimeoutException unexpected) {
                throw new AssertionError(unexpected);
            }
        })));
        assertEquals(0, EventLoop.run(() -> {
            try {
                return generated.throwsGeneric(0, given);
            } catch (TimeoutException unexpected) {
                throw new AssertionError(unexpected);
            }
        }));
    }

    @Test
    void theBlockingReadingThrowsFromTheCall() {
        TypesCases.Recorder plain = new TypesCases.Recorder();
        IOException e = assertThrows(IOException.class, () -> plain.throwsChecked(1));
        assertEquals("io 1", e.getMessage());
        try {
            assertEquals(0, plain.throwsChecked(0).join());
        } catch (IOException | InterruptedException unexpected) {
            fail(unexpected);
        }
    }

    @Test
    void aCallerCoroutineCatchesTheCheckedException() throws Exception {
        assertEquals("io caught io 1, timeout caught", generated.callsThrowingCoroutines(1).join());
        assertEquals("value 0", generated.callsThrowingCoroutines(0).join());
    }
}
