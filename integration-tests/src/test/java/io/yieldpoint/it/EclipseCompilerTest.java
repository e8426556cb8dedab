package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under Eclipse's compiler (ECJ 3.40, run as {@code java -cp ecj.jar ...Main} in its
 * own JVM, with the packaged processor jar alone on its {@code -processorpath}).
 *
 * <p>ECJ's processing environment has no {@code com.sun.source.util.Trees}, which the processor
 * needs to read method bodies, so a build compiled with ECJ gets one clear error naming the cause
 * and the way out, never a stack trace. The way out the error names, generating the sources with
 * javac ({@code -proc:only}) and compiling everything with ECJ ({@code -proc:none}), is tested too:
 * the generated code compiles under ECJ and runs.
 */
class EclipseCompilerTest {

    @Test
    void ecjWithTheProcessorGivesOneClearErrorAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path src = BuildTools.write(dir, "src/plain/Doubler.java", BuildTools.DOUBLER);
        BuildTools.Run ecj = BuildTools.run(dir, ecj(
                "-processorpath", BuildTools.processorJar().toString(),
                "-s", "gen", "-d", "out",
                src.toString()));

        assertNotEquals(0, ecj.exit(), ecj::output);
        assertEquals(1, count("ERROR", ecj.output()), () -> "exactly one error:\n" + ecj.output());
        assertTrue(ecj.output().contains("ERROR: [YP-NoTrees] "), ecj::output);
        assertTrue(ecj.output().contains("(org.eclipse.jdt.internal.compiler.apt.dispatch.BatchProcessingEnvImpl)"),
                () -> "names ECJ's environment:\n" + ecj.output());
        assertTrue(ecj.output().contains("Eclipse's compiler, ECJ, has no Trees"), () -> "names the cause:\n" + ecj.output());
        assertTrue(ecj.output().contains("compile the @Coroutine interfaces with javac")
                && ecj.output().contains("-proc:only") && ecj.output().contains("docs/build-integration.md"),
                () -> "names the way out:\n" + ecj.output());
        assertFalse(ecj.output().contains("Exception") || ecj.output().contains("\tat ")
                || ecj.output().contains("Error:"), () -> "no stack trace:\n" + ecj.output());
        assertFalse(Files.exists(dir.resolve("gen/plain/DoublerCoroutines.java")), "nothing generated");
    }

    @Test
    void ecjWithTheProcessorAndNoCoroutinesIsQuiet(@TempDir Path dir) throws Exception {
        Path src = BuildTools.write(dir, "src/plain/Plain.java", """
                package plain;

                public class Plain {
                    public int answer() {
                        return 42;
                    }
                }
                """);
        BuildTools.Run ecj = BuildTools.run(dir, ecj(
                "-processorpath", BuildTools.processorJar().toString(),
                "-s", "gen", "-d", "out",
                src.toString()));
        assertEquals(0, ecj.exit(), ecj::output);
        assertEquals("", ecj.output().strip(), "the processor says nothing where there is nothing to do");
        assertTrue(Files.exists(dir.resolve("out/plain/Plain.class")));
    }

    @Test
    void generatedByJavacThenCompiledByEcj(@TempDir Path dir) throws Exception {
        Path doubler = BuildTools.write(dir, "src/plain/Doubler.java", BuildTools.DOUBLER);
        Path main = BuildTools.write(dir, "src/plain/Main.java", BuildTools.MAIN);

        // Step 1, javac: generate the sources only.
        BuildTools.Run javac = BuildTools.run(dir, BuildTools.command(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17",
                "-proc:only",
                "--processor-path", BuildTools.processorJar().toString(),
                "-cp", BuildTools.libraryClassPath(),
                "-s", "gen",
                doubler.toString()));
        assertEquals(0, javac.exit(), javac::output);
        Path generated = dir.resolve("gen/plain/DoublerCoroutines.java");
        assertTrue(Files.exists(generated), "javac -proc:only generated the source");
        assertFalse(Files.exists(dir.resolve("gen/plain/Doubler.class")), "-proc:only compiles nothing");

        // Step 2, ECJ: compile everything, generated sources included, without processors.
        BuildTools.Run ecj = BuildTools.run(dir, ecj(
                "-proc:none", "-d", "out",
                doubler.toString(), main.toString(), generated.toString()));
        assertEquals(0, ecj.exit(), ecj::output);
        assertEquals(0, count("ERROR", ecj.output()), ecj::output);

        BuildTools.Run program = BuildTools.run(dir, BuildTools.command(BuildTools.java(),
                "-cp", "out" + java.io.File.pathSeparator + BuildTools.libraryClassPath(), "plain.Main"));
        assertEquals(0, program.exit(), program::output);
        assertEquals("result 42", program.output().strip());
    }

    /** ECJ's batch compiler in a JVM of its own, compiling for Java 17 against api and runtime. */
    private static List<String> ecj(String... args) {
        List<String> command = BuildTools.command(BuildTools.java(),
                "-cp", BuildTools.codeSource(org.eclipse.jdt.internal.compiler.batch.Main.class).toString(),
                "org.eclipse.jdt.internal.compiler.batch.Main",
                "-17", "-encoding", "UTF-8",
                "-cp", BuildTools.libraryClassPath());
        command.addAll(List.of(args));
        return command;
    }

    private static int count(String word, String text) {
        Matcher m = Pattern.compile("\\b" + word + "\\b").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
