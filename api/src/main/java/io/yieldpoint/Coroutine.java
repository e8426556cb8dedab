package io.yieldpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a default method of an interface as a coroutine.
 *
 * <p>The method returns {@link Task Task&lt;T&gt;} (an asynchronous coroutine that finishes with
 * {@code return done(value);}) or {@link Generator Generator&lt;T&gt;} (a lazy generator that
 * produces values with {@code emit(value)} and finishes with {@code return end();}). Its body is
 * ordinary Java; the calls of {@link Co} are its yield points.
 *
 * <p>The Yieldpoint processor generates, for each interface with such methods, a class
 * {@code <Interface>Coroutines} in the same package whose {@code of(delegate)} and {@code create()}
 * factories return an implementation in which each {@code @Coroutine} method runs as a state
 * machine: at each {@code await} it frees its thread instead of blocking it.
 *
 * <p>Called directly (not through the generated class) the method still works: {@code await}
 * then blocks the calling thread. That reading is the reference the state machine must match.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Coroutine {}
