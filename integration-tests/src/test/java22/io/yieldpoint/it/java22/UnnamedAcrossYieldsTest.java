package io.yieldpoint.it.java22;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java 22's unnamed variables and patterns ({@code _}) around yield points, as users write them: a
 * for-each whose element is not needed, unnamed patterns in record patterns and type patterns, an
 * unnamed catch parameter, an unnamed try-with-resources resource, and unnamed locals that take an
 * awaited value. Each coroutine runs as a state machine and as the blocking reading of its body,
 * with equal results. Compiled and run only on a JDK 22+ (the {@code jdk22+} profile of this module).
 */
class UnnamedAcrossYieldsTest {

    sealed interface Shape permits Circle, Rect {}

    record Circle(double r) implements Shape {}

    record Rect(double w, double h) implements Shape {}

    public interface Unnamed {
        @Coroutine
        default Task<String> all(List<Object> items, Shape shape) {
            int count = 0;
            for (var _ : items) {
                count += await(Task.completed(1));
            }
            String kind = switch (shape) {
                case Circle(_) -> "circle " + await(Task.completed(1));
                case Rect(var w, _) when w > 2 -> "wide";
                case Rect _ -> "rect " + await(Task.completed(2));
            };
            try {
                Integer.parseInt("x" + await(Task.completed(3)));
            } catch (NumberFormatException _) {
                kind += " not a number";
            }
            try (var _ = new StringReader("r" + await(Task.completed(4)))) {
                kind += " read " + await(Task.completed(5));
            }
            int _ = await(Task.completed(6));
            var _ = await(Task.completed("dropped"));
            return done(count + " " + kind);
        }
    }

    @Test
    void unnamedVariablesAndPatternsAroundAwaits() {
        Unnamed machines = UnnamedAcrossYieldsTest_UnnamedCoroutines.create();
        Unnamed blocking = new Unnamed() {};
        for (Shape s : List.of(new Circle(1), new Rect(3, 1), new Rect(1, 1))) {
            assertEquals(blocking.all(List.of("a", 2), s).join(), EventLoop.run(() -> machines.all(List.of("a", 2), s)));
        }
        assertEquals("2 wide not a number read 5", blocking.all(List.of("a", 2), new Rect(3, 1)).join());
    }
}
