package io.yieldpoint.runtime;

import static io.yieldpoint.Co.all;
import static io.yieldpoint.Co.sleep;
import static io.yieldpoint.runtime.Dispatch.blocking;
import static io.yieldpoint.runtime.Dispatch.cpu;
import static io.yieldpoint.runtime.Dispatch.on;
import static io.yieldpoint.runtime.Dispatch.switchTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Dispatcher;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.Machines.Script;
import io.yieldpoint.runtime.Machines.Trace;
import io.yieldpoint.runtime.sync.Mutex;
import io.yieldpoint.test.TestEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CoroutineLocal} and {@link ResumeHook}: values that follow a coroutine, thread-locals restored. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutineLocalTest {

    static final CoroutineLocal<String> REQUEST = CoroutineLocal.named("request");
    static final CoroutineLocal<String> USER = CoroutineLocal.named("user");

    private final Trace trace = new Trace();

    private Function<Object, Task<?>> read(String where) {
        return last -> {
            trace.add(where + ": " + REQUEST.get());
            return Task.completed(last);
        };
    }

    @Test
    void aBoundValueIsSeenInEveryStepAndByChildrenButNotBySiblings() {
        TestEventLoop.run(() -> {
            Task<Object> bound = REQUEST.with("r1", () -> Script.start(() -> { }, read("start"),
                    last -> sleep(10), read("after sleep"),
                    last -> Script.start(() -> { }, last2 -> sleep(5), read("child"))));
            Task<Object> sibling = Script.start(() -> { }, last -> sleep(12), read("sibling"));
            return all(bound, sibling);
        });
        assertEquals(List.of("start: r1", "after sleep: r1", "sibling: null", "child: r1"), trace.events());
        assertNull(REQUEST.get(), "nothing leaks to the thread afterwards");
    }

    @Test
    void theValueFollowsTheCoroutineAcrossDispatchersAndIntoBlockingCalls() {
        EventLoop.run(() -> {
            Dispatcher home = EventLoop.current();
            return REQUEST.with("r2", () -> Script.start(() -> { }, read("loop"),
                    last -> switchTo(cpu()), read("cpu"),
                    last -> blocking(() -> "blocking call sees " + REQUEST.get()), last -> {
                        trace.add(String.valueOf(last));
                        return Task.completed(null);
                    },
                    last -> on(cpu(), () -> Script.start(() -> { }, read("child on cpu"))),
                    last -> switchTo(home), read("home again")));
        });
        assertEquals(List.of("loop: r2", "cpu: r2", "blocking call sees r2", "child on cpu: r2", "home again: r2"),
                trace.events());
    }

    @Test
    void innerBindingsOverrideOuterOnesAndOtherKeysAreKept() {
        List<String> seen = new ArrayList<>();
        TestEventLoop.run(() -> USER.with("ann", () -> REQUEST.with("outer", () -> Script.start(() -> { },
                last -> REQUEST.with("inner", () -> Script.start(() -> { }, last2 -> {
                    seen.add(REQUEST.get() + "/" + USER.get());
                    return Task.completed(null);
                })),
                last -> {
                    seen.add(REQUEST.get() + "/" + USER.get());
                    return Task.completed(null);
                }))));
        assertEquals(List.of("inner/ann", "outer/ann"), seen);
        assertEquals("fallback", REQUEST.orElse("fallback"));
    }

    @Test
    void withLockAndCaptureCarryTheCallersContext() throws Exception {
        Mutex mutex = new Mutex();
        mutex.lock();
        Task<Object> waiting = REQUEST.with("locked", () -> mutex.withLock(() -> Script.start(() -> { }, read("body"))));
        mutex.unlock(); // the body starts now, from this thread, which has no context of its own
        waiting.join();

        java.util.function.Supplier<Task<Object>> later = REQUEST.with("captured",
                () -> Task.completed(CoroutineLocal.capture(() -> Script.start(() -> { }, read("callback"))))).join();
        CompletableFuture<Task<Object>> started = new CompletableFuture<>();
        Thread other = TestThreads.start("callback-thread", () -> started.complete(later.get()));
        TestThreads.joinAll(other);
        started.get().join();
        assertEquals(List.of("body: locked", "callback: captured"), trace.events());
    }

    @Test
    void aDumpShowsTheContext() {
        TestEventLoop.run(() -> REQUEST.with("dumped", () -> Script.start(() -> { }, last -> {
            EventLoop loop = EventLoop.current();
            Script.start(() -> { }, last2 -> sleep(5));
            String dump = loop.dump();
            assertTrue(dump.contains("context {request=dumped}"), dump);
            return Task.completed(null);
        })));
    }

    // ------------------------------------------------------------------ resume hooks

    /** A thread-local other code reads, like a logging MDC. */
    static final ThreadLocal<String> MDC = new ThreadLocal<>();

    /** Mirrors REQUEST into MDC around every step, restoring what the thread had. */
    static final class MdcHook implements ResumeHook {
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        final String name;

        MdcHook(String name) {
            this.name = name;
        }

        @Override
        public Object resumed() {
            calls.add(name + " resumed");
            String before = MDC.get();
            MDC.set(REQUEST.get());
            return before;
        }

        @Override
        public void suspended(Object before) {
            calls.add(name + " suspended");
            MDC.set((String) before);
        }
    }

    @Test
    void aResumeHookRestoresAThreadLocalAroundEveryStepOnEveryThread() throws Exception {
        MdcHook hook = new MdcHook("mdc");
        try (AutoCloseable registration = ResumeHook.register(hook)) {
            MDC.set("the loop thread's own");
            List<String> seenByA = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> seenByB = java.util.Collections.synchronizedList(new ArrayList<>());
            Function<List<String>, Function<Object, Task<?>>> look = seen -> last -> {
                seen.add((Thread.currentThread().getName().startsWith("yieldpoint-cpu") ? "cpu" : "loop") + ": " + MDC.get());
                return Task.completed(null);
            };
            EventLoop.run(() -> {
                Dispatcher home = EventLoop.current();
                Task<Object> a = REQUEST.with("a", () -> Script.start(() -> { }, look.apply(seenByA),
                        last -> switchTo(cpu()), look.apply(seenByA), last -> switchTo(home), look.apply(seenByA)));
                Task<Object> b = Script.start(() -> { }, look.apply(seenByB));
                return all(a, b);
            });
            assertEquals(List.of("loop: a", "cpu: a", "loop: a"), seenByA);
            assertEquals(List.of("loop: null"), seenByB, "a coroutine without the value sees none, not the thread's");
            assertEquals("the loop thread's own", MDC.get(), "restored after every step");
        } finally {
            MDC.remove();
        }
        int before = hook.calls.size();
        Script.start(() -> { }, last -> Task.completed(null)).join();
        assertEquals(before, hook.calls.size(), "closing the registration removed the hook");
    }

    @Test
    void hooksRunInOrderAndAreUndoneInReverseEvenWhenTheStepThrows() throws Exception {
        List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        ResumeHook first = new ResumeHook() {
            @Override
            public Object resumed() {
                calls.add("first resumed");
                return "t1";
            }

            @Override
            public void suspended(Object token) {
                calls.add("first suspended " + token);
            }
        };
        ResumeHook second = new ResumeHook() {
            @Override
            public Object resumed() {
                calls.add("second resumed");
                return "t2";
            }

            @Override
            public void suspended(Object token) {
                calls.add("second suspended " + token);
            }
        };
        IllegalStateException boom = new IllegalStateException("step");
        try (AutoCloseable r1 = ResumeHook.register(first); AutoCloseable r2 = ResumeHook.register(second)) {
            Task<Object> failed = Script.start(() -> { }, last -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalStateException.class, failed::join));
        }
        assertEquals(List.of("first resumed", "second resumed", "second suspended t2", "first suspended t1"), calls);
    }
}
