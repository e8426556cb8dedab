package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Reads typed from the interface's declarations ({@code this.<X>awaitResult()}, casts) write a type
 * as text into the generated machine, where a name can mean another type than in the interface.
 * Where it could, the read keeps its witness, and the generated code compiles.
 */
class TypeTextsTest {

    private static Compilation compile(JavaFileObject... sources) {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor()).compile(sources);
        assertThat(compilation).succeeded();
        return compilation;
    }

    private static String generated(Compilation compilation, String name) {
        try {
            return compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, name).orElseThrow()
                    .getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCursorOfTheUsersInAStreamCoroutineIsNotTheStreamsCursor() {
        String text = generated(compile(JavaFileObjects.forSourceString("demo.Pages", """
                package demo;

                import static io.yieldpoint.Co.*;

                import io.yieldpoint.AsyncStream;
                import io.yieldpoint.Coroutine;
                import io.yieldpoint.Task;

                public interface Pages {
                    record Cursor(String token) {}

                    @Coroutine
                    default Task<Cursor> first() {
                        await(yieldNow());
                        return done(new Cursor("t"));
                    }

                    @Coroutine
                    default AsyncStream<String> pages() {
                        String t = "<" + await(first()).token();
                        emit(t);
                        return end();
                    }
                }
                """)), "demo/PagesCoroutines.java");
        assertFalse(text.contains("<Cursor>awaitResult"), text);
    }

    /**
     * The generated class of a nested interface is top-level: the enclosing class's member types
     * reach it through an on-demand static import only, which a type of the package hides (and
     * private ones not at all), so their names are not written from the declarations.
     */
    @Test
    void aNestedInterfacesDeclarationsAreNotReadForTypes() {
        String text = generated(compile(JavaFileObjects.forSourceString("demo.Api", """
                package demo;

                import static io.yieldpoint.Co.*;

                import io.yieldpoint.Coroutine;
                import io.yieldpoint.Task;

                public class Api {
                    public static final class Node {
                        public int id = 4;
                    }

                    public interface Client {
                        @Coroutine
                        default Task<Node> node() {
                            await(yieldNow());
                            return done(new Node());
                        }

                        @Coroutine
                        default Task<Integer> f(Task<Integer> t) {
                            return done(await(node()).id + await(t));
                        }
                    }
                }
                """)), "demo/Api_ClientCoroutines.java");
        assertFalse(text.contains("<Node>awaitResult"), text);
    }

    @Test
    void aStringTypeOfTheUsersPackageIsNotAConcatenation() {
        String text = generated(compile(
                JavaFileObjects.forSourceString("demo.String", "package demo;\n\npublic class String {}\n"),
                JavaFileObjects.forSourceString("demo.Texts", """
                package demo;

                import static io.yieldpoint.Co.*;

                import io.yieldpoint.Coroutine;
                import io.yieldpoint.Task;

                public interface Texts {
                    @Coroutine
                    default Task<Integer> n() {
                        await(yieldNow());
                        return done(3);
                    }

                    default int size(Object o) {
                        return o.toString().length();
                    }

                    default int count() {
                        return 1;
                    }

                    @Coroutine
                    default Task<Integer> concatenated() {
                        return done(size("a" + count() + await(n())));
                    }
                }
                """)), "demo/TextsCoroutines.java");
        assertFalse(text.contains("(String)"), text);
        assertTrue(text.contains("((java.lang.String) spill1)"), text);
    }

    @Test
    void aCursorOfTheUsersNamedInAStreamCoroutineIsReportedWithTheFix() {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Feed", """
                package demo;

                import static io.yieldpoint.Co.*;

                import io.yieldpoint.AsyncStream;
                import io.yieldpoint.Coroutine;
                import io.yieldpoint.Task;

                public interface Feed {
                    record Cursor(String after) {}

                    @Coroutine
                    default Task<Cursor> next(Cursor c) {
                        await(yieldNow());
                        return done(new Cursor(c.after() + "+"));
                    }

                    @Coroutine
                    default AsyncStream<String> pages() {
                        Cursor c = new Cursor("");
                        for (int i = 0; i < 2; i++) {
                            c = await(next(c));
                            emit(c.after());
                        }
                        return end();
                    }
                }
                """));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[YP-NotYetSupported] the type name Cursor in a coroutine returning"
                + " AsyncStream (it means demo.Feed.Cursor here, but AsyncStream.Cursor in the generated stream machine)")
                .inFile(compilation.sourceFiles().get(0)).onLine(20);
        assertThat(compilation).hadErrorContaining("write it qualified, demo.Feed.Cursor, or rename the type");
    }
}
