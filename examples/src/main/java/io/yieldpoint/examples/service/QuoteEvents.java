package io.yieldpoint.examples.service;

/**
 * What a {@link QuoteService} reports as it works: for metrics, and for tests that must see a call
 * being cancelled. Called on the loop that runs the call; must not block.
 */
public interface QuoteEvents {

    /** Reports nothing. */
    QuoteEvents NONE = new QuoteEvents() {};

    /** The call to {@code supplier} was cancelled before it ended: the client left, or the quote was closed. */
    default void offerCancelled(String supplier) {}
}
