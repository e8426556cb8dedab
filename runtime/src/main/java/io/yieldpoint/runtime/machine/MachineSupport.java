package io.yieldpoint.runtime.machine;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Task;
import io.yieldpoint.internal.AbstractTask;
import io.yieldpoint.runtime.internal.Cancellations;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Static helpers that generated state machines call, for the parts of Java that the processor
 * cannot type on its own: it reads bodies before javac attributes them, so it does not know whether
 * a for-each loop walks an array or an {@code Iterable}, nor the static type of a value it has to
 * keep across a suspension. Overload resolution in the generated code picks the right helper.
 */
public final class MachineSupport {

    private MachineSupport() {}

    // ---------------------------------------------------------------- pattern variables

    /**
     * True: lets a condition copy a pattern's binding into the machine's field where the pattern
     * matched, {@code (o instanceof String s$b && MachineSupport.bind(s = s$b))}, so that the
     * variable outlives the state that matched it.
     */
    public static boolean bind(@Nullable Object assigned) {
        return true;
    }

    // ---------------------------------------------------------------- for-each over an async stream

    /** {@code for (T x : each(stream))}: the cursor the lowered loop pulls. */
    public static <T extends @Nullable Object> AsyncStream.Cursor<T> open(AsyncStream<T> stream) {
        return Objects.requireNonNull(stream, "each(null)").open();
    }

    /**
     * The close of a lowered {@code for (T x : each(stream))} loop, awaited on every way out of
     * it: shielded, so that a cancelled consumer still waits for the producer's cleanup.
     */
    public static Task<Void> close(AsyncStream.Cursor<?> cursor) {
        return new Cancellations.Shielded<>(AbstractTask.of(cursor.close()));
    }

    // ---------------------------------------------------------------- for-each over anything

    /** The iterator a lowered {@code for (T x : iterable)} walks. */
    public static <T> Iterator<T> iterate(Iterable<T> iterable) {
        return iterable.iterator();
    }

    /**
     * A lowered {@code for (T x : array)}: reads {@code array[i]} when {@code next()} is called, as
     * the loop would, so writes to the array during the loop are seen.
     */
    public static <T> Iterator<T> iterate(T[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            T at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Integer> iterate(int[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Integer at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Long> iterate(long[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Long at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Double> iterate(double[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Double at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Float> iterate(float[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Float at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Short> iterate(short[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Short at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Byte> iterate(byte[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Byte at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Character> iterate(char[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Character at(int i) {
                return array[i];
            }
        };
    }

    public static Iterator<Boolean> iterate(boolean[] array) {
        Objects.requireNonNull(array);
        return new ArrayWalk<>(array.length) {
            @Override
            Boolean at(int i) {
                return array[i];
            }
        };
    }

    /** Walks indexes 0 to length - 1 of an array whose length is fixed when the loop starts. */
    private abstract static class ArrayWalk<T> implements Iterator<T> {
        private final int length;
        private int next;

        ArrayWalk(int length) {
            this.length = length;
        }

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < length;
        }

        @Override
        public T next() {
            if (next >= length) {
                throw new NoSuchElementException();
            }
            return at(next++);
        }
    }

    // ---------------------------------------------------------------- assignment to a primitive

    // A value kept as an Object and assigned to a primitive: Java unboxes, then widens (a Character
    // to an int, an Integer to a long). A cast to the target's box would fail instead.

    public static int toInt(Object v) {
        return v instanceof Character c ? c : ((Number) v).intValue();
    }

    public static long toLong(Object v) {
        return v instanceof Character c ? c : ((Number) v).longValue();
    }

    public static float toFloat(Object v) {
        return v instanceof Character c ? c : ((Number) v).floatValue();
    }

    public static double toDouble(Object v) {
        return v instanceof Character c ? c : ((Number) v).doubleValue();
    }

    public static short toShort(Object v) {
        return ((Number) v).shortValue();
    }

    public static byte toByte(Object v) {
        return ((Number) v).byteValue();
    }

    public static char toChar(Object v) {
        return (Character) v;
    }

    public static boolean toBoolean(Object v) {
        return (Boolean) v;
    }

    /**
     * Unboxes {@code box} as Java would where it reads a boxed operand of a numeric operator: a null
     * throws the {@code NullPointerException} Java throws there.
     */
    public static void unboxed(@Nullable Object box) {
        if (box == null) {
            throw new NullPointerException("cannot unbox a null operand");
        }
    }
}
