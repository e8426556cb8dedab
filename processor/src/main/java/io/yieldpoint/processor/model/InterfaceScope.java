package io.yieldpoint.processor.model;

import java.util.Map;
import java.util.Set;

/**
 * The names a coroutine body can call unqualified, which the generated machine must qualify: it is a
 * nested class of the generated class, not the interface, and it inherits members of its own.
 *
 * @param simpleName the interface's simple name, for {@code Fetcher.this} and static calls
 * @param instanceMethods methods of the interface callable on {@code this}
 * @param staticMethods static methods declared by the interface (not inherited by implementations)
 * @param privateMethods private methods of the interface that the generated class cannot call (they
 *     say {@code Iface.this} or {@code Iface.super}, themselves or through a helper they call)
 * @param privateCopies private instance methods copied into the generated class: called on {@code self}
 * @param privateStaticCopies private static methods copied into the generated class
 * @param generatedSimpleName the generated class's simple name, which qualifies calls of static copies
 * @param fields constants of the interface (and its superinterfaces)
 * @param staticImportOwners for a statically imported method whose name the machine's base classes
 *     also have ({@link #MACHINE_MEMBERS}): the class it is imported from
 * @param taskCoroutines the {@linkplain #callKey names and arities} under which the interface (with what
 *     it extends) declares only {@code @Coroutine} methods returning {@code Task}
 * @param suppressed the warning tags suppressed on the interface ({@code @SuppressWarnings})
 * @param awaitedTypes for a {@linkplain #callKey name and arity} under which the interface (with what
 *     it extends) declares only methods of its own file that return {@code Task<X>},
 *     {@code CompletionStage<X>} or {@code CompletableFuture<X>} with one {@code X} (no wildcard, no
 *     type parameter of the method, no varargs overload): the text of {@code X}, the type of
 *     {@code await(call)}
 * @param returnTypes likewise, the text of the return type every such method declares (not
 *     {@code void}): the type of the call
 */
public record InterfaceScope(
        String simpleName, Set<String> instanceMethods, Set<String> staticMethods, Set<String> privateMethods,
        Set<String> fields, Map<String, String> staticImportOwners, Set<String> taskCoroutines,
        Set<String> suppressed, Set<String> privateCopies, Set<String> privateStaticCopies,
        String generatedSimpleName, Map<String, String> awaitedTypes, Map<String, String> returnTypes) {

    /**
     * Methods of the machine base classes, which would hide a statically imported method; a test
     * ({@code MachineMembersTest}) checks that it covers them all.
     */
    public static final Set<String> MACHINE_MEMBERS = Set.of(
            "start", "run", "step", "onComplete", "suspendOn", "awaitResult", "returnValue", "returnTask",
            "onCancel", "completeValue", "completeExceptionally", "completeFrom", "afterCompletion", "of",
            "whenComplete", "isDone", "isCancelled", "isCompletedExceptionally", "resultNow", "exceptionNow",
            "join", "cancel", "toCompletableFuture", "iterator", "hasNext", "next", "emitValue", "finish",
            "close", "restart", "stream", "forEach", "spliterator", "forEachRemaining", "remove",
            "awaitInt", "awaitLong", "awaitDouble", "awaitFloat", "awaitShort", "awaitByte", "awaitChar",
            "awaitBoolean", "typed", "resumeAfterEmit", "cleansUpOnClose", "describe", "wait", "notify",
            "notifyAll", "getClass", "hashCode", "equals", "toString", "clone", "finalize",
            "abandon", "newestWaiter", "peekFailure", "hasUnobservedFailure", "unobservedFailure", "hasEnded",
            "whenEnded", "info", "runStep", "liveSlot", "confinedTo", "ownedByCallingThread", "suspendYield",
            "suspendInFinally", "completesAfterUnwinding", "watchUnobservedFailure", "unboxFirst",
            "open", "current", "toList", "take", "map");

    /**
     * The one member type a machine inherits that the runtime cannot move out of its base classes,
     * being user API: a stream machine is an {@code AsyncStream}, so {@code Cursor} means
     * {@code AsyncStream.Cursor} in it whatever the interface's file means by it.
     */
    public static final String STREAM_MACHINE_MEMBER_TYPE = "Cursor";

    /** Fields of the machine base classes that a body's unqualified name could mean by mistake. */
    public static final Set<String> MACHINE_FIELDS = Set.of("label");

    public InterfaceScope {
        instanceMethods = Set.copyOf(instanceMethods);
        staticMethods = Set.copyOf(staticMethods);
        privateMethods = Set.copyOf(privateMethods);
        fields = Set.copyOf(fields);
        staticImportOwners = Map.copyOf(staticImportOwners);
        taskCoroutines = Set.copyOf(taskCoroutines);
        suppressed = Set.copyOf(suppressed);
        privateCopies = Set.copyOf(privateCopies);
        privateStaticCopies = Set.copyOf(privateStaticCopies);
        awaitedTypes = Map.copyOf(awaitedTypes);
        returnTypes = Map.copyOf(returnTypes);
    }

    /** The warnings {@code @SuppressWarnings} names on {@code element}. */
    public static Set<String> suppressedOn(javax.lang.model.element.Element element) {
        SuppressWarnings s = element.getAnnotation(SuppressWarnings.class);
        return s == null ? Set.of() : Set.copyOf(java.util.Arrays.asList(s.value()));
    }

    /** How {@link #taskCoroutines} names a method: {@code name/arity}, what a call shows without types. */
    public static String callKey(String name, int arity) {
        return name + "/" + arity;
    }
}
