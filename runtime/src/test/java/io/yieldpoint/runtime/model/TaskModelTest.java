package io.yieldpoint.runtime.model;

import io.yieldpoint.internal.Promise;
import java.util.concurrent.CancellationException;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: the task core's completion (value, failure, cancellation) from several threads is
 * linearizable: exactly one completion wins, and every reader sees the winner's outcome.
 */
public class TaskModelTest {

    private final Promise<Integer> task = new Promise<>();

    @Operation
    public boolean complete(int value) {
        return task.complete(value);
    }

    @Operation
    public boolean fail() {
        return task.fail(new IllegalArgumentException("failed"));
    }

    @Operation
    public boolean cancel() {
        return task.cancel();
    }

    @Operation
    public String outcome() {
        if (!task.isDone()) {
            return "pending";
        }
        try {
            return "value " + task.resultNow();
        } catch (CancellationException e) {
            return "cancelled";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void modelCheck() {
        Models.options().check(getClass());
    }
}
