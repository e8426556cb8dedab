package io.yieldpoint.examples.paging;

import static io.yieldpoint.Co.*;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Paging through an API as an async stream. {@link #allProducts()} fetches a page, emits its items
 * one by one, and fetches the next page only when the consumer has taken them all and asks for
 * more; a consumer that stops early ({@link #firstMatching}) leaves the remaining pages unfetched,
 * and the stream's {@code finally} runs when it does.
 */
public interface Products {

    /** How long the simulated API takes for a page. */
    Duration latency();

    /** The page starting at {@code cursor}, as the simulated API computes it. */
    Page slice(String cursor);

    /** Where the stream logs how it ended. */
    void log(String line);

    /** The API call: a page, after its latency. */
    @Coroutine
    default Task<Page> page(String cursor) {
        await(sleep(latency()));
        return done(slice(cursor));
    }

    /** Every product, page after page, fetched as the consumer reads. */
    @Coroutine
    default AsyncStream<String> allProducts() {
        String cursor = "";
        int pages = 0;
        try {
            while (cursor != null) {
                Page page = await(page(cursor));
                pages++;
                for (String product : page.items()) {
                    emit(product);
                }
                cursor = page.next();
            }
        } finally {
            log("stream closed after " + pages + " pages");
        }
        return end();
    }

    /** The first {@code n} products containing {@code text}: reads only the pages that takes. */
    @Coroutine
    default Task<List<String>> firstMatching(String text, int n) {
        List<String> found = new ArrayList<>();
        if (n == 0) {
            return done(found);
        }
        for (String product : each(allProducts())) {
            if (product.contains(text)) {
                found.add(product);
                if (found.size() == n) {
                    break; // closes the stream: no further page is fetched
                }
            }
        }
        return done(found);
    }
}
