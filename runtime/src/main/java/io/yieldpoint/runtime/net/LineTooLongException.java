package io.yieldpoint.runtime.net;

import java.io.IOException;

/** A line longer than the limit given to {@link BufferedLineReader#readLine(int)}. */
public final class LineTooLongException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    public LineTooLongException(int limit) {
        super("a line is longer than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit, in bytes, not counting the line terminator. */
    public int limit() {
        return limit;
    }
}
