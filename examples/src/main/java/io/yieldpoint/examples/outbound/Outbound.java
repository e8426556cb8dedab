package io.yieldpoint.examples.outbound;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Outbound HTTP from a coroutine, with the JDK's {@link HttpClient}: its {@code sendAsync} future is
 * awaited like a task, so no thread waits for the answer; {@code withTimeout} bounds each attempt,
 * and cancelling the coroutine (or the timeout firing) cancels the future, which aborts the
 * exchange and closes its connection. Failed attempts (a time-out, an I/O error, a 5xx answer) are
 * retried after a pause that doubles each time.
 */
public interface Outbound {

    /**
     * The body of a GET of {@code uri}: up to {@code attempts} attempts of at most
     * {@code perAttempt} each, pausing {@code firstPause} after the first failure, twice that after
     * the second, and so on. A 4xx answer is not retried: its body is returned as it is.
     *
     * @throws OutboundException once the last attempt has failed, with that attempt's failure as its cause
     */
    @Coroutine
    default Task<String> get(HttpClient client, URI uri, Duration perAttempt, int attempts, Duration firstPause) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            Exception failure;
            try {
                HttpResponse<String> response = await(withTimeout(perAttempt,
                        Task.from(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))));
                if (response.statusCode() < 500) {
                    return done(response.body());
                }
                failure = new OutboundException("status " + response.statusCode() + " from " + uri, null);
            } catch (RuntimeException e) {
                throw e; // cancelled, or a bug: no retry
            } catch (Exception e) {
                failure = e; // a TimeoutException, or an IOException of the exchange (checked: caught here)
            }
            if (attempt == attempts) {
                throw new OutboundException("GET " + uri + " failed " + attempts + " times", failure);
            }
            await(sleep(pause));
            pause = pause.multipliedBy(2);
        }
    }
}
