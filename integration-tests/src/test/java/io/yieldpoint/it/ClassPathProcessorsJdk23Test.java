package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDK 23's rule, observed: javac no longer runs annotation processors it finds only on the class
 * path. With the processor jar on the class path, javac 23+ compiles the interface, prints nothing
 * about it, and generates nothing; {@code --processor-path} (or {@code -proc:full}) runs it.
 *
 * <p>Needs a JDK 23+ javac: the one running the tests if it is 23 or later, else the JDK at the
 * environment variable {@code JDK25_HOME} (default {@code /usr/lib/jvm/temurin-25-jdk-amd64});
 * {@code -Dyieldpoint.jdk23.home=...} overrides both. Skipped when there is none.
 */
class ClassPathProcessorsJdk23Test {

    private static String javac;

    @BeforeAll
    static void findJdk23() {
        String home = System.getProperty("yieldpoint.jdk23.home");
        if (home == null) {
            home = Runtime.version().feature() >= 23 ? System.getProperty("java.home")
                    : System.getenv().getOrDefault("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64");
        }
        Path candidate = Path.of(home, "bin", "javac");
        Assumptions.assumeTrue(Files.isExecutable(candidate), "no JDK 23+ javac at " + candidate);
        javac = candidate.toString();
    }

    @Test
    void aProcessorOnlyOnTheClassPathDoesNotRun(@TempDir Path dir) throws Exception {
        BuildTools.Run run = compile(dir, List.of("-cp", withProcessor()), BuildTools.DOUBLER);
        assertEquals(0, run.exit(), run::output);
        assertEquals("", run.output(), "javac 23+ says nothing about the processor it skipped");
        assertTrue(Files.exists(dir.resolve("out/plain/Doubler.class")));
        assertFalse(Files.exists(dir.resolve("out/plain/DoublerCoroutines.java")), "nothing generated");
    }

    @Test
    void codeUsingTheGeneratedClassThenFailsWithCannotFindSymbol(@TempDir Path dir) throws Exception {
        BuildTools.write(dir, "src/plain/Main.java", BuildTools.MAIN);
        BuildTools.Run run = compile(dir, List.of("-cp", withProcessor()), BuildTools.DOUBLER);
        assertEquals(1, run.exit(), run::output);
        assertTrue(run.output().contains("error: cannot find symbol") && run.output().contains("DoublerCoroutines"),
                run::output);
    }

    @Test
    void theProcessorPathRunsIt(@TempDir Path dir) throws Exception {
        BuildTools.write(dir, "src/plain/Main.java", BuildTools.MAIN);
        BuildTools.Run run = compile(dir, List.of("-cp", BuildTools.libraryClassPath(),
                "--processor-path", BuildTools.processorJar().toString()), BuildTools.DOUBLER);
        assertEquals(0, run.exit(), run::output);
        assertTrue(Files.exists(dir.resolve("out/plain/DoublerCoroutines.java")));
    }

    @Test
    void procFullRunsItFromTheClassPath(@TempDir Path dir) throws Exception {
        BuildTools.Run run = compile(dir, List.of("-cp", withProcessor(), "-proc:full"), BuildTools.DOUBLER);
        assertEquals(0, run.exit(), run::output);
        assertTrue(Files.exists(dir.resolve("out/plain/DoublerCoroutines.java")));
    }

    private static String withProcessor() throws java.io.IOException {
        return BuildTools.libraryClassPath() + File.pathSeparator + BuildTools.processorJar();
    }

    /** javac 23+ on {@code plain/Doubler.java} and whatever else is in {@code src/plain}. */
    private static BuildTools.Run compile(Path dir, List<String> options, String doubler) throws Exception {
        BuildTools.write(dir, "src/plain/Doubler.java", doubler);
        List<String> command = BuildTools.command(javac, "--release", "17", "-d", "out", "-s", "out");
        command.addAll(options);
        try (var files = Files.list(dir.resolve("src/plain"))) {
            files.map(Path::toString).sorted().forEach(command::add);
        }
        return BuildTools.run(dir, command);
    }
}
