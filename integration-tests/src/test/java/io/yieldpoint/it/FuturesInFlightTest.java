package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yieldpoint.it.unwind.UnwindCorpus;
import io.yieldpoint.it.unwind.UnwindCorpusCoroutines;
import io.yieldpoint.runtime.Coroutines;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.test.TestEventLoop;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Virtual time and futures completed by other threads: by default the test loop's clock jumps
 * while such a future is pending (a timeout racing it fires at once); with futures counted as in
 * flight it waits for them. Also {@code Coroutines.unchecked} for coroutines with a
 * {@code throws} clause.
 */
@Timeout(20)
class FuturesInFlightTest {

    private final UnwindCorpus corpus = UnwindCorpusCoroutines.of(new CancellationWaitsTest.Recorder());

    /** A future another thread completes {@code millis} (real time) from now, like a remote call. */
    private static CompletableFuture<String> remote(long millis) {
        return CompletableFuture.supplyAsync(() -> "reply",
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /**
     * Where the clock must run ahead of the future: a reply late enough (real time) that the loop is
     * idle long before it, even on a loaded machine.
     */
    private static CompletableFuture<String> slowRemote() {
        return remote(1_000);
    }

    /** Where the clock must wait for the future: a quick reply, so that the test is quick. */
    private static CompletableFuture<String> remote() {
        return remote(50);
    }

    @Test
    void byDefaultVirtualTimeRunsAheadOfAnOutsideFuture() {
        assertEquals("timed out", TestEventLoop.run(() -> corpus.awaitOutsideFutureWithTimeout(slowRemote())));
    }

    @Test
    void countedInFlightAFutureUnderATimeoutHoldsTheClock() {
        assertEquals("reply", TestEventLoop.runWithFuturesInFlight(() -> corpus.awaitOutsideFutureWithTimeout(remote())));
    }

    @Test
    void countedInFlightADirectlyAwaitedFutureHoldsTheClock() {
        assertEquals("reply, before the timer",
                TestEventLoop.runWithFuturesInFlight(() -> corpus.awaitOutsideFutureBesideATimer(remote())));
        assertEquals("reply, after the timer", TestEventLoop.run(() -> corpus.awaitOutsideFutureBesideATimer(slowRemote())));
    }

    @Test
    void uncheckedLetsASupplierStartACoroutineThatDeclaresACheckedException() {
        assertEquals("contents of a", EventLoop.run(Coroutines.unchecked(() -> corpus.readFile("a"))));
        IOException e = assertThrows(IOException.class, () -> EventLoop.run(Coroutines.unchecked(() -> corpus.readFile(""))));
        assertEquals("no name", e.getMessage());
        IOException thrown = new IOException("thrown by the call");
        assertSame(thrown, assertThrows(IOException.class, () -> EventLoop.run(Coroutines.unchecked(() -> {
            throw thrown;
        }))));
    }
}
