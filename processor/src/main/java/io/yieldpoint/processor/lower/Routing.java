package io.yieldpoint.processor.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How control leaves a region protected by a lowered {@code finally}: a {@code return}, or a
 * {@code break}/{@code continue} to a statement outside, first runs the finally block.
 *
 * <p>Each lowered try-finally has a frame: the state where its block starts and a field
 * {@code finallyExitN} saying what to do when the block completes normally: {@code 0} go on after
 * the try, {@link #THROW} rethrow {@code finallyThrownN}, {@link #RETURN} complete the pending
 * return, {@code 2} and up jump to a target outside (which may mean going through the next
 * finally out). A {@code return} keeps its value in the field {@code returning} meanwhile.
 */
final class Routing {

    static final int THROW = -1;
    static final int NORMAL = 0;
    static final int RETURN = 1;

    /** A lowered finally block while the statements it protects are lowered. */
    static final class Frame {
        final int index;
        final int entry;
        private final String exitField;
        private final String thrownField;
        final Map<Integer, Integer> jumpCodes = new LinkedHashMap<>();
        final Map<Integer, Integer> jumpDepths = new LinkedHashMap<>();
        boolean returns;

        Frame(int index, int entry, String exitField, String thrownField) {
            this.index = index;
            this.entry = entry;
            this.exitField = exitField;
            this.thrownField = thrownField;
        }

        String exitField() {
            return exitField;
        }

        /** The finally depth of jump target {@code target}, one of {@link #jumpCodes}' keys. */
        int jumpDepth(int target) {
            return Objects.requireNonNull(jumpDepths.get(target), "jumpCodes and jumpDepths have the same keys");
        }

        String thrownField() {
            return thrownField;
        }

        /** The handler of the region this frame protects: the exception goes to the finally block. */
        StateGraph.Handler handler() {
            return new StateGraph.Handler(exitField + " = " + THROW + "; " + thrownField + " = t;", entry);
        }

        int codeFor(int target, int depth) {
            return jumpCodes.computeIfAbsent(target, t -> {
                jumpDepths.put(t, depth);
                return 2 + jumpCodes.size();
            });
        }
    }

    private final MethodContext ctx;
    private final Deque<Frame> active = new ArrayDeque<>();
    private final List<Frame> all = new ArrayList<>();
    boolean usesReturning;
    /** The fields of a pending return, named when first needed. */
    private @Nullable ReturningFields returning;

    Routing(MethodContext ctx) {
        this.ctx = ctx;
    }

    private record ReturningFields(String value, String isTask) {}

    private ReturningFields returning() {
        ReturningFields r = returning;
        if (r == null) {
            r = new ReturningFields(ctx.syntheticName("returning"), ctx.syntheticName("returningTask"));
            returning = r;
        }
        return r;
    }

    String returningField() {
        return returning().value();
    }

    String returningTaskField() {
        return returning().isTask();
    }

    int depth() {
        return active.size();
    }

    Frame push(int entry) {
        int index = all.size() + 1;
        Frame f = new Frame(index, entry,
                ctx.syntheticName("finallyExit" + index), ctx.syntheticName("finallyThrown" + index));
        all.add(f);
        active.push(f);
        return f;
    }

    void pop() {
        active.pop();
    }

    List<Frame> frames() {
        return all;
    }

    /**
     * A jump from here: first {@code store} (if not null: the finally block's exit code), then to
     * state {@code target}.
     */
    record Route(@Nullable String store, int target) {}

    /** The jump to state {@code target}, whose statement lies inside {@code depth} frames. */
    Route route(int target, int depth) {
        if (active.size() > depth) {
            Frame f = active.peek();
            return new Route(f.exitField() + " = " + f.codeFor(target, depth) + ";", f.entry);
        }
        return new Route(null, target);
    }

    /** The code of a jump to state {@code target}, whose statement lies inside {@code depth} frames. */
    String jumpTo(int target, int depth) {
        Route r = route(target, depth);
        return (r.store() == null ? "" : r.store() + " ") + ctx.jump(r.target());
    }

    /**
     * The statements of {@code return}: {@code value} is the value's text (null for a generator's
     * end).
     */
    List<String> returnWith(@Nullable String value, boolean isTask) {
        if (active.isEmpty()) {
            if (value == null) {
                return ctx.method.kind() == io.yieldpoint.processor.model.CoroutineKind.STREAM
                        ? List.of("returnValue(null);", "return " + ctx.returnedRef + ";") // the stream's end
                        : List.of("finish();", "return;");
            }
            return List.of((isTask ? "returnTask(" : "returnValue(") + value + ");", "return " + ctx.returnedRef + ";");
        }
        Frame f = active.peek();
        f.returns = true;
        usesReturning = true;
        List<String> code = new ArrayList<>();
        if (value != null) {
            code.add(returningField() + " = " + value + ";");
            code.add(returningTaskField() + " = " + isTask + ";");
        }
        code.add(f.exitField() + " = " + RETURN + ";");
        code.add(ctx.jump(f.entry));
        return code;
    }

    /** The code completing a pending return once the innermost finally has run. */
    String pendingReturn() {
        if (!active.isEmpty()) {
            Frame f = active.peek();
            f.returns = true;
            return f.exitField() + " = " + RETURN + "; " + ctx.jump(f.entry);
        }
        if (ctx.method.kind() == io.yieldpoint.processor.model.CoroutineKind.GENERATOR) {
            return "finish(); return;";
        }
        if (ctx.method.kind() == io.yieldpoint.processor.model.CoroutineKind.STREAM) {
            return "returnValue(null); return " + ctx.returnedRef + ";";
        }
        String type = ctx.method.valueType();
        return "if (" + returningTaskField() + ") { returnTask((io.yieldpoint.Task<" + type + ">) " + returningField() + "); }"
                + " else { returnValue((" + type + ") " + returningField() + "); } return " + ctx.returnedRef + ";";
    }
}
