package io.yieldpoint.examples.service;

import static io.yieldpoint.Co.*;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.HttpRequest;
import io.yieldpoint.examples.http.HttpResponse;
import io.yieldpoint.examples.jdbc.ConnectionPool;
import io.yieldpoint.runtime.TaskGroup;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The example service: {@code GET /quote/{sku}} answers a price quote, streamed line by line.
 *
 * <pre>
 * sku-7 Widget 7: list price 7.59          the product, from the database
 * supplier-1: 6.67 (12% off)               each supplier's offer, asked all at once,
 * supplier-2: no answer within 200 ms      in supplier order, each sent as soon as it is in
 * supplier-3: 6.52 (14% off)
 * best: supplier-3 at 6.52                 the cheapest offer
 * </pre>
 *
 * <h2>What each request does</h2>
 * <ol>
 *   <li>{@link #product}: a query on the catalog, through the JDBC {@link ConnectionPool}, which
 *       runs it on the blocking pool: the event loop never blocks on the database. An unknown sku is
 *       a 404 answered at once.</li>
 *   <li>{@link #quote}: the answer as an {@link AsyncStream} of lines. It starts one call per
 *       supplier ({@link #offer}) in a {@link TaskGroup}, emits the product's line, then each offer
 *       as it completes, in supplier order, then the best. The server writes each line as a chunk as
 *       soon as it is emitted.</li>
 *   <li>{@link #offer}: an HTTP call to the supplier with the JDK's {@link HttpClient}
 *       ({@code sendAsync}, awaited), bounded by {@code withTimeout}.</li>
 * </ol>
 *
 * <h2>Failures: a partial-result policy</h2>
 * A supplier that does not answer within {@link Suppliers#timeout()} is listed with a fallback line
 * ("no answer within 200 ms"), its call cancelled (the exchange aborted); one whose call fails (an
 * error status, a refused connection, an answer that is not a number) is listed as unavailable. The
 * other suppliers' offers are not affected: a quote with some offers is worth more than none. The
 * task group is there for the other direction: when the quote ends early (the client left, so the
 * server cancelled the request and closed the stream), every call still running is cancelled, and
 * the stream's cleanup waits until they have all ended, so that no call outlives its request.
 */
public interface QuoteService {

    /** The catalog's connections. */
    ConnectionPool catalog();

    /** The client for the suppliers' calls (HTTP/1.1, its connections kept alive and reused). */
    HttpClient http();

    /** Where the suppliers are, how many, and how long each may take. */
    Suppliers suppliers();

    /** Where cancelled calls are reported. */
    QuoteEvents events();

    /** The service on its parts, its coroutines run as state machines. */
    static QuoteService of(ConnectionPool catalog, HttpClient http, Suppliers suppliers, QuoteEvents events) {
        record Parts(ConnectionPool catalog, HttpClient http, Suppliers suppliers, QuoteEvents events)
                implements QuoteService {}
        return QuoteServiceCoroutines.of(new Parts(catalog, http, suppliers, events));
    }

    /** The {@link StreamingHandler}: {@code GET /quote/{sku}}; anything else is 404. */
    @Coroutine
    default Task<Reply> handle(HttpRequest request) {
        String prefix = "/quote/";
        if (!request.method().equals("GET") || !request.target().startsWith(prefix)) {
            return done(Reply.whole(HttpResponse.error(404, "ask GET /quote/{sku}")));
        }
        String sku = request.target().substring(prefix.length());
        Product product = await(product(sku));
        if (product == null) {
            return done(Reply.whole(HttpResponse.error(404, "no product " + sku)));
        }
        return done(Reply.lines("text/plain; charset=utf-8", quote(product)));
    }

    /** The product {@code sku} from the catalog, or null: JDBC on the blocking pool. */
    @Coroutine
    default Task<@Nullable Product> product(String sku) {
        Optional<Product> found = await(catalog().call(session -> Catalog.find(session.prepare(Catalog.FIND), sku)));
        return done(found.orElse(null));
    }

    /**
     * The quote's lines: every supplier is asked at once; the lines come in supplier order, each as
     * soon as its offer is in. Closing the stream early cancels the calls still running and waits
     * for them to end.
     */
    @Coroutine
    default AsyncStream<String> quote(Product product) {
        TaskGroup calls = new TaskGroup();
        try {
            List<Task<Offer>> offers = new ArrayList<>();
            for (String supplier : suppliers().names()) {
                offers.add(calls.add(offer(product, supplier))); // all start now, concurrently
            }
            emit(product.line());
            Offer best = null;
            for (Task<Offer> next : offers) {
                Offer offer = await(next);
                emit(offer.line());
                best = Offer.better(best, offer);
            }
            emit(Offer.summary(best));
        } finally {
            await(stop(calls));
        }
        return end();
    }

    /**
     * Ends {@code calls}: at once if every call is in; otherwise (the quote was closed early) the
     * calls still running are cancelled, and this completes once they have all ended.
     */
    @Coroutine
    default Task<Void> stop(TaskGroup calls) {
        calls.cancel(); // cancels only the calls still running; the group completes cancelled once they end
        try {
            await(calls.join());
        } catch (CancellationException expected) {
            // what a cancelled group completes with
        }
        return done();
    }

    /**
     * One supplier's offer on {@code product}: its answer within the timeout, else the fallback.
     * Never fails (the partial-result policy); cancelling it aborts the exchange.
     */
    @Coroutine
    default Task<Offer> offer(Product product, String supplier) {
        java.net.http.HttpRequest ask = java.net.http.HttpRequest.newBuilder(
                suppliers().offerUri(supplier, product.sku())).GET().build();
        try {
            java.net.http.HttpResponse<String> answer = await(withTimeout(suppliers().timeout(),
                    http().sendAsync(ask, BodyHandlers.ofString())), TimeoutException.class);
            if (answer.statusCode() != 200) {
                return done(Offer.unavailable(supplier, "status " + answer.statusCode()));
            }
            return done(Offer.priced(supplier, product, Integer.parseInt(answer.body().strip())));
        } catch (TimeoutException late) {
            return done(Offer.timedOut(supplier, suppliers().timeout()));
        } catch (NumberFormatException notANumber) {
            return done(Offer.unavailable(supplier, "not a discount: " + notANumber.getMessage()));
        } catch (CancellationException cancelled) {
            events().offerCancelled(supplier);
            throw cancelled;
        } catch (RuntimeException bug) {
            throw bug;
        } catch (Exception failed) {
            return done(Offer.unavailable(supplier, failed instanceof IOException ? "I/O error" : failed.toString()));
        }
    }
}
