package io.yieldpoint.examples.service;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import java.time.Duration;

/**
 * The simulated remote service, a handler of the example {@link io.yieldpoint.examples.http.HttpServer}:
 * {@code GET /offer/{supplier}/{sku}} answers the discount {@link Suppliers#percentOff} after
 * {@link #delay()}, the time a real supplier's system would take.
 */
public interface SupplierApp {

    /** How long each answer takes. */
    Duration delay();

    @Coroutine
    default Task<HttpResponse> handle(HttpRequest request) {
        String[] path = request.target().split("/", -1); // "", "offer", supplier, sku
        if (path.length != 4 || !path[1].equals("offer")) {
            return done(HttpResponse.error(404, "ask GET /offer/{supplier}/{sku}"));
        }
        await(sleep(delay()));
        return done(HttpResponse.text(Integer.toString(Suppliers.percentOff(path[2], path[3]))));
    }
}
