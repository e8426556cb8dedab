package io.yieldpoint.runtime.debug;

/**
 * A coroutine that can describe itself for a dump: what the debug tools need of the generated-code
 * ABI's machines, so that this package does not depend on them.
 */
public interface Inspectable {

    /** This coroutine as a dump entry, in the user's terms where the processor left line tables. */
    CoroutineInfo info();
}
