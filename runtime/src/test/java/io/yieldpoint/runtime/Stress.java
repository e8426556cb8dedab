package io.yieldpoint.runtime;

/**
 * Settings of the stress tests: a seed (each test derives its randomness from it and names it in
 * every failure, so a failing run can be repeated) and a scale (1 in CI; raise it locally, e.g.
 * {@code -Dyieldpoint.stress.scale=20}, for longer runs).
 */
final class Stress {

    static final long SEED = Long.getLong("yieldpoint.stress.seed", 0x5EED_2026L);
    static final int SCALE = Integer.getInteger("yieldpoint.stress.scale", 1);

    private Stress() {}

    static int scaled(int n) {
        return n * SCALE;
    }

    /** A message prefix that repeats the run. */
    static String seed() {
        return "[-Dyieldpoint.stress.seed=" + SEED + " -Dyieldpoint.stress.scale=" + SCALE + "] ";
    }
}
