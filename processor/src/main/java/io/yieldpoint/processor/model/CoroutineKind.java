package io.yieldpoint.processor.model;

/** The two kinds of coroutine, by declared return type. */
public enum CoroutineKind {
    /** Returns {@code Task<T>}: asynchronous, finishes with {@code return done(value);}. */
    TASK,
    /** Returns {@code Generator<T>}: lazy, produces values with {@code emit}, finishes with {@code end()}. */
    GENERATOR
}
