package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lowering of real methods, read on what it produces for each method before the file is written:
 * its states (after the simplification pass), its fields (what became a field and what stayed a
 * local), and its step body. The golden files check whole generated files; these tests pin one
 * property of the lowering each.
 */
class LoweringTest {

    private static final String SOURCE = """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;
            import java.util.List;

            public interface Shapes {
                @Coroutine
                default Task<Integer> price(String sku) {
                    return done(sku.length());
                }

                default int discount() {
                    return 1;
                }

                @Coroutine
                default Task<Integer> straightLine(String sku) {
                    int a = await(price(sku));
                    int b = await(price(sku + a));
                    return done(a + b);
                }

                @Coroutine
                default Task<Integer> localBetweenAwaits(String sku) {
                    await(price(sku));
                    int only = sku.length() * 2;
                    int kept = only + 1;
                    await(price(sku));
                    return done(kept);
                }

                @Coroutine
                default Task<String> catchParameters(String sku) {
                    String log = "";
                    try {
                        await(price(sku));
                    } catch (IllegalStateException shortLived) {
                        log += shortLived.getMessage();
                    }
                    try {
                        await(price(sku));
                    } catch (IllegalArgumentException spanning) {
                        await(price("again"));
                        log += spanning.getMessage();
                    }
                    return done(log);
                }

                @Coroutine
                default Task<Integer> branches(boolean c, String sku) {
                    int r;
                    if (c) {
                        r = await(price(sku));
                    } else {
                        r = await(price(sku + sku));
                    }
                    return done(r);
                }

                @Coroutine
                default Task<Integer> loop(List<String> skus) {
                    int sum = 0;
                    for (String sku : skus) {
                        sum += await(price(sku));
                    }
                    return done(sum);
                }

                @Coroutine
                default Task<Integer> typedReads(String sku) {
                    int known = discount() + await(price(sku)) * 2;
                    var task = price(sku);
                    int unknown = discount() + await(task);
                    return done(known + unknown);
                }
            }
            """;

    private static Map<String, LoweredMethod> lowered;

    @BeforeAll
    static void lower() {
        List<LoweredMethod> all = new ArrayList<>();
        Compilation compilation = Compiler.javac().withProcessors(new CoroutineProcessor(all::addAll))
                .compile(JavaFileObjects.forSourceString("demo.Shapes", SOURCE));
        assertThat(compilation).succeeded();
        lowered = all.stream().collect(Collectors.toMap(m -> m.method().name(), Function.identity()));
    }

    private static List<String> states(String method) {
        return lowered.get(method).states().stream().map(LoweredMethod.State::description).toList();
    }

    private static List<String> lifted(String method) {
        return lowered.get(method).fields().stream().filter(f -> !f.parameter() && f.note() == null)
                .map(LoweredMethod.Field::name).toList();
    }

    @Test
    void straightLineCodeIsAStateAtTheStartAndOneAfterEachAwait() {
        assertEquals(List.of("start of straightLine() (Shapes.java:20)", "after await (Shapes.java:21)",
                "after await (Shapes.java:22)"), states("straightLine"));
        assertEquals(List.of("a"), lifted("straightLine"), "b is assigned after the last await: a local");
    }

    @Test
    void aLocalInScopeAcrossAnAwaitButDeadThereIsNotLifted() {
        assertEquals(List.of("kept"), lifted("localBetweenAwaits"), "only is not read after the second await");
        assertTrue(lowered.get("localBetweenAwaits").stepBody().contains("int only = sku.length() * 2;"),
                lowered.get("localBetweenAwaits").stepBody());
    }

    @Test
    void aCatchParameterBecomesAFieldOnlyIfItSpansAnAwait() {
        List<String> fields = lifted("catchParameters");
        assertTrue(fields.contains("spanning"), fields::toString);
        assertFalse(fields.contains("shortLived"), fields::toString);
    }

    @Test
    void branchesJoinWithoutAStateThatOnlyJumps() {
        List<String> states = states("branches");
        assertEquals(5, states.size(), states::toString);
        assertTrue(states.get(2).startsWith("else branch"), states::toString);
        assertFalse(lowered.get("branches").stepBody().matches("(?s).*case \\d+: \\{\\s*label = \\d+; continue dispatch;\\s*}.*"),
                lowered.get("branches").stepBody());
    }

    @Test
    void aLoopHasItsHeadAndTheStateAfterItsAwait() {
        List<String> states = states("loop");
        assertEquals(List.of("start of loop() (Shapes.java:64)", "head of for-each loop (Shapes.java:66)",
                "after await (Shapes.java:67)", "after for-each loop (Shapes.java:66)"), states);
        // sum is read after the await (next iteration, and the return); so is the loop's iterator
        assertTrue(lifted("loop").contains("sum"), () -> lifted("loop").toString());
    }

    @Test
    void readsTypedFromTheDeclarationsNeedNoWitness() {
        String body = lowered.get("typedReads").stepBody();
        assertTrue(body.contains("((int) spill1) + this.<Integer>awaitResult() * 2"), body);
        assertTrue(body.contains("typed(awaitResult(), () -> await(task))"), "a var task keeps its witness: " + body);
        assertEquals(1, body.split("typed\\(awaitResult\\(\\)", -1).length - 1, body);
    }
}
