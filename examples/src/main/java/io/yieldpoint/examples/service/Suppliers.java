package io.yieldpoint.examples.service;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the suppliers are and how long a quote waits for each: the simulated remote service answers
 * {@code GET /offer/{supplier}/{sku}} with the supplier's discount in percent ({@link #percentOff}).
 * Shared by the service and its virtual-thread twin, which ask the same remote the same way.
 *
 * @param base the remote service, {@code http://host:port}
 * @param count how many suppliers a quote asks, at once: {@code supplier-1} to {@code supplier-<count>}
 * @param timeout how long a quote waits for one supplier before it lists the fallback instead
 */
public record Suppliers(URI base, int count, Duration timeout) {

    /** Three suppliers, 200 ms each. */
    public static Suppliers at(URI base) {
        return new Suppliers(base, 3, Duration.ofMillis(200));
    }

    public Suppliers {
        if (count < 1) {
            throw new IllegalArgumentException("a quote asks at least one supplier, not " + count);
        }
    }

    /** The suppliers' names, in the order their lines appear. */
    public List<String> names() {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("supplier-" + i);
        }
        return names;
    }

    /** The call that asks {@code supplier} for its offer on {@code sku}. */
    public URI offerUri(String supplier, String sku) {
        return base.resolve("/offer/" + supplier + "/" + sku);
    }

    /** What the simulated supplier answers: a discount of 0 to 19 percent, the same for the same pair. */
    public static int percentOff(String supplier, String sku) {
        return Math.floorMod((supplier + "/" + sku).hashCode(), 20);
    }
}
