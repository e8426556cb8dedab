package io.yieldpoint.benchmarks;

/** The computing part of a simulated request, the same for every competitor. */
public final class Work {

    private Work() {}

    /** A few dozen nanoseconds of arithmetic on the three values read. */
    public static int compute(int a, int b, int c) {
        int h = a * 31 + b;
        for (int i = 0; i < 16; i++) {
            h = h * 1_103_515_245 + 12_345 + c;
            h ^= h >>> 13;
        }
        return h & 0xFF;
    }
}
