package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor options, {@code -Ayieldpoint.lineComments} and {@code -Ayieldpoint.debug}: what each
 * changes, and that javac (with {@code -Xlint:all}) does not warn about either as unrecognized.
 */
class ProcessorOptionsTest {

    private static final JavaFileObject FETCHER = JavaFileObjects.forSourceString("demo.Fetcher", """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;

            public interface Fetcher {
                @Coroutine
                default Task<Integer> fetch(int n) {
                    int base = n * 2;
                    await(sleep(1));
                    for (int i = 0; i < 2; i++) {
                        base += await(yieldNow()) == null ? 1 : 0;
                    }
                    return done(base);
                }
            }
            """);

    private static final JavaFileObject BROKEN = JavaFileObjects.forSourceString("demo.Broken", """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;
            import java.util.function.Supplier;

            public interface Broken {
                @Coroutine
                default Task<Integer> bad(Task<Integer> t) {
                    Supplier<Integer> s = () -> await(t);
                    return done(s.get());
                }
            }
            """);

    /** A {@code // Fetcher.java:12} line of the generated step() method. */
    private static final String LINE_COMMENT = "^\\s*// Fetcher\\.java:\\d+$";

    @Test
    void lineCommentsAreOnByDefault() {
        String generated = generated(compile());
        assertTrue(generated.lines().anyMatch(l -> l.matches(LINE_COMMENT)), generated);
        assertEquals(generated, generated(compile("-Ayieldpoint.lineComments=true")));
        assertEquals(generated, generated(compile("-Ayieldpoint.lineComments")));
    }

    @Test
    void lineCommentsFalseRemovesExactlyTheLineComments() {
        String with = generated(compile());
        String without = generated(compile("-Ayieldpoint.lineComments=false"));
        assertNotEquals(with, without);
        // The line tables at the end map generated lines, which moved: compared apart.
        String expected = withoutLineTables(with).lines().filter(l -> !l.matches(LINE_COMMENT))
                .collect(Collectors.joining("\n", "", "\n"));
        assertEquals(expected, withoutLineTables(without));
        assertTrue(without.contains("(Fetcher.java:"), "the states' Javadoc keeps its locations");
        assertTrue(without.contains("LineTables.register("), "the line tables are still written, from the states");
    }

    /** {@code text} without the static block of line tables that ends a generated file. */
    private static String withoutLineTables(String text) {
        int at = text.indexOf("\n    static {\n        // Where the lines");
        assertTrue(at > 0, text);
        return text.substring(0, at) + "\n}\n";
    }

    @Test
    void debugNotesWhatWasGeneratedAndTheEnvironment() {
        Compilation compilation = compile("-Ayieldpoint.debug");
        List<String> notes = notes(compilation);
        assertEquals(2, notes.size(), notes::toString);
        assertEquals("yieldpoint.debug: processing environment com.sun.tools.javac.processing.JavacProcessingEnvironment"
                + " (javac's own)", notes.get(0));
        assertTrue(notes.get(1).matches("yieldpoint\\.debug: demo\\.Fetcher -> demo\\.FetcherCoroutines in \\d+\\.\\d ms:"
                + " fetch\\(\\) \\d+ states, lifted locals base, i"), notes.get(1));
        Diagnostic<? extends JavaFileObject> atInterface = compilation.notes().stream()
                .filter(d -> d.getMessage(null).contains("demo.Fetcher ->")).findFirst().orElseThrow();
        assertEquals(FETCHER.getName(), atInterface.getSource().getName(), "the note points at the interface");
    }

    @Test
    void debugNotesAnInterfaceLeftWithoutAClass() {
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .withOptions("-Ayieldpoint.debug=TRUE").compile(BROKEN);
        assertThat(compilation).failed();
        assertTrue(notes(compilation).contains("yieldpoint.debug: demo.Broken: no class generated, 1 error(s) reported"),
                () -> notes(compilation).toString());
    }

    @Test
    void debugIsOffByDefaultAndWithFalse() {
        assertEquals(List.of(), notes(compile()));
        assertEquals(List.of(), notes(compile("-Ayieldpoint.debug=false")));
    }

    @Test
    void optionsParse() {
        assertEquals(ProcessorOptions.DEFAULTS, ProcessorOptions.from(Map.of()));
        assertEquals(new ProcessorOptions(true, false),
                ProcessorOptions.from(Map.of("yieldpoint.debug", "", "yieldpoint.lineComments", "False")));
        assertEquals(new ProcessorOptions.Invalid("yieldpoint.debug", "yes"),
                ProcessorOptions.invalid(Map.of("yieldpoint.debug", "yes")));
        assertEquals(null, ProcessorOptions.invalid(Map.of("yieldpoint.debug", "true", "other", "x")));
    }

    /** Compiles FETCHER with -Xlint:all; a warning (such as an unrecognized option) fails. */
    private static Compilation compile(String... options) {
        List<String> all = new java.util.ArrayList<>(List.of("-Xlint:all"));
        all.addAll(List.of(options));
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor()).withOptions(all).compile(FETCHER);
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    private static String generated(Compilation compilation) {
        try {
            return compilation.generatedSourceFile("demo.FetcherCoroutines").orElseThrow().getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> notes(Compilation compilation) {
        return compilation.notes().stream().map(d -> d.getMessage(null))
                .filter(m -> m.startsWith("yieldpoint.debug")).toList();
    }
}
