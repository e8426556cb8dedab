package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Statements and whole loops without a yield point are copied into the state machine as written
 * (hot code stays plain Java): the yield-free loops of
 * {@code StatementCorpus.yieldFreeLoopsBetweenAwaits} appear in the generated source line for
 * line, not split into states.
 */
class CopiedStatementsTest {

    private static final Path GENERATED =
            Path.of("target", "generated-sources", "annotations", "io", "yieldpoint", "it", "StatementCorpusCoroutines.java");

    @Test
    void yieldFreeLoopsAreCopiedAsWritten() throws IOException {
        String source = Files.readAllLines(GENERATED).stream().map(String::strip).collect(Collectors.joining("\n"));
        List<String> loops = List.of(
                String.join("\n",
                        "for (int i = 0; i < 1000; i++) {",
                        "for (int j = 0; j < i % 7; j++) {",
                        "if (j == 5) {",
                        "continue;",
                        "}",
                        "sum += i ^ j;",
                        "}",
                        "}"),
                String.join("\n",
                        "while (k < 100) {",
                        "k += 3;",
                        "}"));
        for (String loop : loops) {
            assertTrue(source.contains(loop), () -> "not copied as written:\n" + loop);
        }
    }
}
