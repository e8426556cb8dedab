/**
 * One example service that puts the pieces together: {@code GET /quote/{sku}} on an event-loop
 * group reads the product from a database (JDBC on the blocking pool), asks several suppliers (a
 * simulated remote service over HTTP) for an offer at once, each call bounded by a timeout with a
 * fallback, and streams the quote line by line as the offers come in (chunked transfer encoding of
 * an async stream). A client that leaves cancels the calls still in flight. See docs/service.md.
 *
 * <p>{@link io.yieldpoint.examples.service.QuoteServer} runs it; {@link
 * io.yieldpoint.examples.service.SupplierServer} runs the simulated suppliers on their own.
 */
@NullMarked
package io.yieldpoint.examples.service;

import org.jspecify.annotations.NullMarked;
