package io.yieldpoint.processor.model;

/** The three kinds of coroutine, by declared return type. */
public enum CoroutineKind {
    /** Returns {@code Task<T>}: asynchronous, finishes with {@code return done(value);}. */
    TASK,
    /** Returns {@code Generator<T>}: lazy, produces values with {@code emit}, finishes with {@code end()}. */
    GENERATOR,
    /**
     * Returns {@code AsyncStream<T>}: lazy and asynchronous, may both {@code await} and
     * {@code emit}, finishes with {@code end()}.
     */
    STREAM;

    /** Whether the body produces values with {@code emit} and ends with {@code return end();}. */
    public boolean emits() {
        return this != TASK;
    }

    /** Whether the body may {@code await}: its machine is a coroutine, whose step answers suspended or returned. */
    public boolean awaits() {
        return this != GENERATOR;
    }
}
