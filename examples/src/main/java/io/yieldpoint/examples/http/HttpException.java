package io.yieldpoint.examples.http;

/** A request the server refuses, with the status code of its answer. The connection is then closed. */
public final class HttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String detail;

    public HttpException(int status, String message) {
        super(message);
        this.status = status;
        this.detail = message;
    }

    public int status() {
        return status;
    }

    /** The message, never null (unlike {@code getMessage()} in general): the answer's body states it. */
    public String detail() {
        return detail;
    }
}
