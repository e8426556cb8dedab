package io.yieldpoint.examples.http;

import io.yieldpoint.Task;

/** What the server does with a request: usually a {@code @Coroutine} method, passed as {@code app::handle}. */
@FunctionalInterface
public interface HttpHandler {
    Task<HttpResponse> handle(HttpRequest request);
}
