package io.yieldpoint.examples.http;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The demo application behind the server: each request awaits a simulated back-end call of 10 ms
 * (a database, another service), during which the event-loop thread serves other connections.
 *
 * <ul>
 *   <li>{@code GET /anything}: {@code hello /anything} after the back-end answered;</li>
 *   <li>{@code POST /echo}: the request body back;</li>
 *   <li>{@code GET /boom}: the handler fails, the server answers 500.</li>
 * </ul>
 */
public interface DemoApp {

    /** The simulated back-end latency. */
    Duration BACKEND_LATENCY = Duration.ofMillis(10);

    @Coroutine
    default Task<HttpResponse> handle(HttpRequest request) {
        if (request.target().equals("/boom")) {
            throw new IllegalStateException("the handler failed");
        }
        String answer = await(backend(request.target()));
        if (request.method().equals("POST") && request.target().equals("/echo")) {
            return done(HttpResponse.text(new String(request.body(), StandardCharsets.UTF_8)));
        }
        return done(HttpResponse.text(answer + "\n"));
    }

    /** A back-end call: the coroutine waits 10 ms, no thread does. */
    @Coroutine
    default Task<String> backend(String key) {
        await(sleep(BACKEND_LATENCY));
        return done("hello " + key);
    }
}
