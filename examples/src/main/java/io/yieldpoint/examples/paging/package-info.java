/**
 * Paging through an API as an async stream: {@link io.yieldpoint.examples.paging.Products} reads a
 * simulated catalog page by page, lazily, and its consumers stop it early.
 */
@NullMarked
package io.yieldpoint.examples.paging;

import org.jspecify.annotations.NullMarked;
