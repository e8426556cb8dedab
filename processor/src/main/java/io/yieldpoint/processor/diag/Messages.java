package io.yieldpoint.processor.diag;

/**
 * The text of every diagnostic, in one place. Each message names the subject, the rule, and the
 * fix.
 */
public final class Messages {

    private Messages() {}

    public static String notAnInterface(String method, String owner) {
        return "@Coroutine method " + method + " is declared in " + owner + ", which is not an interface;"
                + " coroutines are default methods of interfaces: move it into an interface and make it"
                + " 'default'";
    }

    public static String notDefault(String method, String what) {
        return "@Coroutine method " + method + " is " + what + "; a coroutine must be a default method"
                + " with a body: declare it 'default Task<T> " + method + "(...) { ... }'";
    }

    public static String returnType(String method, String actual) {
        return "@Coroutine method " + method + " returns " + actual + "; a coroutine returns"
                + " io.yieldpoint.Task<T> (finish with 'return done(value);'), io.yieldpoint.Generator<T>"
                + " or io.yieldpoint.AsyncStream<T> (finish with 'return end();'), with the type argument written out";
    }

    public static String inaccessibleInterface(String iface, String why) {
        return "interface " + iface + " is " + why + ", so the generated class cannot implement it;"
                + " make the interface at least package-private and a member of a top-level type";
    }

    public static String awaitInLambda(String call) {
        return call + "(...) cannot appear inside a lambda: the lambda runs later, outside the coroutine's"
                + " state machine, so it cannot suspend it; call " + call + " in the coroutine body and"
                + " pass the result to the lambda, or make the lambda's work a @Coroutine method";
    }

    public static String awaitInLocalClass(String call) {
        return call + "(...) cannot appear inside an anonymous or local class: its methods run outside the"
                + " coroutine's state machine; move the " + call + " into the coroutine body, or make the"
                + " method a @Coroutine method of an interface";
    }

    public static String awaitInSynchronized(String call) {
        return call + "(...) cannot appear inside a synchronized block: the monitor would be held across a"
                + " suspension, by whichever thread resumes; end the synchronized block before "
                + call + ", or use a suspending mutex";
    }

    public static String emitInTask(String method) {
        return "emit(...) produces values of a Generator or an AsyncStream, but " + method + " returns a Task;"
                + " return AsyncStream<T> (it may await too) or Generator<T> and finish with 'return end();',"
                + " or complete the task with 'return done(value);'";
    }

    public static String awaitInGenerator(String method) {
        return "await(...) cannot suspend a Generator: " + method + " is a synchronous generator whose"
                + " consumer pulls values on its own thread; return AsyncStream<T> to await between values"
                + " (its consumer awaits them too), or compute the values before emitting them";
    }

    public static String eachOutsideForEach() {
        return "each(...) reads an AsyncStream in a for-each loop only: write 'for (T x : each(stream)) { ... }'"
                + " (the loop awaits each value and closes the stream on every way out), or call"
                + " 'await(stream.toList())'";
    }

    public static String eachInGenerator(String method) {
        return "for (... : each(stream)) awaits each value, which a Generator cannot: " + method
                + " is a synchronous generator; return AsyncStream<T> to emit values of another stream";
    }

    public static String generatorReturn(String kind) {
        return "a " + kind + " coroutine finishes with 'return end();'; returning another expression is not"
                + " supported: emit its values in a loop, then 'return end();'";
    }

    public static String varAcrossYield(String name, String suggestion) {
        return "'var " + name + "' lives across a yield point, so it becomes a field of the state machine,"
                + " and its type cannot be written as a field type" + suggestion
                + "; declare it with an explicit type";
    }

    public static String notYetSupported(String what, String fix) {
        return what + " is not supported yet by this version of the processor; " + fix;
    }

    /** {@code Cursor} in a stream coroutine, meaning {@code meant}: the stream machine's own hides it. */
    public static String streamCursorHidden(String meant) {
        return notYetSupported("the type name Cursor in a coroutine returning AsyncStream (it means " + meant
                + " here, but AsyncStream.Cursor in the generated stream machine)",
                "write it qualified, " + meant + ", or rename the type");
    }

