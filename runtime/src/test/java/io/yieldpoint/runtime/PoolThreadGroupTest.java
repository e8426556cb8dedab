package io.yieldpoint.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.internal.DetachedThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Pool threads belong to the runtime's thread group, not to the group of the program that first
 * used the pool: {@code mvn exec:java} runs {@code main} in a thread group of its own and, when
 * {@code main} returns, interrupts every thread left in that group and waits up to 15 s for each.
 * Idle pool threads ignore interrupts, so none may be there.
 */
class PoolThreadGroupTest {

    @Test
    void aProgramsThreadGroupHoldsNoPoolThreadOnceItsMainReturns() throws Exception {
        ThreadGroup program = new ThreadGroup("program");
        AtomicReference<Object> result = new AtomicReference<>();
        Thread main = new Thread(program, () -> {
            // Pools made and grown from the program's thread, as a program's main would.
            Pool cpu = Pool.cpu("group-test-cpu", 2);
            Pool blocking = Pool.blocking("group-test-blocking", 2, 10);
            try {
                result.set(EventLoop.run(() -> Co.all(
                        Dispatch.call(blocking, () -> 1),
                        Dispatch.on(cpu, () -> Task.completed(2)),
                        Dispatch.on(cpu, () -> Co.sleep(1)),   // a timer on a pool: the pools' timer thread
                        Dispatch.blocking(() -> 3),
                        Dispatch.on(Dispatch.cpu(), () -> Task.completed(4)))));
            } finally {
                cpu.close();
                blocking.close();
            }
        }, "program-main");
        main.start();
        main.join();

        assertEquals(Arrays.asList(1, 2, null, 3, 4), result.get());
        assertEquals(List.of(), threadsOf(program), "threads left in the program's group");
    }

    @Test
    void poolThreadsAreInTheRuntimesGroup() {
        Thread worker = Dispatch.call(Dispatch.blockingPool(), Thread::currentThread).join();
        assertSame(DetachedThreads.group(), worker.getThreadGroup());
        Thread cpuWorker = Dispatch.call(Dispatch.cpu(), Thread::currentThread).join();
        assertSame(DetachedThreads.group(), cpuWorker.getThreadGroup());
    }

    private static List<String> threadsOf(ThreadGroup group) {
        Thread[] all = new Thread[64];
        int n = group.enumerate(all, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(all[i].getName());
        }
        return names;
    }
}
