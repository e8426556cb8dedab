/**
 * R2DBC from coroutines: a query's rows read as an {@link io.yieldpoint.AsyncStream} with bounded
 * demand ({@code for (Order o : each(db.query(...)))}), so that a consumer that stops early stops
 * the query; updates and other single-result calls awaited as tasks.
 * {@link io.yieldpoint.examples.r2dbc.R2dbcDatabase} is the recipe,
 * {@link io.yieldpoint.examples.r2dbc.Orders} an example of its use; the tests run both on a
 * PostgreSQL server they start ({@code org.postgresql:r2dbc-postgresql}).
 */
@NullMarked
package io.yieldpoint.examples.r2dbc;

import org.jspecify.annotations.NullMarked;