    public static String taskDiscarded(String call, boolean coroutine) {
        String effect = coroutine
                ? "the coroutine starts, but nothing awaits it: it is not finished when this one goes on, and its"
                        + " failure is seen by nobody"
                : call.startsWith("sleep") || call.startsWith("yieldNow")
                        ? "this statement does not wait: the task it makes is dropped, so it does nothing"
                        : "nothing waits for the task it makes, so this statement does not wait for its result";
        return "the task of " + call + " is discarded: " + effect + "; write await(" + call + "); to wait for it,"
                + " or keep the task (Task<?> task = " + call + ";) if it should run on its own;"
                + " @SuppressWarnings(\"YP-TaskDiscarded\") on the method silences this";
    }

    public static String plainMethodCallsCoroutine(String method, String coroutine, String iface) {
        return method + "() is a plain default method that calls the coroutine " + coroutine + "(...): the"
                + " generated class hands plain methods to the delegate, where " + coroutine + "(...) runs as plain"
                + " Java and its await blocks the thread (refused on an event loop); annotate " + method
                + "() with @Coroutine too (returning " + coroutine + "(...)'s task is a valid coroutine body), or"
                + " @SuppressWarnings(\"YP-PlainMethodCallsCoroutine\") if " + iface + " is never used through its"
                + " generated class";
    }

    public static String dslShadowed(String name, String iface) {
        return name + "(...) here calls the method " + name + " of " + iface + " (or of a type it extends), which"
                + " hides the static import of io.yieldpoint.Co." + name + ", so it is not a yield point; write"
                + " Co." + name + "(...) to mean the DSL, or rename the method";
    }

    public static String privateMember(String method, String iface) {
        return "the coroutine calls the private method " + method + "() of " + iface + ", which says " + iface
                + ".this or " + iface + ".super (itself, or in a private method it calls): the generated class that"
                + " runs the coroutine gets a copy of each private method it calls, and only the interface itself"
                + " can say those; write this instead of " + iface + ".this, or make " + method
                + "() a default method";
    }

    public static String superCall(String call) {
        return call + " cannot be called from the generated class that runs the coroutine (Java allows"
                + " X.super.m() only in a type that directly extends X); call it from a plain default method"
                + " and call that method here";
    }

    public static String factoryNameClash(String method, String iface) {
        return "the method " + method + "(...) of " + iface + " has the name of a factory that " + iface
                + "Coroutines must declare (create(), of(" + iface + ")); rename the method";
    }

    public static String localClassAcrossYield(String kind, String name) {
        return "the local " + kind + " " + name + " is declared before a yield point of its block, so the code after"
                + " the yield point (another state of the machine) cannot see it; declare it as a nested type"
                + " of the interface instead, or after the last yield point of the block (a local record, enum"
                + " or interface is moved into the machine for you, unless its name is used twice or"
                + " elsewhere in the method, or it calls a method of the interface unqualified; see"
                + " docs/diagnostics.md)";
    }

    public static String internal(Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        return "the Yieldpoint processor failed on this interface (a bug in Yieldpoint, not in your code): "
                + e + "; please report it with the interface's source. No class was generated for it."
                + "\n" + trace;
    }

    public static String option(String name, String value) {
        return "the processor option -A" + name + "=" + value + " is neither true nor false; write -A" + name
                + "=true or -A" + name + "=false (-A" + name + " alone means true)";
    }

    public static String debugEnvironment(String environment, boolean javacOwn) {
        return "yieldpoint.debug: processing environment " + environment
                + (javacOwn ? " (javac's own)" : ", a wrapper: javac's Trees reached through its delegate");
    }

    public static String debugGenerated(String iface, String generated, String methods, long micros) {
        return "yieldpoint.debug: " + iface + " -> " + generated + " in " + (micros / 1000) + "." + (micros % 1000 / 100)
                + " ms: " + methods;
    }

    public static String debugNotGenerated(String iface, int errors) {
        return "yieldpoint.debug: " + iface + ": no class generated, " + errors + " error(s) reported";
    }

    public static String noTrees(String environment) {
        return "the Yieldpoint processor needs javac's com.sun.source.util.Trees to read coroutine bodies,"
                + " but this compiler's processing environment (" + environment + ") is not javac's and"
                + " wraps none that the processor can reach (Eclipse's compiler, ECJ, has no Trees), so no"
                + " ...Coroutines classes were generated; compile the @Coroutine interfaces with javac"
                + " (the default compiler of Maven and Gradle; in the Eclipse IDE, let a Maven or Gradle build"
                + " generate the sources), or run javac with -proc:only once to generate them and compile"
                + " with -proc:none here; see docs/build-integration.md";
    }
}
