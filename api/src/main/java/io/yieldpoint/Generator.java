package io.yieldpoint;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The values a generator coroutine produces with {@link Co#emit(Object)}.
 *
 * <p>Through the generated {@code <Interface>Coroutines} class the body runs lazily: each step of
 * an iterator runs the body up to its next {@code emit}. Every call of {@link #iterator()} starts
 * the body afresh, so a generator can be iterated more than once, like a collection.
 *
 * @param <T> the type of the values
 */
public interface Generator<T extends @Nullable Object> extends Iterable<T> {

    /** A sequential, ordered stream over the values; closing the stream stops the body. */
    default Stream<T> stream() {
        var iterator = iterator();
        Stream<T> stream = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
        if (iterator instanceof AutoCloseable closeable) {
            stream = stream.onClose(() -> {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the generator failed", e);
                }
            });
        }
        return stream;
    }
}
