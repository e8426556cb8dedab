package io.yieldpoint.internal;

import io.yieldpoint.Emitted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The blocking reading of {@code emit} and {@code end}: a generator body run as plain Java
 * collects its values eagerly, and {@code return end();} hands them back as a {@link Emitted}, a generator and an async stream at once.
 *
 * <p>Values are collected per activation of the body: a collector is keyed by the calling method
 * and its depth on the stack, so a generator body that calls another generator method (which
 * collects and ends its own values) keeps its values apart, and recursion works. A collector left
 * behind by a body that threw is discarded as soon as a shallower frame emits or ends.
 */
public final class EagerEmitter {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private static final ThreadLocal<List<Collector>> COLLECTORS = ThreadLocal.withInitial(ArrayList::new);

    private record Caller(String method, int depth) {}

    private static final class Collector {
        final Caller owner;
        final List<@Nullable Object> values = new ArrayList<>();

        Collector(Caller owner) {
            this.owner = owner;
        }
    }

    private EagerEmitter() {}

    /** Collects {@code value} for the generator body that called {@code emit}. */
    public static void emit(@Nullable Object value) {
        Caller caller = caller();
        List<Collector> stack = dropDeeper(caller);
        Collector top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
        if (top == null || !top.owner.equals(caller)) {
            top = new Collector(caller);
            stack.add(top);
        }
        top.values.add(value);
    }

    /** The values the calling generator body emitted, as a generator. */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> Emitted<T> end() {
        Caller caller = caller();
        List<Collector> stack = dropDeeper(caller);
        if (!stack.isEmpty() && stack.get(stack.size() - 1).owner.equals(caller)) {
            Collector c = stack.remove(stack.size() - 1);
            return new ListGenerator<>((List<T>) Collections.unmodifiableList(c.values));
        }
        return new ListGenerator<>(List.of());
    }

    private static List<Collector> dropDeeper(Caller caller) {
        List<Collector> stack = COLLECTORS.get();
        while (!stack.isEmpty() && stack.get(stack.size() - 1).owner.depth() > caller.depth()) {
            stack.remove(stack.size() - 1);
        }
        return stack;
    }

    private static Caller caller() {
        return WALKER.walk(frames -> {
            List<StackWalker.StackFrame> all = frames.toList();
            for (int i = 0; i < all.size(); i++) {
                StackWalker.StackFrame f = all.get(i);
                String cls = f.getClassName();
                if (!cls.equals(EagerEmitter.class.getName()) && !cls.equals("io.yieldpoint.Co")) {
                    return new Caller(cls + "." + f.getMethodName(), all.size() - i);
                }
            }
            throw new IllegalStateException("emit() called from nowhere");
        });
    }

    /**
     * An eagerly collected generator, or async stream: iterating or opening it again yields the
     * same values.
     */
    private record ListGenerator<T extends @Nullable Object>(List<T> values) implements Emitted<T> {
        @Override
        public Iterator<T> iterator() {
            return values.iterator();
        }

        @Override
        public Cursor<T> open() {
            return StreamOps.of(values).open();
        }
    }
}
