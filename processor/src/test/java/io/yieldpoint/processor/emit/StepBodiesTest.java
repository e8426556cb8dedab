package io.yieldpoint.processor.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step bodies written in after JavaPoet: at the placeholder's indent, blank lines left blank. */
class StepBodiesTest {

    @Test
    void eachBodyReplacesItsPlaceholderIndentedLikeJavaPoet() {
        String javaPoet = """
                class A {
                    protected boolean step() {
                        $stepBody$AMachine;
                    }
                }
                """;
        String body = """
                switch (label) {
                    case 0: {
                        String s = \"""
                            text

                            block\""";
                    }
                }
                """;
        assertEquals("""
                class A {
                    protected boolean step() {
                        switch (label) {
                            case 0: {
                                String s = \"""
                                    text

                                    block\""";
                            }
                        }
                    }
                }
                """, StepBodies.fill(javaPoet, Map.of(StepBodies.placeholder("AMachine"), body)));
    }

    @Test
    void aPlaceholderWithoutBodyOrABodyWithoutPlaceholderIsAnError() {
        String javaPoet = "    $stepBody$AMachine;\n";
        assertThrows(IllegalStateException.class, () -> StepBodies.fill(javaPoet, Map.of()));
        assertThrows(IllegalStateException.class, () -> StepBodies.fill("class A {}\n",
                Map.of(StepBodies.placeholder("AMachine"), "return;\n")));
    }
}
