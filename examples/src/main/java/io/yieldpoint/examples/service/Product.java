package io.yieldpoint.examples.service;

/**
 * A row of the catalog.
 *
 * @param listCents the list price, in cents, before any supplier's discount
 */
public record Product(String sku, String name, long listCents) {

    /** The quote's first line: {@code sku-7 Widget 7: list price 12.34}. */
    public String line() {
        return sku + " " + name + ": list price " + Offer.money(listCents);
    }
}
