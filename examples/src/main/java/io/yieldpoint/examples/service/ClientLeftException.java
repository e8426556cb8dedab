package io.yieldpoint.examples.service;

/**
 * The client closed its connection (or reset it) while its request was being answered: what ends
 * the answer's task group in {@link StreamingServer#answerWhileWatching}, cancelling the handler.
 */
final class ClientLeftException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ClientLeftException() {
        super("the client closed the connection before its answer was written", null, false, false);
    }
}
