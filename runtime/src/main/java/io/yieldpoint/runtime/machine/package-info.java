/**
 * The generated-code ABI: the base classes that generated state machines extend
 * ({@link io.yieldpoint.runtime.machine.CoroutineMachine},
 * {@link io.yieldpoint.runtime.machine.GeneratorMachine}), the helpers generated code calls
 * ({@link io.yieldpoint.runtime.machine.MachineSupport}) and the registration of line tables
 * ({@link io.yieldpoint.runtime.machine.LineTables}, versioned).
 *
 * <p>Written against by the processor, not by people: what is public or protected here is what
 * generated code compiled today relies on, so it changes only together with the processor, and
 * the build runs the committed golden files' generated classes against it. A machine reaches its
 * event loop only through {@link io.yieldpoint.runtime.internal.CoroutineHost}: this package never
 * imports the loop.
 */
@NullMarked
package io.yieldpoint.runtime.machine;

import org.jspecify.annotations.NullMarked;
