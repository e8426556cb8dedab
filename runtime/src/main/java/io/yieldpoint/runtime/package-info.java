/**
 * The runtime's user API: {@link io.yieldpoint.runtime.EventLoop} (run coroutines on a loop, like
 * {@code asyncio.run}), {@link io.yieldpoint.runtime.Dispatch} and {@link io.yieldpoint.runtime.Pool}
 * (move work between threads), {@link io.yieldpoint.runtime.TaskGroup} (structured concurrency),
 * {@link io.yieldpoint.runtime.CoroutineLocal} and {@link io.yieldpoint.runtime.ResumeHook}
 * (context that follows a coroutine), {@link io.yieldpoint.runtime.Cancellation}.
 *
 * <h2>The runtime's packages, by audience</h2>
 * <table>
 *   <caption>packages of yieldpoint-runtime</caption>
 *   <tr><th>package</th><th>for</th></tr>
 *   <tr><td>{@code io.yieldpoint.runtime}</td><td>users: this package</td></tr>
 *   <tr><td>{@code io.yieldpoint.runtime.sync}, {@code .net}, {@code .io}</td><td>users: channels,
 *       mutexes and select; sockets; files and DNS off the loop</td></tr>
 *   <tr><td>{@code io.yieldpoint.runtime.debug}</td><td>tools and people: the coroutine dump, its
 *       MXBean, stack traces in the user's terms</td></tr>
 *   <tr><td>{@code io.yieldpoint.runtime.machine}</td><td>generated code only: the state-machine
 *       base classes (the generated-code ABI)</td></tr>
 *   <tr><td>{@code io.yieldpoint.runtime.internal}</td><td>the runtime itself: the loop's engine,
 *       timers, live lists, context storage</td></tr>
 * </table>
 * Imports go one way: this package may use {@code machine}, {@code debug} and {@code internal};
 * {@code machine} may use {@code debug} and {@code internal}; {@code debug} may use
 * {@code internal}; {@code internal} uses none of them. A test of the build checks it. The
 * virtual-time loop for tests is the separate artifact {@code yieldpoint-test}.
 */
@NullMarked
package io.yieldpoint.runtime;

import org.jspecify.annotations.NullMarked;
