package io.yieldpoint.runtime.model;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * The settings of the model checks in this package: Lincheck runs random scenarios of the test
 * class's {@code @Operation}s on two threads and, for each, explores interleavings of their shared
 * memory accesses, comparing every result with some sequential order of the same operations.
 * {@code -Dyieldpoint.stress.scale=N} multiplies the scenarios (CI runs scale 1: 10 scenarios of
 * 200 interleavings each per class).
 */
final class Models {

    private Models() {}

    static ModelCheckingOptions options() {
        int scale = Integer.getInteger("yieldpoint.stress.scale", 1);
        return new ModelCheckingOptions().iterations(10 * scale).invocationsPerIteration(200).threads(2)
                .actorsPerThread(2);
    }
}
