package io.yieldpoint.it.java21;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Java 21 patterns around yield points, as users write them: pattern variables used after an
 * await in switch arms (type and record patterns, guards, {@code case null}), in switch
 * expressions, and from {@code instanceof} in conditions. Each coroutine is run as a state machine
 * on an event loop and compared with the blocking reading of the same body (the default method run
 * as plain Java, where {@code await} blocks). Compiled and run only on a JDK 21+ (the
 * {@code jdk21+} profile of this module).
 */
class PatternsAcrossYieldsTest {

    sealed interface Shape permits Circle, Square, Rect, Blob {}

    record Point(int x, int y) {}

    record Circle(double r) implements Shape {}

    record Square(double side) implements Shape {}

    record Rect(Point from, Point to) implements Shape {}

    record Blob(String name) implements Shape {}

    public interface Shapes {
        @Coroutine
        default Task<String> describe(Shape shape) {
            switch (shape) {
                case Circle c -> {
                    await(yieldNow());
                    return done("circle of radius " + c.r());
                }
                case Square s when s.side() > 10 -> {
                    await(sleep(1));
                    return done("big square " + s.side());
                }
                case Square s -> {
                    String before = "square " + s.side();
                    await(yieldNow());
                    return done(before + " then " + s.side());
                }
                case Rect(Point(var x1, var y1), Point to) -> {
                    await(yieldNow());
                    return done("rect " + (x1 + y1) + " to " + to.x() + "," + to.y());
                }
                case Blob b -> {
                    return done("blob " + b.name());
                }
            }
        }

        @Coroutine
        default Task<String> nullable(Object o) {
            String kind;
            switch (o) {
                case null -> {
                    await(yieldNow());
                    kind = "null";
                }
                case String s when s.length() > 3 -> {
                    await(yieldNow());
                    kind = "long string " + s;
                }
                case Integer i -> {
                    await(yieldNow());
                    kind = "int " + (i + 1);
                }
                default -> kind = "other " + o;
            }
            await(yieldNow());
            return done(kind);
        }

        @Coroutine
        default Task<Integer> area(Shape shape) {
            int area = switch (shape) {
                case Circle c -> {
                    int r = await(Task.completed((int) c.r()));
                    yield 3 * r * r;
                }
                case Square(double side) -> {
                    await(yieldNow());
                    yield (int) (side * side);
                }
                case Rect(Point from, Point(int x2, int y2)) -> {
                    await(yieldNow());
                    yield (x2 - from.x()) * (y2 - from.y());
                }
                case Blob b -> b.name().length();
            };
            return done(area);
        }

        @Coroutine
        default Task<Integer> lengthIfText(Object o) {
            if (o instanceof String s && !s.isEmpty()) {
                await(yieldNow());
                return done(s.length());
            }
            if (!(o instanceof Integer i)) {
                return done(-1);
            }
            await(yieldNow());
            return done(i * 2);
        }

        @Coroutine
        default Task<List<String>> unwrap(Object o) {
            List<String> seen = new ArrayList<>();
            Object current = o;
            while (current instanceof Box(Object inner)) {
                await(yieldNow());
                seen.add(String.valueOf(inner instanceof Box ? "box" : inner));
                current = inner;
            }
            if (current instanceof String text && text.startsWith("x")) {
                seen.add("text " + await(Task.completed(text.toUpperCase(java.util.Locale.ROOT))));
            }
            return done(seen);
        }
    }

    record Box(Object inner) {}

    record Pair<A, B>(A first, B second) {}

    /** Corners: a pattern variable assigned after it matched, a switch in an arm, a generic record. */
    public interface Corners {
        @Coroutine
        default Task<String> reassigned(Object o) {
            if (o instanceof String s) {
                s = s.trim();
                await(yieldNow());
                return done("[" + s + "]");
            }
            return done("not text");
        }

        @Coroutine
        default Task<String> nested(Object outer) {
            switch (outer) {
                case Pair<?, ?>(Object first, Object second) when first instanceof String -> {
                    await(yieldNow());
                    String inner = switch (second) {
                        case Integer n -> {
                            await(yieldNow());
                            yield first + "=" + (n + 1);
                        }
                        default -> first + "=" + second;
                    };
                    return done(inner);
                }
                case Pair<?, ?>(var first, var second) -> {
                    await(yieldNow());
                    return done(second + "/" + first);
                }
                default -> {
                    return done("other");
                }
            }
        }
    }

    @Test
    void corners() {
        Corners machines = PatternsAcrossYieldsTest_CornersCoroutines.create();
        Corners blocking = new Corners() {};
        for (Object o : List.of("  padded ", 3)) {
            assertEquals(blocking.reassigned(o).join(), EventLoop.run(() -> machines.reassigned(o)));
        }
        assertEquals("[padded]", blocking.reassigned("  padded ").join());
        for (Object o : List.of(new Pair<>("a", 1), new Pair<>("b", "c"), new Pair<>(1, 2), "x")) {
            assertEquals(blocking.nested(o).join(), EventLoop.run(() -> machines.nested(o)));
        }
        assertEquals("a=2", blocking.nested(new Pair<>("a", 1)).join());
        assertEquals("2/1", blocking.nested(new Pair<>(1, 2)).join());
    }

