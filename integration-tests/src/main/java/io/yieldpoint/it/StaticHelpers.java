package io.yieldpoint.it;

/**
 * Static methods named like methods that a generated machine inherits from the runtime's base
 * classes ({@code info}, {@code runStep}): imported by {@link ShadowingCorpus}, whose bodies must
 * still call these, not the machine's.
 */
public final class StaticHelpers {

    private StaticHelpers() {}

    public static String info(int n) {
        return "info " + n;
    }

    public static int runStep(int n) {
        return n + 1;
    }
}
