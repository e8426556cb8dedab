package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated source of a few representative interfaces, compared with checked-in golden files
 * under {@code src/test/resources/goldens}. After an intended change of the output, regenerate them
 * with {@code mvn -pl processor test -Dtest=GoldenFilesTest -Dyieldpoint.updateGoldens=true} and
 * review the diff.
 */
class GoldenFilesTest {

    private static final Path GOLDENS = Path.of("src/test/resources/goldens");

    @ParameterizedTest
    @ValueSource(strings = {"Fetcher", "Retrier", "Numbers", "Transfers", "Expressions", "Poller", "Cache", "Pager"})
    void generatedSourceMatchesGolden(String name) throws IOException {
        JavaFileObject input = JavaFileObjects.forSourceString("demo." + name, read(GOLDENS.resolve("input/" + name + ".java")));
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor()).compile(input);
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation.generatedSourceFile("demo." + name + "Coroutines")
                .orElseThrow().getCharContent(true).toString();
        Set<String> imports = new HashSet<>();
        generated.lines().filter(line -> line.startsWith("import "))
                .forEach(line -> assertTrue(imports.add(line), name + "Coroutines imports twice: " + line));
        Path golden = GOLDENS.resolve(name + "Coroutines.java");
        if (Boolean.getBoolean("yieldpoint.updateGoldens")) {
            Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        assertEquals(read(golden), generated, "generated source of " + name + " differs from " + golden);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