    /** {@code var} bindings of record patterns read only in a guard, or in an arm without an await. */
    public interface VarBindings {
        @Coroutine
        default Task<String> classify(Shape shape) {
            String kind = switch (shape) {
                case Circle c -> "circle " + await(Task.completed(c.r()));
                case Rect(var from, var to) when from.x() > to.x() -> "backwards";
                case Rect(var from, var to) -> "rect " + from.x() + ".." + to.x();
                case Square(var side) -> "square " + side;
                case Blob b -> "blob " + await(Task.completed(b.name()));
            };
            return done(kind);
        }
    }

    @Test
    void varBindingsReadOnlyInAGuardOrAnArmWithoutAwait() {
        VarBindings machines = PatternsAcrossYieldsTest_VarBindingsCoroutines.create();
        VarBindings blocking = new VarBindings() {};
        for (Shape s : List.of(new Circle(1), new Rect(new Point(5, 0), new Point(1, 0)),
                new Rect(new Point(1, 0), new Point(4, 0)), new Square(2), new Blob("z"))) {
            assertEquals(blocking.classify(s).join(), EventLoop.run(() -> machines.classify(s)));
        }
        assertEquals("backwards", blocking.classify(new Rect(new Point(5, 0), new Point(1, 0))).join());
    }

    sealed interface Event permits OrderPlaced, OrderCancelled, Ping {}

    record OrderPlaced(String id, List<String> lines) implements Event {}

    record OrderCancelled(String id) implements Event {}

    record Ping() implements Event {}

    record Stock(int reserved) {}

    /** The sample of docs/guide.md ("What may stand around a yield point"), as written there. */
    public interface Orders {
        @Coroutine
        default Task<String> handle(Event event) {
            return done(switch (event) {
                case OrderPlaced(var id, var lines) when !lines.isEmpty() -> {
                    Stock s = await(reserve(id, lines));       // id and lines are still there after the await
                    yield "order " + id + ": " + s;
                }
                case OrderCancelled c -> {
                    await(release(c.id()));
                    yield "cancelled " + c.id();
                }
                default -> "ignored " + event;
            });
        }

        @Coroutine
        default Task<Stock> reserve(String id, List<String> lines) {
            await(yieldNow());
            return done(new Stock(lines.size()));
        }

        @Coroutine
        default Task<Void> release(String id) {
            await(yieldNow());
            return done();
        }
    }

    @Test
    void theGuidesSample() {
        Orders machines = PatternsAcrossYieldsTest_OrdersCoroutines.create();
        Orders blocking = new Orders() {};
        for (Event e : List.of(new OrderPlaced("a1", List.of("x", "y")), new OrderPlaced("a2", List.of()),
                new OrderCancelled("a3"), new Ping())) {
            String expected = blocking.handle(e).join();
            assertEquals(expected, EventLoop.run(() -> machines.handle(e)));
        }
        assertEquals("order a1: Stock[reserved=2]", blocking.handle(new OrderPlaced("a1", List.of("x", "y"))).join());
    }

    private static final Shapes MACHINES = PatternsAcrossYieldsTest_ShapesCoroutines.create();
    private static final Shapes BLOCKING = new Shapes() {};

    private static <T> void sameAsBlocking(Function<Shapes, Task<T>> call, T expected) {
        T onLoop = EventLoop.run(() -> call.apply(MACHINES));
        T blocking = call.apply(BLOCKING).join();
        assertEquals(expected, blocking, "the blocking reading");
        assertEquals(blocking, onLoop, "the state machine, as the blocking reading");
    }

    @Test
    void switchArmsKeepTheirPatternVariablesAcrossAwaits() {
        sameAsBlocking(s -> s.describe(new Circle(2)), "circle of radius 2.0");
        sameAsBlocking(s -> s.describe(new Square(12)), "big square 12.0");
        sameAsBlocking(s -> s.describe(new Square(3)), "square 3.0 then 3.0");
        sameAsBlocking(s -> s.describe(new Rect(new Point(1, 2), new Point(5, 7))), "rect 3 to 5,7");
        sameAsBlocking(s -> s.describe(new Blob("b")), "blob b");
    }

    @Test
    void caseNullGuardsAndDefault() {
        sameAsBlocking(s -> s.nullable(null), "null");
        sameAsBlocking(s -> s.nullable("long!"), "long string long!");
        sameAsBlocking(s -> s.nullable("ab"), "other ab");
        sameAsBlocking(s -> s.nullable(41), "int 42");
    }

    @Test
    void switchExpressionsWithAwaitsInTheirArms() {
        sameAsBlocking(s -> s.area(new Circle(2)), 12);
        sameAsBlocking(s -> s.area(new Square(3)), 9);
        sameAsBlocking(s -> s.area(new Rect(new Point(1, 1), new Point(4, 5))), 12);
        sameAsBlocking(s -> s.area(new Blob("four")), 4);
    }

    @Test
    void instanceofPatternsInConditionsWithFlowScoping() {
        sameAsBlocking(s -> s.lengthIfText("hello"), 5);
        sameAsBlocking(s -> s.lengthIfText(""), -1);
        sameAsBlocking(s -> s.lengthIfText(21), 42);
        sameAsBlocking(s -> s.lengthIfText(2.5), -1);
    }

    @Test
    void recordPatternsInLoopConditions() {
        sameAsBlocking(s -> s.unwrap(new Box(new Box("xy"))), List.of("box", "xy", "text XY"));
        sameAsBlocking(s -> s.unwrap("plain"), List.of());
    }
}
