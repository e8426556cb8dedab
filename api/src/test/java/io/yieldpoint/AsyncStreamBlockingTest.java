package io.yieldpoint;

import static io.yieldpoint.Co.emit;
import static io.yieldpoint.Co.end;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.internal.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's async streams without the runtime: the blocking reading, the operators, {@code Co.each}. */
class AsyncStreamBlockingTest {

    /** A stream body run as plain Java: emit collects, end() hands back both a Generator and a stream. */
    static AsyncStream<String> letters(int n) {
        for (int i = 0; i < n; i++) {
            emit(String.valueOf((char) ('a' + i)));
        }
        return end();
    }

    static Generator<String> lettersAsGenerator(int n) {
        for (int i = 0; i < n; i++) {
            emit(String.valueOf((char) ('a' + i)));
        }
        return end();
    }

    @Test
    void endEndsBothKindsOfBody() {
        assertEquals(List.of("a", "b", "c"), letters(3).toList().join());
        List<String> iterated = new ArrayList<>();
        lettersAsGenerator(3).forEach(iterated::add);
        assertEquals(List.of("a", "b", "c"), iterated);
    }

    @Test
    void eachIteratesAStreamInPlainCode() {
        List<String> seen = new ArrayList<>();
        for (String s : Co.each(letters(2))) {
            seen.add(s);
        }
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void operatorsPullTheirSource() {
        AsyncStream<Integer> source = AsyncStream.of(Arrays.asList(1, 2, 3, 4, null));
        assertEquals(List.of(2, 4), source.take(2).map(x -> x * 2).toList().join());
        assertEquals(Arrays.asList(1, 2, 3, 4, null), source.toList().join());
        assertEquals(List.of(), source.take(0).toList().join());
        assertThrows(IllegalArgumentException.class, () -> source.take(-1));
    }

    /** A cursor that records its calls, with a close that completes when the test says. */
    static final class Recording implements AsyncStream.Cursor<Integer> {
        final List<String> calls = new ArrayList<>();
        final Promise<Void> closed = new Promise<>();
        int next;

        @Override
        public Task<Boolean> next() {
            calls.add("next");
            next++;
            if (next == 3) {
                return Task.failed(new IllegalStateException("third"));
            }
            return Task.completed(true);
        }

        @Override
        public Integer current() {
            return next;
        }

        @Override
        public Task<Void> close() {
            calls.add("close");
            closed.complete(null);
            return closed;
        }
    }

    @Test
    void toListClosesTheCursorAfterAFailureAndFailsWithIt() {
        Recording cursor = new Recording();
        AsyncStream<Integer> stream = () -> cursor;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stream.toList().join());
        assertEquals("third", e.getMessage());
        assertEquals(List.of("next", "next", "next", "close"), cursor.calls);
    }

    @Test
    void theBlockingIteratorClosesTheStreamWhenClosed() throws Exception {
        Recording cursor = new Recording();
        Iterator<Integer> it = Co.each(() -> cursor).iterator();
        assertTrue(it.hasNext());
        assertEquals(1, it.next());
        ((AutoCloseable) it).close();
        assertFalse(it.hasNext());
        assertEquals(List.of("next", "close"), cursor.calls);
        assertSame(cursor.closed, cursor.close());
    }
}
