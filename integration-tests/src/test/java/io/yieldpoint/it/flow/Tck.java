package io.yieldpoint.it.flow;

/** The TCK's timeouts here: generous, as the build shares two cores with other builds. */
final class Tck {

    private Tck() {}

    /** How long the TCK waits for a signal it expects (and for the absence of one it does not). */
    static final long TIMEOUT_MILLIS = 300;

    /** How long the TCK waits for a cancelled subscription to be collected (rule 3.13). */
    static final long GC_TIMEOUT_MILLIS = 2000;
}
