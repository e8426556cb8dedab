package io.yieldpoint.examples.service;

import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpRequest;

/**
 * What a {@link StreamingServer} does with a request: usually a {@code @Coroutine} method, passed as
 * {@code app::handle}. It is cancelled if the client leaves before its answer is written.
 */
@FunctionalInterface
public interface StreamingHandler {
    Task<Reply> handle(HttpRequest request);
}
