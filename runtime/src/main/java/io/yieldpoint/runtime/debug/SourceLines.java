package io.yieldpoint.runtime.debug;

import io.yieldpoint.internal.AbstractTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where each generated state machine came from: the line tables the processor writes into every
 * generated file, and what the runtime does with them: stack traces in the user's terms, and the
 * source lines of a coroutine dump.
 *
 * <h2>The line tables</h2>
 * A generated {@code FetcherCoroutines.java} ends with a static block that calls
 * {@code io.yieldpoint.runtime.machine.LineTables.register} (the generated-code ABI, which checks
 * the format's version and hands the tables here) once per state machine: the machine's class, the interface and the method it
 * came from, the source file, the original line of each state ({@code label}), and pairs mapping
 * lines of the generated file to lines of the user's file. The pairs come from the
 * {@code // Fetcher.java:42} comments the processor writes above each lowered statement: a
 * generated line belongs to the comment above it. The block runs when the generated class
 * initializes, which is before any of its machines can run.
 *
 * <h2>Stack traces</h2>
 * When an exception leaves a coroutine, {@link #rewrite} replaces each frame of a generated
 * machine ({@code FetcherCoroutines$FetchDataMachine.step(FetcherCoroutines.java:131)}) by the
 * frame the user wrote ({@code demo.Fetcher.fetchData(Fetcher.java:42)}), and drops the frames of
 * the runtime's own plumbing between two coroutines (starting and stepping a machine, the
 * generated entry method). A trace of coroutines that called each other without suspending then
 * reads as the same code run as plain Java would.
 *
 * <p>Across a suspension the awaiting coroutine is no longer on the stack: when it resumes with
 * the failure, {@link #awaitedBy} inserts its frame, at the line of its {@code await}, after the
 * coroutine frames already there and before the dispatcher's (the event loop's) frames. Each
 * awaiter adds its frame in turn, so the trace shows the chain of awaits as if it had been one
 * call stack (the "async stack"). The exception keeps its identity: the trace of the very
 * instance that was thrown is edited, so two coroutines awaiting the same failed task both add
 * their frames to it.
 *
 * <h2>Cost</h2>
 * Nothing on the paths that do not fail. A failure costs one {@code getStackTrace()} copy and one
 * {@code setStackTrace} per coroutine it leaves, in the same order as the cost of creating the
 * exception. {@code -Dyieldpoint.stackTraces=false} turns the rewriting and the async frames off.
 */
public final class SourceLines {

    /** Whether stack traces are rewritten: {@code -Dyieldpoint.stackTraces=false} turns it off. */
    public static final boolean STACK_TRACES = !"false".equalsIgnoreCase(System.getProperty("yieldpoint.stackTraces"));

    private static final ConcurrentHashMap<String, Machine> MACHINES = new ConcurrentHashMap<>();
    /** Binary names of the generated top-level classes: their frames are the entry methods. */
    private static final ConcurrentHashMap<String, Boolean> GENERATED = new ConcurrentHashMap<>();

    private SourceLines() {}

    /**
     * Records the tables of one state machine; through {@code LineTables.register}, which generated
     * code calls once per state machine when the generated class initializes.
     *
     * @param generated the generated top-level class ({@code FetcherCoroutines})
     * @param machine the simple name of the machine's nested class ({@code FetchDataMachine})
     * @param declaringClass the binary name of the interface ({@code demo.Fetcher})
     * @param method the coroutine method's name
     * @param file the interface's source file name ({@code Fetcher.java})
     * @param stateLines the original line of each state, in label order: {@code "16,18,21"}
     * @param lineMap pairs {@code generated:original}, by increasing generated line:
     *     {@code "61:16 115:17"}; a generated line maps to the original line of the last pair at
     *     or before it, plus its distance from that pair
     */
    public static void register(Class<?> generated, String machine, String declaringClass, String method,
            String file, String stateLines, String lineMap) {
        GENERATED.put(generated.getName(), Boolean.TRUE);
        MACHINES.put(generated.getName() + "$" + machine,
                new Machine(declaringClass, method, file, parseStates(stateLines), parseLineMap(lineMap)));
    }

    private static int[] parseStates(String text) {
        return text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** {@code "61:16 133-136:21"} as pairs; a range maps each of its lines to the same line. */
    private static int[] parseLineMap(String text) {
        List<Integer> pairs = new ArrayList<>();
        for (String entry : text.isEmpty() ? new String[0] : text.split(" ")) {
            int colon = entry.indexOf(':');
            int dash = entry.indexOf('-');
            if (colon < 0) {
                throw new IllegalArgumentException("not a line-map entry: " + entry + " in " + text);
            }
            int first = Integer.parseInt(entry.substring(0, dash < 0 ? colon : dash));
            int last = dash < 0 ? first : Integer.parseInt(entry.substring(dash + 1, colon));
            int original = Integer.parseInt(entry.substring(colon + 1));
            for (int line = first; line <= last; line++) {
                pairs.add(line);
                pairs.add(original);
            }
        }
        return pairs.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What the processor recorded about one machine: read-only, its tables kept inside. */
    public static final class Machine {
        private final String declaringClass;
        private final String method;
        private final String file;
        private final int[] stateLines;
        private final int[] lineMap;

        Machine(String declaringClass, String method, String file, int[] stateLines, int[] lineMap) {
            this.declaringClass = declaringClass;
            this.method = method;
            this.file = file;
            this.stateLines = stateLines;
            this.lineMap = lineMap;
        }

        /** The binary name of the interface the coroutine is declared in ({@code demo.Fetcher}). */
        public String declaringClass() {
            return declaringClass;
        }

        /** The coroutine method's name. */
        public String method() {
            return method;
        }

        /** The source file's name ({@code Fetcher.java}). */
        public String file() {
            return file;
        }

        /** The original line of state {@code label}, or -1. */
        public int stateLine(int label) {
            return label >= 0 && label < stateLines.length ? stateLines[label] : -1;
        }

        /**
         * The original line of generated line {@code line}: that of the last pair at or before it,
         * plus the distance from it (statements copied without yield points keep their lines).
         */
        public int originalLine(int line) {
            int found = stateLines.length > 0 ? stateLines[0] : -1;
            for (int i = 0; i < lineMap.length; i += 2) {
                if (lineMap[i] > line) {
                    break;
                }
                found = lineMap[i + 1] + (line - lineMap[i]);
            }
            return found;
        }

        /** A stack frame at {@code line} of the user's method. */
        public StackTraceElement frame(int line) {
            return new StackTraceElement(declaringClass, method, file, line);
        }

        /** {@code Fetcher.fetchData}: how dumps name the coroutine. */
        public String displayName() {
            int dot = declaringClass.lastIndexOf('.');
            return declaringClass.substring(dot + 1) + "." + method;
        }
    }

    /** The table of a machine class, or null for a class the processor did not generate. */
    public static @Nullable Machine of(Class<?> machineClass) {
        return MACHINES.get(machineClass.getName());
    }

    /**
     * The trace of {@code t} in the user's terms: frames of generated machines replaced by the
     * lines they came from, the runtime's frames between coroutines dropped; the same for its
     * causes and suppressed exceptions, which may have been made inside a coroutine's step without
     * ever leaving it (an exception caught in the body and wrapped: {@code throw new
     * UncheckedIOException(e)}). Idempotent. Does nothing if stack traces are turned off.
     */
    public static void rewrite(@Nullable Throwable t) {
        if (!STACK_TRACES || t == null) {
            return;
        }
        if (t.getCause() == null && t.getSuppressed().length == 0) {
            rewriteOne(t); // the common case: no set to allocate
            return;
        }
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(t);
        while (!todo.isEmpty()) {
            Throwable next = todo.poll();
            if (!seen.add(next)) {
                continue; // a cycle of causes, or one exception suppressed twice
            }
            rewriteOne(next);
            Throwable cause = next.getCause();
            if (cause != null) {
                todo.add(cause);
            }
            java.util.Collections.addAll(todo, next.getSuppressed());
        }
    }

    private static void rewriteOne(Throwable t) {
        synchronized (t) {
            StackTraceElement[] trace = t.getStackTrace();
            List<StackTraceElement> out = new ArrayList<>(trace.length);
            boolean changed = false;
            for (StackTraceElement e : trace) {
                // Machines are nested classes: only names with a '$' are looked up.
                Machine m = e.getClassName().indexOf('$') >= 0 ? MACHINES.get(e.getClassName()) : null;
                if (m != null) {
                    out.add(m.frame(m.originalLine(e.getLineNumber())));
                    changed = true;
                } else if (isPlumbing(e)) {
                    changed = true;
                } else {
                    out.add(e);
                }
            }
            if (changed) {
                t.setStackTrace(out.toArray(StackTraceElement[]::new));
            }
        }
    }

    /** The runtime's classes that start and step machines: their frames are plumbing. */
    private static final java.util.Set<String> PLUMBING = java.util.Set.of(
            "io.yieldpoint.runtime.machine.CoroutineMachine", "io.yieldpoint.runtime.machine.GeneratorMachine",
            "io.yieldpoint.runtime.internal.CoroutineContext");

    /** A frame of starting or stepping a machine, which a plain call would not have had. */
    private static boolean isPlumbing(StackTraceElement e) {
        String c = e.getClassName();
        if (c.startsWith("io.yieldpoint.runtime.")) {
            return PLUMBING.contains(c);
        }
        return c.endsWith("Coroutines") && GENERATED.containsKey(c); // generated classes end so
    }

    /**
     * A machine of class {@code awaiter} resumed from {@code await} with {@code t}: adds the
     * awaiter's frame, at the line of its {@code await} ({@code label}), unless the trace already
     * has it (the failure happened in a call the awaiter made without suspending).
     */
    public static void awaitedBy(Throwable t, Class<?> awaiter, int label) {
        Machine m = of(awaiter);
        if (!STACK_TRACES || m == null) {
            return;
        }
        // No rewrite(t) here: a failure that left a coroutine was rewritten then.
        StackTraceElement frame = m.frame(m.stateLine(label));
        synchronized (t) {
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length == 0) {
                return; // an exception without a writable stack trace
            }
            int at = trace.length;
            for (int i = 0; i < trace.length; i++) {
                if (trace[i].equals(frame)) {
                    return;
                }
                if (at == trace.length && i > 0 && isDispatcher(trace[i])) {
                    at = i;
                }
            }
            StackTraceElement[] out = new StackTraceElement[trace.length + 1];
            System.arraycopy(trace, 0, out, 0, at);
            out[at] = frame;
            System.arraycopy(trace, at, out, at + 1, trace.length - at);
            t.setStackTrace(out);
        }
    }

    /** A frame of the machinery that ran the step: an event loop, a pool, a task completing. */
    private static boolean isDispatcher(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("io.yieldpoint.runtime.") || c.startsWith("io.yieldpoint.internal.")
                || c.startsWith("java.util.concurrent.");
    }

    /**
     * The innermost frame of a generated machine in {@code stack}, as the frame of the user's
     * method at the user's line ({@code demo.Fetcher.fetchData(Fetcher.java:42)}), or null if no
     * coroutine is on it. For reports about a thread that is running a coroutine's step now.
     */
    public static @Nullable StackTraceElement coroutineFrame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            Machine m = e.getClassName().indexOf('$') >= 0 ? MACHINES.get(e.getClassName()) : null;
            if (m != null) {
                return m.frame(m.originalLine(e.getLineNumber()));
            }
        }
        return null;
    }

    /** For a dump: what {@code task} is, in the user's terms when it is a coroutine. */
    public static String describeTask(@Nullable Object task) {
        if (task instanceof Inspectable c) {
            Machine m = of(c.getClass());
            Class<?> type = c.getClass();
            String name = m != null ? m.displayName() : type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
            return name + "@" + Integer.toHexString(System.identityHashCode(c));
        }
        if (task instanceof AbstractTask<?> || task == null) {
            return String.valueOf(task);
        }
        return task.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(task));
    }
}
