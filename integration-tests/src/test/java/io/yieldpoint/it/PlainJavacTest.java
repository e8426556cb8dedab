package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor as a user without a build tool runs it: the packaged (shaded) jar alone on plain
 * javac's {@code -processorpath}, the generated class then loaded and run.
 */
class PlainJavacTest {

    private static final String SOURCE = """
            package plain;

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

    @Test
    void processorJarAloneOnTheProcessorPath(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/plain/Doubler.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path out = Files.createDirectories(dir.resolve("out"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        int exit = javac.getTask(diagnostics, null, null, List.of(
                "-processorpath", processorJar().toString(),
                "-cp", System.getProperty("java.class.path"),
                "--release", "17",
                "-Xlint:all", "-Werror",
                "-d", out.toString(), "-s", out.toString()),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call() ? 0 : 1;
        assertEquals(0, exit, () -> "javac failed:\n" + diagnostics);
        assertTrue(Files.exists(out.resolve("plain/DoublerCoroutines.java")), "the generated source is written");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> generated = loader.loadClass("plain.DoublerCoroutines");
            Object doubler = generated.getMethod("create").invoke(null);
            var twice = loader.loadClass("plain.Doubler").getMethod("twice", int.class);
            int result = EventLoop.run(() -> {
                try {
                    @SuppressWarnings("unchecked")
                    Task<Integer> task = (Task<Integer>) twice.invoke(doubler, 21);
                    return task;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(42, result);
        }
    }

    @Test
    void processorJarOnTheProcessorModulePath(@TempDir Path dir) throws Exception {
        Path src = BuildTools.write(dir, "src/plain/Doubler.java", BuildTools.DOUBLER);
        // The jar has no module-info: on the module path it is an automatic module, whose
        // META-INF/services entry provides the processor.
        BuildTools.Run run = BuildTools.run(dir, BuildTools.command(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17", "-Xlint:all", "-Werror",
                "--processor-module-path", processorJar().toAbsolutePath().toString(),
                "-cp", BuildTools.libraryClassPath(),
                "-d", "out", src.toString()));
        assertEquals(0, run.exit(), run::output);
        assertTrue(Files.exists(dir.resolve("out/plain/DoublerCoroutines.java")), "the generated source is written");
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(processorJar().toFile())) {
            assertEquals("io.yieldpoint.processor", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                    "a stable module name, not one derived from the file name");
        }
    }

    /** The shaded processor jar this build packaged. */
    private static Path processorJar() throws IOException {
        Path target = Path.of("..", "processor", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("yieldpoint-processor-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no processor jar in " + target.toAbsolutePath()));
        }
    }
}
