package io.yieldpoint.it;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Generator;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The differential harness: runs one call of a corpus coroutine in a {@link Reading} and describes
 * what happened as an {@link Outcome} (trace, value, exception), so that a test can compare the
 * generated state machine with the blocking reading of the same body, the oracle.
 */
final class Differential {

    private Differential() {}

    /** The ways of running a coroutine body. */
    enum Reading {
        /** The default method as written, on a plain thread: {@code await} blocks, {@code emit} collects. */
        BLOCKING,
        /** The generated state machine inside {@code EventLoop.run}. */
        EVENT_LOOP,
        /** The generated state machine called from a plain thread, outside any loop, then joined. */
        PLAIN_THREAD,
        /**
         * Generators only: the generated machine, the same {@code Generator} iterated twice; the
         * value is the list of both iterations, the trace that of both runs of the body.
         */
        ITERATED_TWICE
    }

    /** A call of a corpus method; it may throw, checked exceptions included, as the method does. */
    @FunctionalInterface
    interface Call<I, R> {
        R apply(I target) throws Exception;
    }

    /** What a run did: the trace it recorded, and its value or its exception. */
    record Outcome(List<String> trace, Object value, Throwable error) {

        /**
         * Same value, or same exception class and message. A {@code NullPointerException}'s message
         * is the JVM's description of the bytecode that failed ("because the return value of
         * Co.await(...) is null"), which no translation can keep: its class alone is compared.
         */
        boolean sameResult(Outcome other) {
            if (error == null || other.error == null) {
                return error == other.error && Objects.equals(value, other.value);
            }
            return error.getClass() == other.error.getClass()
                    && (error instanceof NullPointerException
                            || Objects.equals(error.getMessage(), other.error.getMessage()));
        }

        @Override
        public String toString() {
            return "trace=" + trace + "\n        " + (error == null ? "value=" + describe(value) : "threw " + error);
        }

        private static String describe(Object v) {
            return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
        }
    }

    /**
     * One call of a corpus method with fixed arguments.
     *
     * @param name the method and its arguments, printed when the case fails
     * @param run runs the call in the given reading, on fresh objects
     * @param generator whether the call returns a {@code Generator} rather than a {@code Task}
     * @param sameInstance if not null, the exception instance that every reading must throw
     */
    record Case(String name, Function<Reading, Outcome> run, boolean generator, Throwable sameInstance) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A corpus interface: how to make a plain implementation (whose default methods are the blocking
     * reading) and how to wrap one in the generated class.
     */
    record Corpus<I extends Traced>(String name, Supplier<? extends I> plain, UnaryOperator<I> generated) {

        /** A case calling a {@code Task} coroutine; {@code args} is only for the case's name. */
        Case task(String method, String args, Call<I, Task<?>> call) {
            return task(method, args, call, null);
        }

        /** As {@link #task(String, String, Call)}, expecting {@code sameInstance} to be thrown. */
        Case task(String method, String args, Call<I, Task<?>> call, Throwable sameInstance) {
            return new Case(label(method, args), reading -> run(reading, call::apply), false, sameInstance);
        }

        /** A case calling an {@code AsyncStream} coroutine and collecting what it emits. */
        Case stream(String method, String args, Call<I, AsyncStream<?>> call) {
            return new Case(label(method, args), reading -> run(reading, call::apply), false, null);
        }

        /** A case calling a {@code Generator} coroutine and iterating what it returns. */
        Case generator(String method, String args, Call<I, Generator<?>> call) {
            return new Case(label(method, args), reading -> run(reading, call::apply), true, null);
        }

        private String label(String method, String args) {
            return name + "." + method + "(" + args + ")";
        }

        private Outcome run(Reading reading, Call<I, Object> call) {
            I impl = plain.get();
            return outcome(reading, reading == Reading.BLOCKING ? impl : generated.apply(impl), impl.log(), call);
        }
    }

    /** A call of a corpus method that records its trace in a log passed as an argument. */
    @FunctionalInterface
    interface LogCall<I, R> {
        R apply(I target, List<String> log) throws Exception;
    }

    /**
     * A corpus interface without abstract methods, so with {@code create()}: its coroutines take the
     * log as a parameter.
     */
    record Standalone<I>(String name, Supplier<? extends I> plain, Supplier<? extends I> generated) {

        /** A case calling a {@code Task} coroutine with a fresh log. */
        Case task(String method, String args, LogCall<I, Task<?>> call) {
            return new Case(name + "." + method + "(log, " + args + ")", reading -> {
                List<String> log = newLog();
                I target = reading == Reading.BLOCKING ? plain.get() : generated.get();
                return outcome(reading, target, log, t -> call.apply(t, log));
            }, false, null);
        }
    }

    /** Runs {@code call} on {@code target} in {@code reading}; the trace is what {@code log} holds after. */
    private static <I> Outcome outcome(Reading reading, I target, List<String> log, Call<I, Object> call) {
        Object value = null;
        Throwable error = null;
        try {
            value = switch (reading) {
                case BLOCKING, PLAIN_THREAD -> settle(call.apply(target));
                case EVENT_LOOP -> EventLoop.run(() -> asTask(call, target));
                case ITERATED_TWICE -> {
                    Generator<?> g = (Generator<?>) call.apply(target);
                    yield List.of(toList(g), toList(g));
                }
            };
        } catch (Throwable t) {
            error = t;
        }
        List<String> trace;
        synchronized (log) {
            trace = List.copyOf(log);
        }
        return new Outcome(trace, value, error);
    }

    /** A log that several threads may append to, one after the other. */
    static List<String> newLog() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    /** A task's result as an {@code Object}; a generator, iterated on the loop thread, as a completed task. */
    @SuppressWarnings("unchecked")
    private static <I> Task<Object> asTask(Call<I, Object> call, I target) {
        Object returned;
        try {
            returned = call.apply(target);
        } catch (Exception e) {
            return Task.failed(e); // thrown before the first suspension: EventLoop.run rethrows it
        }
        if (returned instanceof AsyncStream<?> s) {
            return (Task<Object>) (Task<?>) s.toList(); // before Task: a stream's machine is also its own task
        }
        return returned instanceof Task<?> t ? (Task<Object>) t : Task.completed(settle(returned));
    }

    /** The value of what a call returned: a task joined, a generator iterated into a list. */
    static Object settle(Object returned) {
        if (returned instanceof AsyncStream<?> stream) {
            return stream.toList().join();
        }
        if (returned instanceof Task<?> task) {
            return task.join();
        }
        if (returned instanceof Generator<?> generator) {
            return toList(generator);
        }
        throw new AssertionError("a corpus call returned neither a Task, a Generator nor an AsyncStream: " + returned);
    }

    /** The values of one iteration. */
    static List<Object> toList(Iterable<?> values) {
        List<Object> list = new ArrayList<>();
        for (Object v : values) {
            list.add(v);
        }
        return list;
    }
}
