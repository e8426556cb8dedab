package io.yieldpoint.runtime;

import io.yieldpoint.Co;
import io.yieldpoint.Task;
import io.yieldpoint.internal.Promise;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.runtime.sync.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * State machines written by hand the way the processor generates them: {@code step()} is a
 * {@code switch (label)} in a loop; {@code suspendOn(task, next)} answers true (suspended: return)
 * or false (fast path: fall through to {@code next}, where {@code awaitResult()} reads the value).
 * Each class shows the coroutine body it stands for.
 */
final class Machines {

    private Machines() {}

    /** A thread-safe list of events, with the thread each happened on. */
    static final class Trace {
        private final List<String> events = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final Map<String, Promise<Void>> awaited = new HashMap<>();

        void add(String event) {
            Promise<Void> p;
            synchronized (this) {
                events.add(event);
                threads.add(Thread.currentThread());
                p = awaited.remove(event);
            }
            if (p != null) {
                p.complete(null);
            }
        }

        /** A task that completes when {@code event} is added (at once if it already was). */
        Task<Void> when(String event) {
            synchronized (this) {
                if (!events.contains(event)) {
                    return awaited.computeIfAbsent(event, e -> new Promise<>());
                }
            }
            return Task.completed(null);
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        synchronized List<Thread> threads() {
            return List.copyOf(threads);
        }

        /** The thread the first event named {@code event} happened on. */
        synchronized Thread threadOf(String event) {
            int i = events.indexOf(event);
            if (i < 0) {
                throw new AssertionError("no event '" + event + "' in " + events);
            }
            return threads.get(i);
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<Integer> sum(List<Task<Integer>> tasks) {
     *     int total = 0;
     *     for (int i = 0; i < tasks.size(); i++) {
     *         total += await(tasks.get(i));
     *     }
     *     return done(total);
     * }
     * }</pre>
     * Records "start", every "resumed i" (reached by suspension or fast path) and each suspension.
     */
    static final class Sum extends CoroutineMachine<Integer> {
        private final List<? extends Task<Integer>> tasks;
        private final Trace trace;
        private int total;
        private int i;
        private final AtomicBoolean running = new AtomicBoolean();
        int suspensions;

        Sum(List<? extends Task<Integer>> tasks, Trace trace) {
            this.tasks = tasks;
            this.trace = trace;
        }

        @Override
        protected boolean step() {
            enter();
            boolean suspended = body();
            if (!suspended) {
                running.set(false); // a suspension has cleared it already, before handing the machine on
            }
            return suspended;
        }

        /** Steps of one machine never overlap: a second step entering would find this set. */
        private void enter() {
            if (!running.compareAndSet(false, true)) {
                trace.add("OVERLAP");
            }
        }

        @SuppressWarnings("fallthrough")
        private boolean body() {
            for (;;) {
                switch (label) {
                    case 0:
                        trace.add("start");
                        total = 0;
                        i = 0;
                        label = 1;
                        continue;
                    case 1:
                        if (i == tasks.size()) {
                            returnValue(total);
                            return RETURNED;
                        }
                        // Once suspendOn has registered this machine, the next step may run on another
                        // thread at once: everything this step does is done before, and undone on the
                        // fast path, where nothing was registered and this step goes on.
                        suspensions++;
                        running.set(false);
                        if (suspendOn(tasks.get(i), 2)) {
                            return SUSPENDED;
                        }
                        suspensions--;
                        enter();
                        // fall through: the fast path
                    case 2:
                        total += this.<Integer>awaitResult();
                        trace.add("resumed " + i);
                        i++;
                        label = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<String> guarded(Task<String> task) {
     *     trace("start");
     *     try {
     *         String v = await(task);
     *         trace("got " + v);
     *         return done(v);
     *     } catch (Exception e) {          // kept in caught, then rethrown
     *         trace("caught " + e.getClass().getSimpleName());
     *         throw e;
     *     } finally {
     *         trace("finally");
     *     }
     * }
     * }</pre>
     */
    static final class Guarded extends CoroutineMachine<String> {
        private final Task<String> task;
        private final Trace trace;
        volatile Throwable caught;

        Guarded(Task<String> task, Trace trace) {
            this.task = task;
            this.trace = trace;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() throws Exception {
            switch (label) {
                case 0:
                    trace.add("start");
                    try {
                        if (suspendOn(task, 1)) {
                            return SUSPENDED; // suspended inside the try: finally runs only when it resumes
                        }
                    } catch (Exception e) {
                        caught(e);
                        trace.add("finally");
                        throw e;
                    }
                    // fall through: the fast path
                case 1:
                    try {
                        String v = awaitResult();
                        trace.add("got " + v);
                        returnValue(v);
                    } catch (Exception e) {
                        caught(e);
                        throw e;
                    } finally {
                        trace.add("finally");
                    }
                    return RETURNED;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }

        private void caught(Exception e) {
            caught = e;
            trace.add("caught " + e.getClass().getSimpleName());
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<T> after(Duration delay, T value, Exception failure) {
     *     try {
     *         await(sleep(delay));
     *     } catch (CancellationException e) {
     *         trace(name + " cancelled at its yield point");
     *         throw e;
     *     }
     *     if (failure != null) throw failure;
     *     trace(name + " done");
     *     return done(value);
     * }
     * }</pre>
     */
    static final class After<T> extends CoroutineMachine<T> {
        private final String name;
        private final Duration delay;
        private final T value;
        private final Exception failure;
        private final Trace trace;

        After(String name, Duration delay, T value, Exception failure, Trace trace) {
            this.name = name;
            this.delay = delay;
            this.value = value;
            this.failure = failure;
            this.trace = trace;
        }

        static <T> Task<T> value(String name, Duration delay, T value, Trace trace) {
            return new After<>(name, delay, value, null, trace).start();
        }

        static <T> Task<T> failure(String name, Duration delay, Exception failure, Trace trace) {
            return new After<T>(name, delay, null, failure, trace).start();
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() throws Exception {
            switch (label) {
                case 0:
                    if (suspendOn(Co.sleep(delay), 1)) {
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    try {
                        awaitResult();
                    } catch (CancellationException e) {
                        trace.add(name + " cancelled at its yield point");
                        throw e;
                    }
                    if (failure != null) {
                        trace.add(name + " fails");
                        throw failure;
                    }
                    trace.add(name + " done");
                    returnValue(value);
                    return RETURNED;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<T> awaitStage(CompletionStage<T> stage) {
     *     T v = await(stage);
     *     trace("got " + v);
     *     return done(v);
     * }
     * }</pre>
     */
    static final class AwaitStage<T> extends CoroutineMachine<T> {
        private final CompletionStage<T> stage;
        private final Trace trace;
        int suspensions;

        AwaitStage(CompletionStage<T> stage, Trace trace) {
            this.stage = stage;
            this.trace = trace;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            switch (label) {
                case 0:
                    if (suspendOn(stage, 1)) {
                        suspensions++;
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    T v = awaitResult();
                    trace.add("got " + v);
                    returnValue(v);
                    return RETURNED;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<T> delegate(Task<T> other) {
     *     trace("delegating");
     *     return other;              // not done(...): completes as other does
     * }
     * }</pre>
     */
    static final class Delegate<T> extends CoroutineMachine<T> {
        private final Task<T> other;
        private final Trace trace;

        Delegate(Task<T> other, Trace trace) {
            this.other = other;
            this.trace = trace;
        }

        @Override
        protected boolean step() {
            trace.add("delegating");
            returnTask(other);
            return RETURNED;
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<Integer> fails(Exception before, Task<Integer> task) throws Exception {
     *     if (before != null) throw before;
     *     return done(await(task) + 1);
     * }
     * }</pre>
     */
    static final class Fails extends CoroutineMachine<Integer> {
        private final Exception before;
        private final Task<Integer> task;

        Fails(Exception before, Task<Integer> task) {
            this.before = before;
            this.task = task;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() throws Exception {
            switch (label) {
                case 0:
                    if (before != null) {
                        throw before;
                    }
                    if (suspendOn(task, 1)) {
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    int v = awaitResult();
                    returnValue(v + 1);
                    return RETURNED;
                default:
                    throw new IllegalStateException("bad label " + label);
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<T> script(List<Function<Object, Task<?>>> steps, Runnable onFinally) {
     *     try {
     *         Object last = null;
     *         for (Function<Object, Task<?>> step : steps) {
     *             last = await(step.apply(last));     // each step makes the next task to await
     *         }
     *         return done((T) last);
     *     } finally {
     *         onFinally.run();
     *     }
     * }
     * }</pre>
     * The general-purpose stand-in for a generated coroutine: a step may trace, start other
     * coroutines, throw, or return any task to await.
     */
    static final class Script<T> extends CoroutineMachine<T> {
        private final List<Function<Object, ? extends Task<?>>> steps;
        private final Runnable onFinally;
        private int i;
        private Object last;

        Script(List<Function<Object, ? extends Task<?>>> steps, Runnable onFinally) {
            this.steps = steps;
            this.onFinally = onFinally;
        }

        /** Starts a script of {@code steps} whose finally block runs {@code onFinally}. */
        @SafeVarargs
        static <T> Task<T> start(Runnable onFinally, Function<Object, ? extends Task<?>>... steps) {
            return new Script<T>(List.of(steps), onFinally).start();
        }

        /** Starts a script that traces {@code name + " finally"} in its finally block. */
        @SafeVarargs
        static <T> Task<T> traced(Trace trace, String name, Function<Object, ? extends Task<?>>... steps) {
            return start(() -> trace.add(name + " finally"), steps);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected boolean step() {
            boolean suspended = false;
            try {
                while (i < steps.size()) {
                    if (label == 0) {
                        Task<?> next = steps.get(i).apply(last);
                        if (suspendOn(next, 1)) {
                            suspended = true;
                            return SUSPENDED;
                        }
                    }
                    last = awaitResult();
                    label = 0;
                    i++;
                }
                returnValue((T) last);
                return RETURNED;
            } finally {
                if (!suspended) {
                    onFinally.run();
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<List<T>> drain(Channel<T> channel) {
     *     List<T> got = new ArrayList<>();
     *     while (true) {
     *         T v = await(channel.receiveOrNull());
     *         if (v == null) break;
     *         got.add(v);
     *     }
     *     return done(got);
     * }
     * }</pre>
     */
    static final class Drain<T> extends CoroutineMachine<List<T>> {
        private final Channel<T> channel;
        private final List<T> got = new ArrayList<>();

        Drain(Channel<T> channel) {
            this.channel = channel;
        }

        static <T> Task<List<T>> of(Channel<T> channel) {
            return new Drain<>(channel).start();
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            for (;;) {
                switch (label) {
                    case 0:
                        if (suspendOn(channel.receiveOrNull(), 1)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 1:
                        T v = awaitResult();
                        if (v == null) {
                            returnValue(got);
                            return RETURNED;
                        }
                        got.add(v);
                        label = 0;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine default Task<Void> produce(Channel<T> channel, List<T> values, boolean close) {
     *     for (T v : values) {
     *         await(channel.send(v));
     *     }
     *     if (close) channel.close();
     *     return done();
     * }
     * }</pre>
     */
    static final class Produce<T> extends CoroutineMachine<Void> {
        private final Channel<T> channel;
        private final List<T> values;
        private final boolean close;
        private int i;

        Produce(Channel<T> channel, List<T> values, boolean close) {
            this.channel = channel;
            this.values = values;
            this.close = close;
        }

        static <T> Task<Void> of(Channel<T> channel, List<T> values, boolean close) {
            return new Produce<>(channel, values, close).start();
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            for (;;) {
                switch (label) {
                    case 0:
                        if (i == values.size()) {
                            if (close) {
                                channel.close();
                            }
                            returnValue(null);
                            return RETURNED;
                        }
                        if (suspendOn(channel.send(values.get(i)), 1)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 1:
                        awaitResult();
                        i++;
                        label = 0;
                        continue;
                    default:
                        throw new IllegalStateException("bad label " + label);
                }
            }
        }
    }

    /**
     * A dispatcher the test drives: it queues what it is given (or, refusing, throws), runs the
     * queue when told, and keeps what is reported to it as uncaught.
     */
    /**
     * {@code cancel(); return done(await(next.get()));}: a coroutine cancelled while it runs, which
     * meets its first yield point cancelled, with the task {@code next} makes (already holding
     * something for it, a channel element or a lock, which it must give back).
     */
    static final class CancelledBeforeAwait<T> extends CoroutineMachine<T> {
        private final java.util.function.Supplier<? extends Task<T>> next;

        private CancelledBeforeAwait(java.util.function.Supplier<? extends Task<T>> next) {
            this.next = next;
        }

        /** Starts it on the calling thread: it ends within its first step. */
        static <T> CoroutineMachine<T> start(java.util.function.Supplier<? extends Task<T>> next) {
            CancelledBeforeAwait<T> m = new CancelledBeforeAwait<>(next);
            m.start();
            return m;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected boolean step() {
            switch (label) {
                case 0:
                    cancel();
                    if (suspendOn(next.get(), 1)) {
                        return SUSPENDED;
                    }
                    // fall through
                case 1:
                    returnValue(awaitResult());
                    return RETURNED;
                default:
                    throw new IllegalStateException("label " + label);
            }
        }
    }

    static final class ManualDispatcher implements io.yieldpoint.Dispatcher {
        private final boolean refuse;
        final List<Runnable> queued = new ArrayList<>();
        final List<Throwable> reported = java.util.Collections.synchronizedList(new ArrayList<>());

        ManualDispatcher(boolean refuse) {
            this.refuse = refuse;
        }

        /** Starts {@code machine} with this dispatcher current, so that it resumes here. */
        <T> Task<T> start(CoroutineMachine<T> machine) {
            io.yieldpoint.Dispatcher previous = io.yieldpoint.internal.CurrentDispatcher.enter(this);
            try {
                return machine.start();
            } finally {
                io.yieldpoint.internal.CurrentDispatcher.restore(previous);
            }
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove(0).run();
            }
        }

        @Override
        public void execute(Runnable task) {
            if (refuse) {
                throw new java.util.concurrent.RejectedExecutionException("refused");
            }
            queued.add(task);
        }

        @Override
        public io.yieldpoint.Cancellable schedule(long delayNanos, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean refusesBlocking() {
            return false;
        }

        @Override
        public String name() {
            return refuse ? "refusing" : "manual";
        }

        @Override
        public void reportUncaught(Object source, Throwable failure) {
            reported.add(failure);
        }
    }
}
