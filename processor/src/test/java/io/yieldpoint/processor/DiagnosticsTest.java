package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.yieldpoint.processor.diag.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the processor, pinned to its file, line and column: the user sees the error
 * where the problem is, never a broken generated file.
 */
class DiagnosticsTest {

    private static final Set<Tag> COVERED = EnumSet.noneOf(Tag.class);

    private static final String HEADER = """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Generator;
            import io.yieldpoint.Task;
            import java.util.function.Supplier;

            """;

    /** Compiles {@code body} (lines from 10 on) as demo.Bad and expects exactly one error. */
    private static void expectError(Tag tag, long line, long column, String body) {
        expectOne(Diagnostic.Kind.ERROR, tag, line, column, body);
    }

    /** Compiles {@code body} (lines from 10 on) as demo.Bad: it succeeds with exactly one warning of ours. */
    private static void expectWarning(Tag tag, long line, long column, String body) {
        expectOne(Diagnostic.Kind.WARNING, tag, line, column, body);
    }

    private static void expectOne(Diagnostic.Kind kind, Tag tag, long line, long column, String body) {
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Bad", HEADER + body);
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor()).compile(file);
        boolean error = kind == Diagnostic.Kind.ERROR;
        if (error) {
            assertThat(compilation).failed();
            assertThat(compilation).hadErrorContaining("[" + tag.text() + "]").inFile(file).onLine(line).atColumn(column);
        } else {
            assertThat(compilation).succeeded();
            assertThat(compilation).hadWarningContaining("[" + tag.text() + "]").inFile(file).onLine(line).atColumn(column);
        }
        var reported = error ? compilation.errors() : compilation.warnings();
        long ours = reported.stream().filter(d -> d.getMessage(null).startsWith("[YP-")).count();
        assertEquals(1, ours, () -> "one " + kind + " expected, got " + reported);
        COVERED.add(tag);
    }

    /** Compiles {@code body} as demo.Bad: it succeeds with no warning of ours. */
    private static void expectNoWarning(String body) {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Bad", HEADER + body));
        assertThat(compilation).succeeded();
        assertEquals(List.of(), compilation.warnings().stream().map(d -> d.getMessage(null))
                .filter(m -> m.startsWith("[YP-")).toList());
    }

    @Test
    void aSleepWithoutAwaitIsATaskDiscarded() {
        expectWarning(Tag.TASK_DISCARDED, 12, 14, """
                public interface Bad {
                    @Coroutine default Task<Integer> m() {
                        sleep(1000);
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void aCoroutineCallWithoutAwaitIsATaskDiscarded() {
        expectWarning(Tag.TASK_DISCARDED, 12, 19, """
                public interface Bad {
                    @Coroutine default Task<Integer> m() {
                        this.other(2);
                        return done(1);
                    }
                    @Coroutine default Task<Integer> other(int n) { return done(n); }
                }
                """);
    }

    @Test
    void theTaskDiscardedMessageSaysWhatHappensAndTheFix() {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Bad", HEADER + """
                        public interface Bad {
                            @Coroutine default Task<Integer> m(Task<Integer> a, Task<Integer> b) {
                                withTimeout(java.time.Duration.ofSeconds(1), a);
                                return done(1);
                            }
                        }
                        """));
        assertThat(compilation).hadWarningContaining("[YP-TaskDiscarded] the task of"
                + " withTimeout(java.time.Duration.ofSeconds(1), a) is discarded: nothing waits for the task it makes");
        assertThat(compilation).hadWarningContaining("write await(withTimeout(java.time.Duration.ofSeconds(1), a));");
    }

    @Test
    void noTaskDiscardedWhereTheTaskIsAwaitedKeptOrTheWarningSuppressed() {
        expectNoWarning("""
                public interface Bad {
                    Task<Integer> fetch();                        // not a coroutine: not ours to judge
                    @Coroutine default Task<Integer> m() {
                        await(sleep(1));
                        Task<Void> kept = sleep(1);
                        Task<Integer> running = other(1);
                        fetch();
                        Runnable r = () -> sleep(1);              // a lambda's body: not this coroutine's
                        return done(await(running));
                    }
                    @SuppressWarnings("YP-TaskDiscarded")
                    @Coroutine default Task<Integer> fireAndForget() {
                        other(2);
                        return done(0);
                    }
                    @Coroutine default Task<Integer> other(int n) { return done(n); }
                }
                """);
        expectNoWarning("""
                @SuppressWarnings("YP-TaskDiscarded")
                public interface Bad {
                    @Coroutine default Task<Integer> m() {
                        yieldNow();
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void aPlainDefaultMethodCallingACoroutineIsWarnedOf() {
        expectWarning(Tag.PLAIN_METHOD_CALLS_COROUTINE, 13, 21, """
                public interface Bad {
                    String vendor();
                    default Task<Integer> price(String sku) {
                        return price(sku, vendor());
                    }
                    @Coroutine default Task<Integer> price(String sku, String vendor) {
                        await(yieldNow());
                        return done(sku.length() + vendor.length());
                    }
                }
                """);
    }

    @Test
    void noPlainMethodWarningWhenSuppressedOrWhenTheCallIsNotTheInterfaces() {
        expectNoWarning("""
                public interface Bad {
                    @SuppressWarnings("YP-PlainMethodCallsCoroutine")
                    default Task<Integer> viaPlain() { return twice(1); }
                    default Object other(Bad elsewhere) { return elsewhere.twice(2); }   // another instance's
                    default Runnable local() {
                        return new Runnable() {
                            public void run() { twice(3); }                       // the class's own, not Bad's
                            Task<Integer> twice(int n) { return null; }
                        };
                    }
                    @Coroutine default Task<Integer> twice(int n) { return done(2 * n); }
                }
                """);
    }

    @Test
    void awaitInLambda() {
        expectError(Tag.AWAIT_IN_LAMBDA, 12, 37, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        Supplier<Integer> s = () -> await(t);
                        return done(s.get());
                    }
                }
                """);
    }

    @Test
    void awaitInAnonymousClass() {
        expectError(Tag.AWAIT_IN_LOCAL_CLASS, 13, 53, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        Supplier<Integer> s = new Supplier<>() {
                            @Override public Integer get() { return await(t); }
                        };
                        return done(s.get());
                    }
                }
                """);
    }

    @Test
    void awaitInSynchronized() {
        expectError(Tag.AWAIT_IN_SYNCHRONIZED, 13, 13, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        synchronized (this) {
                            await(t);
                        }
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void emitInTask() {
        expectError(Tag.EMIT_IN_TASK, 12, 9, """
                public interface Bad {
                    @Coroutine default Task<Integer> m() {
                        emit(1);
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void awaitInGenerator() {
        expectError(Tag.AWAIT_IN_GENERATOR, 12, 17, """
                public interface Bad {
                    @Coroutine default Generator<Integer> m(Task<Integer> t) {
                        int v = await(t);
                        emit(v);
                        return end();
                    }
                }
                """);
    }

    @Test
    void generatorReturningSomethingElse() {
        expectError(Tag.GENERATOR_RETURN, 13, 9, """
                public interface Bad {
                    @Coroutine default Generator<Integer> m(Generator<Integer> other) {
                        emit(1);
                        return other;
                    }
                }
                """);
    }

    @Test
    void asyncStreamReturningSomethingElse() {
        expectError(Tag.GENERATOR_RETURN, 13, 9, """
                public interface Bad {
                    @Coroutine default io.yieldpoint.AsyncStream<Integer> m(io.yieldpoint.AsyncStream<Integer> other) {
                        emit(await(sleep(1)) == null ? 1 : 2);
                        return other;
                    }
                }
                """);
    }

    @Test
    void anAsyncStreamMayAwaitAndEmitAndReadAnotherStream() {
        expectNoWarning("""
                public interface Bad {
                    @Coroutine default io.yieldpoint.AsyncStream<Integer> m(io.yieldpoint.AsyncStream<Integer> other) {
                        for (int x : each(other)) {
                            await(sleep(x));
                            emit(x);
                        }
                        return end();
                    }
                }
                """);
    }

    @Test
    void eachOutsideAForEachHeader() {
        expectError(Tag.EACH_OUTSIDE_FOR_EACH, 12, 33, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(io.yieldpoint.AsyncStream<Integer> s) {
                        Iterable<Integer> all = each(s);
                        return done(all.hashCode());
                    }
                }
                """);
    }

    @Test
    void eachInAGenerator() {
        expectError(Tag.EACH_IN_GENERATOR, 12, 22, """
                public interface Bad {
                    @Coroutine default Generator<Integer> m(io.yieldpoint.AsyncStream<Integer> s) {
                        for (int x : each(s)) {
                            emit(x);
                        }
                        return end();
                    }
                }
                """);
    }

    @Test
    void varWithAnonymousTypeAcrossYield() {
        expectError(Tag.VAR_ACROSS_YIELD, 12, 13, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        var counter = new Object() { int count; };
                        await(t);
                        counter.count++;
                        return done(counter.count);
                    }
                }
                """);
    }

    @Test
    void patternVariableAcrossAYieldPointLivesInAField() {
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Fine", HEADER + """
                public interface Fine {
                    @Coroutine default Task<Integer> m(Task<Integer> t, Object o) {
                        if (o instanceof String s) {
                            await(t);
                            return done(s.length());
                        }
                        return done(0);
                    }
                }
                """);
        assertThat(Compiler.javac().withProcessors(new CoroutineProcessor()).compile(file)).succeededWithoutWarnings();
    }

    @Test
    void anAwaitInACaseGuard() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "guards are Java 21");
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Bad", HEADER + """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Boolean> t, Object o) {
                        switch (o) {
                            case String s when await(t) -> { return done(s.length()); }
                            default -> { return done(0); }
                        }
                    }
                }
                """);
        Compilation compilation = Compiler.javac().withOptions("--release", "21")
                .withProcessors(new CoroutineProcessor()).compile(file);
        assertThat(compilation).hadErrorContaining("await(...) in a case's guard is not supported yet");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aSecondArgumentOfAwaitThatIsNotAClassLiteral() {
        expectError(Tag.NOT_YET_SUPPORTED, 12, 26, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t, Class<java.io.IOException> c) throws java.io.IOException {
                        int v = await(t, c);
                        return done(v);
                    }
                }
                """);
    }

    @Test
    void aClassLiteralAsTheSecondArgumentOfAwaitLetsACheckedCatchCompile() {
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Good", HEADER + """
                public interface Good {
                    @Coroutine default Task<String> m(Task<String> t) {
                        try {
                            return done(await(withTimeout(java.time.Duration.ofSeconds(1), t), java.util.concurrent.TimeoutException.class));
                        } catch (java.util.concurrent.TimeoutException e) {
                            return done("timed out");
                        }
                    }
                }
                """);
        assertThat(Compiler.javac().withProcessors(new CoroutineProcessor()).compile(file)).succeededWithoutWarnings();
    }

    @Test
    void qualifiedAwaitInsideAnAssert() {
        expectError(Tag.NOT_YET_SUPPORTED, 11, 82, // javac points a qualified call at the dot: ".await"
                """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) { assert io.yieldpoint.Co.await(t) > 0; return done(1); }
                }
                """);
    }

    @Test
    void dslNameShadowedByAnInterfaceMethod() {
        expectError(Tag.DSL_SHADOWED, 12, 17, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        int v = await(t);
                        return done(v);
                    }

                    default int await(Task<Integer> t) { return 0; }
                }
                """);
    }

    @Test
    void switchExpressionArmsAreLowered() {
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Fine", HEADER.replace("package demo;", "package demo;") + """
                public interface Fine {
                    @Coroutine default Task<Integer> m(Task<Integer> t, int n) {
                        int v = switch (n) { case 1 -> await(t); default -> { int w = await(t); yield w + 1; } };
                        return done(v);
                    }
                }
                """);
        assertThat(Compiler.javac().withProcessors(new CoroutineProcessor()).compile(file)).succeededWithoutWarnings();
    }

    @Test
    void privateInterfaceMethodThatOnlyTheInterfaceCanRun() {
        // secret() names Bad.this, which its copy in the generated class could not; outer() calls it.
        expectError(Tag.PRIVATE_MEMBER, 12, 17, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        int v = outer(await(t));
                        return done(v);
                    }

                    private int outer(int v) { return secret(v) + 1; }
                    private int secret(int v) { return Bad.this.hashCode() * 0 + v; }
                }
                """);
    }

    @Test
    void privateInterfaceMethodsAreCopiedIntoTheGeneratedClass() throws java.io.IOException {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Helped", HEADER + """
                        public interface Helped {
                            int base();
                            @Coroutine default Task<Integer> m(Task<Integer> t) {
                                int v = twice(await(t)) + this.plusBase(1);
                                return done(square(v));
                            }
                            private int twice(int v) { return 2 * v; }
                            private int plusBase(int v) { return v + base(); }
                            private static int square(int v) { return v * v; }
                        }
                        """));
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation.generatedSourceFile("demo.HelpedCoroutines").orElseThrow()
                .getCharContent(true).toString();
        assertThat(compilation).generatedSourceFile("demo.HelpedCoroutines").contentsAsUtf8String()
                .contains("private static int square(int v) { return v * v; }");
        assertEquals(true, generated.contains("self.twice(") && generated.contains("self.plusBase(")
                && generated.contains("HelpedCoroutines.square("), generated);
    }

    @Test
    void superInterfaceCall() {
        expectError(Tag.SUPER_CALL, 12, 25, """
                public interface Bad extends Base {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        return done(Base.super.code() + await(t));
                    }
                }

                interface Base {
                    default int code() { return 1; }
                }
                """);
    }

    @Test
    void factoryNameClash() {
        expectError(Tag.FACTORY_NAME_CLASH, 15, 17, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        return done(await(t));
                    }

                    default Bad create() { return this; }
                }
                """);
    }

    @Test
    void localClassBeforeAYieldPoint() {
        // A class (not a record, enum or interface) may capture locals: it cannot move.
        expectError(Tag.LOCAL_CLASS_ACROSS_YIELD, 12, 9, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        class Point { final int x; Point(int x) { this.x = x; } }
                        int v = await(t);
                        return done(new Point(v).x);
                    }
                }
                """);
    }

    @Test
    void aLocalRecordThatCallsWhatTheMachineWouldHide() {
        // Nested in the machine, start() would mean the machine's own start(): the record stays.
        expectError(Tag.LOCAL_CLASS_ACROSS_YIELD, 12, 9, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        record Point(int x) { int shifted() { return x + start(); } }
                        int v = await(t);
                        return done(new Point(v).shifted());
                    }

                    static int start() { return 1; }
                }
                """);
    }

    @Test
    void aLocalRecordThatCallsAStaticMethodOfTheInterface() {
        // The generated class does not inherit the interface's static methods.
        expectError(Tag.LOCAL_CLASS_ACROSS_YIELD, 12, 9, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t) {
                        record Point(int x) { int scaled() { return scale(x); } }
                        int v = await(t);
                        return done(new Point(v).scaled());
                    }

                    static int scale(int x) { return 2 * x; }
                }
                """);
    }

    @Test
    void localClassInASwitchGroupBeforeALaterGroupsYieldPoint() {
        // Its scope is the rest of the switch block: the later group's await ends its reach.
        expectError(Tag.LOCAL_CLASS_ACROSS_YIELD, 14, 17, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t, int n) {
                        switch (n) {
                            case 1:
                                class Point { final int x; Point(int x) { this.x = x; } }
                                return done(new Point(1).x);
                            default:
                                return done(await(t));
                        }
                    }
                }
                """);
    }

    @Test
    void localRecordsOfOneNameBeforeYieldPoints() {
        // Records move to the machine as nested types, unless two of them share a name.
        expectError(Tag.LOCAL_CLASS_ACROSS_YIELD, 13, 13, """
                public interface Bad {
                    @Coroutine default Task<Integer> m(Task<Integer> t, boolean b) {
                        if (b) {
                            record Point(int x) { }
                            int v = await(t);
                            return done(new Point(v).x());
                        } else {
                            int v = await(t);
                            record Point(long x) { }
                            return done((int) new Point(v).x());
                        }
                    }
                }
                """);
    }

    @Test
    void notAnInterface() {
        expectError(Tag.NOT_AN_INTERFACE, 11, 30, """
                public abstract class Bad {
                    @Coroutine Task<Integer> m() {
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void abstractMethod() {
        expectError(Tag.NOT_DEFAULT, 11, 30, """
                public interface Bad {
                    @Coroutine Task<Integer> m();
                }
                """);
    }

    @Test
    void staticMethod() {
        expectError(Tag.NOT_DEFAULT, 11, 37, """
                public interface Bad {
                    @Coroutine static Task<Integer> m() {
                        return done(1);
                    }
                }
                """);
    }

    @Test
    void wrongReturnType() {
        expectError(Tag.RETURN_TYPE, 11, 32, """
                public interface Bad {
                    @Coroutine default Integer m() {
                        return 1;
                    }
                }
                """);
    }

    @Test
    void privateNestedInterface() {
        expectError(Tag.INACCESSIBLE_INTERFACE, 12, 42, """
                public class Bad {
                    private interface Hidden {
                        @Coroutine default Task<Integer> m() {
                            return done(1);
                        }
                    }
                }
                """);
    }

    @Test
    void compilerWithoutTrees() {
        var messages = NoTreesEnvironment.run(new CoroutineProcessor());
        assertEquals(1, messages.size(), messages::toString);
        assertEquals(Diagnostic.Kind.ERROR, messages.get(0).kind());
        assertTrue(messages.get(0).text().startsWith("[YP-NoTrees] "), messages::toString);
        assertTrue(messages.get(0).text().contains(NoTreesEnvironment.class.getName()), "names the environment");
        COVERED.add(Tag.NO_TREES);
    }

    @Test
    void optionValueNeitherTrueNorFalse() {
        JavaFileObject file = JavaFileObjects.forSourceString("demo.Good", HEADER + """
                public interface Good {
                    @Coroutine default Task<Integer> m() {
                        return done(1);
                    }
                }
                """);
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .withOptions("-Ayieldpoint.lineComments=no").compile(file);
        assertThat(compilation).failed();
        assertEquals(1, compilation.errors().size(), () -> compilation.errors().toString());
        assertThat(compilation).hadErrorContaining("[YP-Option] the processor option -Ayieldpoint.lineComments=no is"
                + " neither true nor false");
        COVERED.add(Tag.OPTION);
    }

    @AfterAll
    static void everyTagIsTested() {
        // YP-Internal reports a bug of the processor itself; no correct input produces it.
        assertEquals(EnumSet.complementOf(EnumSet.of(Tag.INTERNAL)), COVERED, "every diagnostic tag has a pinned test");
    }
}
