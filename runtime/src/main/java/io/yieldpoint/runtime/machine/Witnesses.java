package io.yieldpoint.runtime.machine;

import org.jspecify.annotations.Nullable;

/**
 * The functional interfaces of the witnesses that generated machines pass to
 * {@code CoroutineMachine.typed} and {@code unboxFirst}: a lambda the machine never runs, whose
 * result type javac's overload resolution turns into the static type of a value kept across a
 * suspension (docs/design.md, "Yield points inside expressions").
 *
 * <p>They live here, not in {@link CoroutineMachine}: a generated machine inherits its base class's
 * member types, which would hide a user's types of the same names in the copied body. Generated
 * code never names them; it writes lambdas.
 */
public final class Witnesses {

    private Witnesses() {}

    /** The static type of a value: never called, only resolved by javac. */
    @FunctionalInterface
    public interface Witness<V extends @Nullable Object> {
        V type() throws Throwable;
    }

    @FunctionalInterface
    public interface IntWitness {
        int type() throws Throwable;
    }

    @FunctionalInterface
    public interface LongWitness {
        long type() throws Throwable;
    }

    @FunctionalInterface
    public interface DoubleWitness {
        double type() throws Throwable;
    }

    @FunctionalInterface
    public interface FloatWitness {
        float type() throws Throwable;
    }

    @FunctionalInterface
    public interface ShortWitness {
        short type() throws Throwable;
    }

    @FunctionalInterface
    public interface ByteWitness {
        byte type() throws Throwable;
    }

    @FunctionalInterface
    public interface CharWitness {
        char type() throws Throwable;
    }

    @FunctionalInterface
    public interface BooleanWitness {
        boolean type() throws Throwable;
    }

    /** A witness of a {@code String} expression, for {@code CoroutineMachine.unboxFirst}. */
    @FunctionalInterface
    public interface StringWitness {
        String type() throws Throwable;
    }

    /** A witness of an expression of a boxed number type, for {@code CoroutineMachine.unboxFirst}. */
    @FunctionalInterface
    public interface NumberWitness<V extends Number> {
        V type() throws Throwable;
    }
}
