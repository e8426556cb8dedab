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
 *   <li>{@code GET /cpu...}: as {@code GET /anything}, then about 100 us of computation
 *       ({@link #compute}): the CPU-bound variant of the load test;</li>
 *   <li>{@code GET /boom}: the handler fails, the server answers 500.</li>
 * </ul>
 */
public interface DemoApp {

    /** The simulated back-end latency. */
    Duration BACKEND_LATENCY = Duration.ofMillis(10);

    /** Rounds of {@link #compute} per {@code /cpu} request: about 100 us on the 2-core test machine. */
    int CPU_WORK_ROUNDS = 60_000;

    /** A computation the JIT cannot skip (xorshift rounds): the same in every load-test server. */
    static long compute(int rounds) {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    @Coroutine
    default Task<HttpResponse> handle(HttpRequest request) {
        if (request.target().equals("/boom")) {
            throw new IllegalStateException("the handler failed");
        }
        String answer = await(backend(request.target()));
        if (request.target().startsWith("/cpu")) {
            answer += " " + Long.toHexString(compute(CPU_WORK_ROUNDS));
        }
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
