package io.yieldpoint.processor.random;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.yieldpoint.processor.CoroutineProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Many generated programs as the {@code @Coroutine} methods of one interface (compiling is the slow
 * part, so one compilation serves many programs), with the helpers they await, the exceptions
 * they throw, and a plain implementation that records {@code trace} calls.
 *
 * <pre>
 * package yprand;
 * public interface Batch3 {
 *     void trace(String s);
 *     &#64;Coroutine default Task&lt;Integer&gt; later(int v) { await(yieldNow()); return done(v); }
 *     ...helpers...
 *     &#64;Coroutine default Task&lt;Integer&gt; m0(int p, String q) { ...program 0... }
 *     ...
 * }
 * public final class Batch3Impl implements Batch3 { public final List&lt;String&gt; log = ...; }
 * </pre>
 */
final class ProgramBatch {

    static final String PACKAGE = "yprand";

    /** One program of the batch: its seed, text, and the lines it spans in the interface source. */
    record Entry(long seed, int ordinal, ProgramGenerator.Program program, int firstLine, int lastLine) {}

    private static final String HELPERS = """
                void trace(String s);

                /** A plain default method: through of(...), it runs on the delegate. */
                default int twice(int v) {
                    return 2 * v;
                }

                /** Completes with v after a turn of the loop: a pending task. */
                @Coroutine
                default Task<Integer> later(int v) {
                    await(yieldNow());
                    return done(v);
                }

                @Coroutine
                default Task<Long> laterLong(long v) {
                    await(yieldNow());
                    return done(v);
                }

                @Coroutine
                default Task<Boolean> laterBool(boolean v) {
                    await(sleep(0));
                    return done(v);
                }

                /** Completes with v after a timer. */
                @Coroutine
                default Task<String> laterStr(String v) {
                    await(sleep(0));
                    return done(v);
                }

                /**
                 * An async stream of vs, awaiting before each value and in its finally: it traces
                 * nothing, so the eager blocking reading and the lazy machine trace alike.
                 */
                @Coroutine
                default AsyncStream<Integer> values(List<Integer> vs) {
                    try {
                        for (int v : vs) {
                            await(yieldNow());
                            emit(v);
                        }
                    } finally {
                        await(sleep(0));
                    }
                    return end();
                }

                /** Fails with E2(m) after a turn of the loop. */
                @Coroutine
                default Task<Integer> laterFail(String m) {
                    trace("laterFail:" + m);
                    await(yieldNow());
                    throw new E2(m);
                }
            """;

    final String name;
    final List<Entry> entries;
    final String interfaceSource;

    ProgramBatch(String name, List<long[]> seedsAndOrdinals, GeneratorOptions options) {
        this.name = name;
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(PACKAGE).append(";\n\n")
                .append("import static io.yieldpoint.Co.*;\n\n")
                .append("import io.yieldpoint.AsyncStream;\n")
                .append("import io.yieldpoint.Coroutine;\n")
                .append("import io.yieldpoint.Task;\n")
                .append("import java.util.Arrays;\n")
                .append("import java.util.List;\n")
                .append("import java.util.function.IntSupplier;\n\n")
                .append("public interface ").append(name).append(" {\n")
                .append(HELPERS);
        List<Entry> list = new ArrayList<>();
        for (int i = 0; i < seedsAndOrdinals.size(); i++) {
            long seed = seedsAndOrdinals.get(i)[0];
            int ordinal = (int) seedsAndOrdinals.get(i)[1];
            ProgramGenerator.Program program = new ProgramGenerator(seed, options).generate("m" + i);
            sb.append('\n');
            int first = lineOf(sb);
            sb.append(program.source());
            list.add(new Entry(seed, ordinal, program, first, lineOf(sb) - 1));
        }
        sb.append("}\n");
        this.entries = List.copyOf(list);
        this.interfaceSource = sb.toString();
    }

    /** The 1-based number of the line the next character goes on. */
    private static int lineOf(StringBuilder sb) {
        int lines = 1;
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    List<JavaFileObject> sources() {
        List<JavaFileObject> files = new ArrayList<>();
        for (String e : List.of("E1", "E2", "E3")) {
            files.add(JavaFileObjects.forSourceString(PACKAGE + "." + e,
                    "package " + PACKAGE + ";\n\npublic class " + e + " extends RuntimeException {\n"
                            + "    public " + e + "(String message) {\n        super(message);\n    }\n}\n"));
        }
        files.add(JavaFileObjects.forSourceString(PACKAGE + "." + name, interfaceSource));
        files.add(JavaFileObjects.forSourceString(PACKAGE + "." + name + "Impl",
                "package " + PACKAGE + ";\n\n"
                        + "public final class " + name + "Impl implements " + name + " {\n"
                        + "    public final java.util.List<String> log = java.util.Collections.synchronizedList(new java.util.ArrayList<>());\n\n"
                        + "    @Override\n    public void trace(String s) {\n        log.add(s);\n    }\n}\n"));
        return files;
    }

    Compilation compile(boolean withProcessor) {
        Compiler javac = Compiler.javac();
        if (withProcessor) {
            javac = javac.withProcessors(new CoroutineProcessor());
        }
        return javac.compile(sources());
    }

    /** The entry whose method holds {@code line} of the interface source, or null. */
    Entry entryAt(long line) {
        for (Entry e : entries) {
            if (line >= e.firstLine() && line <= e.lastLine()) {
                return e;
            }
        }
        return null;
    }

    static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "?" : d.getSource().getName();
        return file + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": " + d.getKind().toString().toLowerCase(Locale.ROOT)
                + ": " + d.getMessage(Locale.ROOT);
    }

    /**
     * The text of the generated {@code <Name>Coroutines} source, if the processor wrote it. After a
     * failed compilation compile-testing hides the generated files: processing alone
     * ({@code -proc:only}) gives them.
     */
    String generatedSource(Compilation compilation) {
        if (compilation.status() != Compilation.Status.SUCCESS) {
            compilation = Compiler.javac().withProcessors(new CoroutineProcessor()).withOptions("-proc:only").compile(sources());
            if (compilation.status() != Compilation.Status.SUCCESS) {
                return null;
            }
        }
        return compilation.generatedSourceFile(PACKAGE + "." + name + "Coroutines").map(f -> {
            try {
                return f.getCharContent(true).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
    }

    /** Loads the class files of a compilation; everything else comes from the test's class loader. */
    static final class GeneratedClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes = new HashMap<>();

        GeneratedClassLoader(Compilation compilation, ClassLoader parent) {
            super(parent);
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() != JavaFileObject.Kind.CLASS) {
                    continue;
                }
                String path = file.toUri().getPath();
                int at = path.indexOf("CLASS_OUTPUT/");
                String binary = path.substring(at < 0 ? 1 : at + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
                        .replace('/', '.');
                try (InputStream in = file.openInputStream()) {
                    classes.put(binary, in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
