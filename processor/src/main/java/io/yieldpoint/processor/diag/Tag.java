package io.yieldpoint.processor.diag;

/**
 * The stable tag of each diagnostic the processor reports. A tag never changes meaning; each has a
 * section in {@code docs/diagnostics.md}.
 */
public enum Tag {
    /** {@code @Coroutine} on a method that is not in an interface. */
    NOT_AN_INTERFACE("YP-NotAnInterface"),
    /** {@code @Coroutine} on an abstract, static or private interface method. */
    NOT_DEFAULT("YP-NotDefault"),
    /** A {@code @Coroutine} method returning something other than {@code Task<T>}/{@code Generator<T>}. */
    RETURN_TYPE("YP-ReturnType"),
    /** The generated class could not implement the interface (private or local interface). */
    INACCESSIBLE_INTERFACE("YP-InaccessibleInterface"),
    /** A processor option ({@code -Ayieldpoint.x=...}) with a value the processor does not accept. */
    OPTION("YP-Option"),
    /** A yield point inside a lambda body. */
    AWAIT_IN_LAMBDA("YP-AwaitInLambda"),
    /** A yield point inside an anonymous or local class. */
    AWAIT_IN_LOCAL_CLASS("YP-AwaitInLocalClass"),
    /** A yield point inside a {@code synchronized} block. */
    AWAIT_IN_SYNCHRONIZED("YP-AwaitInSynchronized"),
    /** {@code emit} in a {@code Task} coroutine. */
    EMIT_IN_TASK("YP-EmitInTask"),
    /** {@code await} in a {@code Generator} coroutine. */
    AWAIT_IN_GENERATOR("YP-AwaitInGenerator"),
    /** A generator or async stream returning something other than {@code end()}. */
    GENERATOR_RETURN("YP-GeneratorReturn"),
    /** {@code each(stream)} in a coroutine, anywhere but as the expression of a for-each loop. */
    EACH_OUTSIDE_FOR_EACH("YP-EachOutsideForEach"),
    /** A for-each loop over {@code each(stream)} in a {@code Generator} coroutine, which cannot await. */
    EACH_IN_GENERATOR("YP-EachInGenerator"),
    /** A {@code var} local whose type cannot be written down lives across a yield point. */
    VAR_ACROSS_YIELD("YP-VarAcrossYield"),
    /** An unqualified DSL call that an interface's own method of that name hides. */
    DSL_SHADOWED("YP-DslShadowed"),
    /** A call of a private interface method, which the generated class cannot reach. */
    PRIVATE_MEMBER("YP-PrivateMember"),
    /** {@code Base.super.m()} in a coroutine body, which the generated class cannot make. */
    SUPER_CALL("YP-SuperCall"),
    /** An interface method named like a generated factory. */
    FACTORY_NAME_CLASH("YP-FactoryNameClash"),
    /** A local class declared before a yield point of its block. */
    LOCAL_CLASS_ACROSS_YIELD("YP-LocalClassAcrossYield"),
    /** A warning: a statement that makes a task and drops it, so nothing waits for it. */
    TASK_DISCARDED("YP-TaskDiscarded"),
    /** A warning: a plain default method calls a coroutine of its interface (the of(delegate) trap). */
    PLAIN_METHOD_CALLS_COROUTINE("YP-PlainMethodCallsCoroutine"),
    /** A construct around a yield point that this version does not lower yet. */
    NOT_YET_SUPPORTED("YP-NotYetSupported"),
    /** The processor failed on this interface: a bug of Yieldpoint's, reported instead of a crash. */
    INTERNAL("YP-Internal"),
    /** The compiler offers no {@code com.sun.source.util.Trees}, so bodies cannot be read. */
    NO_TREES("YP-NoTrees");

    private final String text;

    Tag(String text) {
        this.text = text;
    }

    /** The tag as printed in brackets at the start of a message, e.g. {@code YP-AwaitInLambda}. */
    public String text() {
        return text;
    }
}
