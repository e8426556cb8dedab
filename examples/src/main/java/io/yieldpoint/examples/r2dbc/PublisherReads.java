package io.yieldpoint.examples.r2dbc;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.reactivestreams.Publisher;

/** The coroutines behind {@link Publishers#single} and {@link Publishers#completion}. */
interface PublisherReads {

    /** The one value of {@code publisher}: read to its end, one value requested at a time. */
    @Coroutine
    default <T> Task<T> single(Publisher<? extends T> publisher) {
        List<T> values = new ArrayList<>(1);
        for (T value : each(Publishers.<T>stream(publisher, 1))) {
            if (!values.isEmpty()) {
                throw new IllegalStateException("a publisher of one value sent a second: " + value);
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new NoSuchElementException("the publisher completed without a value");
        }
        return done(values.get(0));
    }

    /** Completes when {@code publisher} does. */
    @Coroutine
    default Task<Void> completion(Publisher<?> publisher) {
        for (Object unused : each(Publishers.stream(publisher, 1))) {
            // values, if any, are of no interest
        }
        return done();
    }
}
