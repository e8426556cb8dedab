package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds after an interface changes, as build tools run them, with the packaged processor jar on
 * javac's processor path, {@code -Xlint:all -Werror}, and the output directory on the class path:
 *
 * <ul>
 *   <li>Maven (maven-compiler-plugin 3.x): any changed source recompiles every source of the module,
 *       after deleting the class files the previous compilation created (observed with 3.13.0: it
 *       also removes generated sources it no longer makes; see docs/build-integration.md);
 *   <li>Gradle (the processor is <em>isolating</em>): only the changed file is recompiled, after
 *       deleting its class files and the files generated from it (their originating element), the
 *       other classes staying on the class path;
 *   <li>a tool that recompiles the changed file without deleting what was generated from it: javac
 *       still regenerates, but warns that the type already exists.
 * </ul>
 *
 * Each checks that the changed interface's class is regenerated (new method there, old gone, new
 * body's behaviour) and the unchanged interface's file is byte for byte the same.
 */
class IncrementalRebuildTest {

    private static final String V1 = """
            package inc;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;

            public interface Doubler {
                @Coroutine
                default Task<Integer> twice(int n) {
                    int once = n;
                    await(sleep(1));
                    return done(once * 2);
                }
            }
            """;

    /** Renamed method, changed body. */
    private static final String V2 = V1.replace("twice", "thrice").replace("once * 2", "once * 3");

    private static final String UNCHANGED = """
            package inc;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Generator;

            public interface Counter {
                @Coroutine
                default Generator<Integer> upTo(int n) {
                    for (int i = 1; i <= n; i++) {
                        emit(i);
                    }
                    return end();
                }
            }
            """;

    @Test
    void mavenStyleRecompilesTheModule(@TempDir Path dir) throws Exception {
        Build build = new Build(dir);
        List<Path> created = build.compileV1();
        String counterBefore = Files.readString(build.generated("Counter"));

        Files.writeString(build.doubler, V2);
        for (Path p : created) {
            Files.delete(p); // maven-compiler-plugin deletes the class files listed in createdFiles.lst
        }
        build.compile(List.of(build.doubler, build.counter));

        build.expectV2(counterBefore);
    }

    @Test
    void gradleStyleRecompilesOnlyTheChangedFile(@TempDir Path dir) throws Exception {
        Build build = new Build(dir);
        build.compileV1();
        String counterBefore = Files.readString(build.generated("Counter"));

        Files.writeString(build.doubler, V2);
        // Gradle deletes the changed source's classes and, the processor being isolating, every file
        // whose originating element is in that source: DoublerCoroutines.java and its classes.
        try (Stream<Path> files = Stream.concat(Files.list(build.out.resolve("inc")), Files.list(build.gen.resolve("inc")))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("Doubler")).toList()) {
                Files.delete(p);
            }
        }
        build.compile(List.of(build.doubler));

        build.expectV2(counterBefore);
    }

    @Test
    void recompilingWithTheOldGeneratedClassStillRegeneratesButJavacWarns(@TempDir Path dir) throws Exception {
        Build build = new Build(dir);
        build.compileV1();

        Files.writeString(build.doubler, V2);
        Build.Result result = build.compileAllowingFailure(List.of(build.doubler));

        assertFalse(result.ok(), "-Werror turns javac's warning into an error");
        assertTrue(result.diagnostics().contains("A file for type 'inc.DoublerCoroutines' already exists on the"
                + " sourcepath or classpath"), result::diagnostics);
        String generated = Files.readString(build.generated("Doubler"));
        assertTrue(generated.contains("thrice") && !generated.contains("twice"), "regenerated all the same");
    }

    /** A source directory with Doubler and Counter, compiled into out (classes) and gen (sources). */
    private static final class Build {
        record Result(boolean ok, String diagnostics) {}

        final Path out;
        final Path gen;
        final Path doubler;
        final Path counter;

        Build(Path dir) throws IOException {
            out = Files.createDirectories(dir.resolve("out"));
            gen = Files.createDirectories(dir.resolve("gen"));
            doubler = BuildTools.write(dir, "src/inc/Doubler.java", V1);
            counter = BuildTools.write(dir, "src/inc/Counter.java", UNCHANGED);
        }

        /** Compiles V1 of both; returns the class files made. */
        List<Path> compileV1() throws Exception {
            compile(List.of(doubler, counter));
            assertEquals(42, run("twice"));
            try (Stream<Path> files = Files.walk(out)) {
                return files.filter(p -> p.toString().endsWith(".class")).toList();
            }
        }

        Path generated(String iface) {
            return gen.resolve("inc/" + iface + "Coroutines.java");
        }

        void compile(List<Path> sources) throws IOException {
            Result result = compileAllowingFailure(sources);
            assertTrue(result.ok(), result::diagnostics);
        }

        Result compileAllowingFailure(List<Path> sources) throws IOException {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            List<String> options = new ArrayList<>(List.of(
                    "--processor-path", BuildTools.processorJar().toString(),
                    "-cp", out + File.pathSeparator + BuildTools.libraryClassPath(),
                    "--release", "17", "-Xlint:all", "-Werror",
                    "-d", out.toString(), "-s", gen.toString()));
            try (var files = javac.getStandardFileManager(null, null, null)) {
                boolean ok = javac.getTask(diagnostics, files, null, options, null,
                        files.getJavaFileObjectsFromPaths(sources)).call();
                return new Result(ok, diagnostics.toString());
            }
        }

        void expectV2(String counterBefore) throws Exception {
            String generated = Files.readString(generated("Doubler"));
            assertTrue(generated.contains("public Task<Integer> thrice(int n)"), generated);
            assertFalse(generated.contains("twice"), generated);
            assertFalse(Files.exists(out.resolve("inc/DoublerCoroutines$TwiceMachine.class")), "no stale machine class");
            assertTrue(Files.exists(out.resolve("inc/DoublerCoroutines$ThriceMachine.class")));
            assertEquals(63, run("thrice"), "the new body runs");
            assertEquals(counterBefore, Files.readString(generated("Counter")), "the unchanged interface's file is the same");
        }

        /** Calls {@code method(21)} of DoublerCoroutines.create() from out, on an event loop. */
        int run(String method) throws Exception {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    IncrementalRebuildTest.class.getClassLoader())) {
                Object doubler = loader.loadClass("inc.DoublerCoroutines").getMethod("create").invoke(null);
                var m = loader.loadClass("inc.Doubler").getMethod(method, int.class);
                return EventLoop.run(() -> {
                    try {
                        @SuppressWarnings("unchecked")
                        Task<Integer> task = (Task<Integer>) m.invoke(doubler, 21);
                        return task;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
    }
}
