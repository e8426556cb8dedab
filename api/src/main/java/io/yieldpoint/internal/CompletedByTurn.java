package io.yieldpoint.internal;

/**
 * A task that completes normally only from a turn of the dispatcher it belongs to, with nothing of
 * that dispatcher's but the turn itself on the stack: a timer of {@code sleep}, the turn after a
 * {@code yieldNow}. A coroutine of the same event loop awaiting such a task may resume right
 * there, in that turn, instead of being queued for one more: the yield or the timer already was
 * its turn. Its other completions (a cancellation, which may happen inside any code) resume
 * coroutines the ordinary way.
 */
public interface CompletedByTurn {}
