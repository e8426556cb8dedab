package io.yieldpoint.examples.paging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of {@link Products}, simulated: a product list served {@code pageSize} at a
 * time, each page after {@code latency}; the cursor of the next page is the index of its first
 * product. It counts the pages it served, and logs when a reader stops, so that a test can see how
 * far a consumer read.
 */
public final class SimulatedCatalog implements Products {

    private final List<String> products;
    private final int pageSize;
    private final Duration latency;
    private final List<String> log = new ArrayList<>();
    private int pagesServed;

    public SimulatedCatalog(List<String> products, int pageSize, Duration latency) {
        this.products = List.copyOf(products);
        this.pageSize = pageSize;
        this.latency = latency;
    }

    @Override
    public Duration latency() {
        return latency;
    }

    @Override
    public Page slice(String cursor) {
        int from = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
        int to = Math.min(products.size(), from + pageSize);
        pagesServed++;
        return new Page(new ArrayList<>(products.subList(from, to)), to < products.size() ? Integer.toString(to) : null);
    }

    @Override
    public void log(String line) {
        log.add(line);
    }

    /** How many pages were served so far. */
    public int pagesServed() {
        return pagesServed;
    }

    /** What the readers logged. */
    public List<String> logged() {
        return List.copyOf(log);
    }
}
