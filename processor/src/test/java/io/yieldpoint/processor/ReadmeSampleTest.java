package io.yieldpoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's sample of generated code (the {@code FetcherCoroutines} block, "abridged") against
 * the golden file {@code FetcherCoroutines.java}, which {@link GoldenFilesTest} keeps equal to what
 * the processor writes for the same {@code Fetcher}. So the sample cannot drift from the output.
 *
 * <p>The rule, line by line and ignoring indentation: every line of the sample must appear in the
 * golden, in the same order (the golden may have more lines in between). A line that is only
 * {@code ...} is skipped; a line with {@code ...} in it stands for a golden line starting with what
 * comes before the {@code ...}; a comment after code ({@code start();  // the body never uses
 * this}) is the README's annotation and is not compared. Whole-line comments are compared.
 */
class ReadmeSampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path GOLDEN = Path.of("src/test/resources/goldens/FetcherCoroutines.java");

    @Test
    void generatedCodeSampleAppearsInOrderInTheGolden() throws IOException {
        List<String> sample = javaBlockContaining(Files.readAllLines(README, StandardCharsets.UTF_8),
                "public final class FetcherCoroutines");
        List<String> golden = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8).stream().map(String::trim).toList();
        int next = 0;
        int compared = 0;
        for (String line : sample) {
            String wanted = comparable(line);
            if (wanted == null) {
                continue;
            }
            boolean prefix = line.contains("...");
            int found = -1;
            for (int i = next; i < golden.size(); i++) {
                if (prefix ? golden.get(i).startsWith(wanted) : golden.get(i).equals(wanted)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("README.md's FetcherCoroutines sample has a line that is not in " + GOLDEN + " after its line "
                        + next + " (update the sample from the golden):\n    " + line.trim());
            }
            next = found + 1;
            compared++;
        }
        assertTrue(compared >= 20, "only " + compared + " lines of the README sample compared");
    }

    @Test
    void annotationsAndAbridgedLinesAreReadAsTheRuleSays() {
        assertNull(comparable("        ..."));
        assertEquals("public static Fetcher create() {", comparable("    public static Fetcher create() { ... }"));
        assertEquals("return new M().start();", comparable("        return new M().start();      // an annotation"));
        assertEquals("// Fetcher.java:11", comparable("        // Fetcher.java:11"));
    }

    /** What a sample line is compared by; null for a line that is skipped. */
    private static String comparable(String line) {
        String t = line.trim();
        int abridged = t.indexOf("...");
        if (abridged >= 0) {
            t = t.substring(0, abridged).trim();
        } else {
            int comment = t.indexOf("//");
            if (comment > 0) {
                t = t.substring(0, comment).trim();
            }
        }
        return t.isEmpty() ? null : t;
    }

    /** The lines of the first fenced {@code java} block of {@code markdown} that contains {@code marker}. */
    private static List<String> javaBlockContaining(List<String> markdown, String marker) {
        List<String> block = null;
        for (String line : markdown) {
            if (block == null) {
                if (line.trim().equals("```java")) {
                    block = new ArrayList<>();
                }
            } else if (line.trim().equals("```")) {
                if (block.stream().anyMatch(l -> l.contains(marker))) {
                    return block;
                }
                block = null;
            } else {
                block.add(line);
            }
        }
        throw new AssertionError("no java block with \"" + marker + "\" in " + README.toAbsolutePath());
    }
}
