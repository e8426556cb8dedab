package io.yieldpoint.runtime.model;

import io.yieldpoint.runtime.sync.Channel;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/** Lincheck: a bounded channel's non-waiting operations and its closing are linearizable. */
public class ChannelModelTest {

    private final Channel<Integer> channel = Channel.bounded(2);

    @Operation
    public boolean trySend(int value) {
        return channel.trySend(value);
    }

    @Operation
    public Integer tryReceive() {
        return channel.tryReceive();
    }

    @Operation
    public boolean close() {
        return channel.close();
    }

    @Operation
    public boolean isClosedForReceive() {
        return channel.isClosedForReceive();
    }

    @Test
    void modelCheck() {
        Models.options().check(getClass());
    }
}
