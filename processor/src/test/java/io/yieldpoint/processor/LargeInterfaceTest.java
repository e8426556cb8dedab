package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * An interface with many coroutine methods: its generated file must still compile. The static
 * block of line tables at the end of the file grows with the number of machines, and must stay
 * under the JVM's 64 KB limit on a method ("code too large"): each table is one
 * {@code SourceLines.register} call with its lines encoded in string constants, never array
 * initializers, whose bytecode would pass that limit at a few hundred machines.
 */
class LargeInterfaceTest {

    private static final int METHODS = 800;

    @Test
    void eightHundredCoroutineMethodsCompile() throws IOException {
        StringBuilder src = new StringBuilder("""
                package demo;

                import static io.yieldpoint.Co.*;

                import io.yieldpoint.Coroutine;
                import io.yieldpoint.Task;

                public interface Many {
                """);
        for (int i = 0; i < METHODS; i++) {
            src.append("""
                        @Coroutine
                        default Task<Integer> m%d(Task<Integer> t) {
                            int v = await(t);
                            if (v > %d) {
                                v = await(t) + 1;
                            }
                            return done(v);
                        }
                    """.formatted(i, i));
        }
        src.append("}\n");
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor())
                .compile(JavaFileObjects.forSourceString("demo.Many", src.toString()));
        assertThat(compilation).succeeded();
        String generated = compilation.generatedSourceFile("demo.ManyCoroutines").orElseThrow().getCharContent(true).toString();
        assertEquals(METHODS, generated.split("LineTables.register\\(", -1).length - 1, "one line table per machine");
        assertTrue(compilation.generatedFiles().stream().anyMatch(f -> f.getName().endsWith("ManyCoroutines$M799Machine.class")));
    }
}
