package io.yieldpoint.runtime;

/**
 * A snapshot of a dispatcher's counters, for dashboards and for tests.
 *
 * @param name the dispatcher's name
 * @param queued steps waiting to run (submitted, not started)
 * @param running threads running a step now (0 or 1 for an event loop)
 * @param timers timers scheduled and not yet fired (cancelled ones not yet dropped included)
 * @param liveCoroutines coroutines started there whose body has not ended
 * @param stepsRun steps run (or, on a pool, started) since the dispatcher started
 */
public record DispatcherMetrics(String name, int queued, int running, int timers, int liveCoroutines, long stepsRun) {}
