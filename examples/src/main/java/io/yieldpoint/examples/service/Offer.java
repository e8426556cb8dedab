package io.yieldpoint.examples.service;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One supplier's answer to a quote: a price, or why there is none (the supplier did not answer in
 * time, or failed). A quote lists one offer per supplier either way.
 *
 * @param cents the price offered, or -1 if there is none
 * @param note what the line says besides the price: the discount, or why there is no price
 */
public record Offer(String supplier, long cents, String note) {

    /** The price of {@code product} at the supplier's discount of {@code percentOff}. */
    public static Offer priced(String supplier, Product product, int percentOff) {
        return new Offer(supplier, product.listCents() * (100 - percentOff) / 100, percentOff + "% off");
    }

    /** The fallback of a supplier that did not answer within {@code timeout}. */
    public static Offer timedOut(String supplier, Duration timeout) {
        return new Offer(supplier, -1, "no answer within " + timeout.toMillis() + " ms");
    }

    /** The fallback of a supplier whose call failed. */
    public static Offer unavailable(String supplier, String why) {
        return new Offer(supplier, -1, "unavailable (" + why + ")");
    }

    /** Whether there is a price. */
    public boolean priced() {
        return cents >= 0;
    }

    /** The quote's line for it: {@code supplier-1: 11.90 (7% off)}, or {@code supplier-2: no answer within 200 ms}. */
    public String line() {
        return supplier + ": " + (priced() ? money(cents) + " (" + note + ")" : note);
    }

    /** The cheaper of {@code best} (null: none yet) and {@code offer}; offers without a price never win. */
    public static @Nullable Offer better(@Nullable Offer best, Offer offer) {
        if (!offer.priced()) {
            return best;
        }
        return best == null || offer.cents < best.cents ? offer : best;
    }

    /** The quote's last line. */
    public static String summary(@Nullable Offer best) {
        return best == null ? "best: no supplier offered a price" : "best: " + best.supplier + " at " + money(best.cents);
    }

    /** Cents as {@code 12.34}. */
    static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
