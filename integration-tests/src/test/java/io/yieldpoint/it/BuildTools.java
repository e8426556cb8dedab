package io.yieldpoint.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the build-integration tests share: the packaged processor jar, the api and runtime on a class
 * path of their own (without the processor, which the test class path also holds), small sources to
 * compile, and compilers run as separate processes, as a user's build runs them.
 */
final class BuildTools {

    private BuildTools() {}

    /** A coroutine interface: {@code twice(21)} completes with 42 after a 1 ms sleep. */
    static final String DOUBLER = """
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

    /** A program using the generated class, so that it compiles only if the processor ran. */
    static final String MAIN = """
            package plain;

            import io.yieldpoint.runtime.EventLoop;

            public class Main {
                public static void main(String[] args) {
                    int result = EventLoop.run(() -> DoublerCoroutines.create().twice(21));
                    System.out.println("result " + result);
                }
            }
            """;

    /** The output of a finished process. */
    record Run(int exit, String output) {}

    /** The shaded processor jar this build packaged. */
    static Path processorJar() throws IOException {
        Path target = Path.of("..", "processor", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("yieldpoint-processor-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no processor jar in " + target.toAbsolutePath()))
                    .toAbsolutePath();
        }
    }

    /** yieldpoint-api and yieldpoint-runtime, as a class path, without the processor. */
    static String libraryClassPath() {
        return String.join(java.io.File.pathSeparator,
                codeSource(io.yieldpoint.Task.class).toString(),
                codeSource(io.yieldpoint.runtime.EventLoop.class).toString());
    }

    /** The jar or directory {@code type} was loaded from. */
    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code text} to {@code dir/relative}, creating directories. */
    static Path write(Path dir, String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} in {@code dir}, stdout and stderr together, for at most two minutes. */
    static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, Map.of());
    }

    /** As {@link #run(Path, List)}, with {@code environment} added to this process's environment. */
    static Run run(Path dir, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** {@code java} of the JDK running the tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A mutable command line, for readability. */
    static List<String> command(String... start) {
        return new ArrayList<>(List.of(start));
    }
}
