package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * Processor bug (issue 3, section 4): a generic coroutine method whose type variable has an
 * intersection bound. {@code [YP-Internal] ... java.lang.IllegalArgumentException: Unexpected type
 * mirror: java.lang.Number&java.lang.Comparable<T>} (JavaPoet's {@code TypeName.get} has no
 * intersection types: the bound must be written as {@code TypeVariableName.get(name, bounds...)}
 * from {@code IntersectionType.getBounds()}).
 */
public interface PendingIntersectionBound extends Traced {

    @Coroutine
    default <T extends Number & Comparable<T>> Task<String> intersectionBound(T a, T b) {
        T smaller = a.compareTo(b) <= 0 ? a : b;
        await(yieldNow());
        double sum = a.doubleValue() + b.doubleValue();
        T again = await(done(smaller));
        log().add("smaller " + again);
        return done(again + " " + sum);
    }
}
