package io.yieldpoint.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.yieldpoint.processor.WrappedEnvironments.Created;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What build tools need of the processor. Gradle runs it as an <em>isolating</em> processor: each
 * generated file must name exactly one originating element, the interface it comes from, and the
 * processor must not read or write other files. Gradle and IntelliJ hand it a wrapped processing
 * environment, behind which the processor must still find javac's Trees. The wrappers here are made
 * by hand, shaped like the tools' (a delegating class with a private field; a {@code Proxy}).
 */
class BuildToolEnvironmentTest {

    private static final JavaFileObject DOUBLER = JavaFileObjects.forSourceString("demo.Doubler", """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;

            public interface Doubler {
                @Coroutine
                default Task<Integer> twice(int n) {
                    int once = n;
                    await(sleep(1));
                    return done(once * 2);
                }
            }
            """);

    private static final JavaFileObject BASE = JavaFileObjects.forSourceString("demo.Base", """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;

            public interface Base {
                @Coroutine
                default Task<String> name() {
                    await(yieldNow());
                    return done("base");
                }
            }
            """);

    private static final JavaFileObject DERIVED = JavaFileObjects.forSourceString("demo.Derived", """
            package demo;

            import static io.yieldpoint.Co.*;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Task;

            public interface Derived extends Base {
                @Coroutine
                default Task<String> greeting() {
                    return done("hello " + await(name()));
                }
            }
            """);

    private static final JavaFileObject OUTER = JavaFileObjects.forSourceString("demo.Outer", """
            package demo;

            import io.yieldpoint.Coroutine;
            import io.yieldpoint.Generator;
            import io.yieldpoint.Co;

            public class Outer {
                public interface Inner {
                    @Coroutine
                    default Generator<Integer> two() {
                        Co.emit(1);
                        Co.emit(2);
                        return Co.end();
                    }
                }

                public interface Plain {
                    default int notACoroutine() {
                        return 0;
                    }
                }
            }
            """);

    // ---------------------------------------------------------------- Gradle: isolating

    @Test
    void everyGeneratedFileHasItsInterfaceAsTheOnlyOriginatingElement() {
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        Compilation compilation = compile(env -> new WrappedEnvironments.DelegatingEnvironment(env, created),
                DOUBLER, BASE, DERIVED, OUTER);
        assertThat(compilation).succeededWithoutWarnings();

        Map<String, String> originByFile = new TreeMap<>();
        for (Created c : created) {
            assertEquals("source", c.kind(), () -> "an isolating processor only creates source files: " + created);
            assertEquals(1, c.originatingElements().size(), () -> "exactly one originating element: " + c);
            Element origin = c.originatingElements().get(0);
            assertTrue(origin instanceof TypeElement, () -> "the origin is the interface: " + c);
            originByFile.put(c.name(), ((TypeElement) origin).getQualifiedName().toString());
        }
        assertEquals(Map.of(
                "demo.DoublerCoroutines", "demo.Doubler",
                "demo.BaseCoroutines", "demo.Base",
                "demo.DerivedCoroutines", "demo.Derived",
                "demo.Outer_InnerCoroutines", "demo.Outer.Inner"), originByFile);
    }

    @Test
    void theProcessorIsDeclaredIsolatingForGradle() throws IOException {
        List<String> declarations = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/gradle/incremental.annotation.processors"))) {
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.contains("io.yieldpoint")) {
                    text.lines().filter(l -> !l.isBlank()).forEach(declarations::add);
                }
            }
        }
        assertEquals(List.of(CoroutineProcessor.class.getName() + ",isolating"), declarations);
    }

    // ---------------------------------------------------------------- wrapped environments

    @Test
    void gradleStyleDelegatingWrapper() {
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        Compilation compilation = compile(env -> new WrappedEnvironments.DelegatingEnvironment(env, created), DOUBLER);
        expectGenerated(compilation);
        assertEquals(1, created.size(), "the file was created through the wrapper's Filer: " + created);
    }

    @Test
    void delegateFieldInASuperclassWithAnotherNameAndTypeObject() {
        expectGenerated(compile(WrappedEnvironments.SubclassedEnvironment::new, DOUBLER));
    }

    @Test
    void intellijStyleProxy() {
        expectGenerated(compile(WrappedEnvironments::proxy, DOUBLER));
    }

    @Test
    void proxyWhoseHandlerIsALambda() {
        expectGenerated(compile(WrappedEnvironments::proxyWithLambdaHandler, DOUBLER));
    }

    @Test
    void wrappersNested() {
        List<Created> created = Collections.synchronizedList(new ArrayList<>());
        expectGenerated(compile(env -> WrappedEnvironments.proxy(
                new WrappedEnvironments.SubclassedEnvironment(new WrappedEnvironments.DelegatingEnvironment(env, created))),
                DOUBLER));
        assertEquals(1, created.size(), created::toString);
    }

    @Test
    void aWrapperThatCannotBeUnwrappedGivesOneClearError() {
        Compilation compilation = compile(WrappedEnvironments::opaque, DOUBLER);
        assertThat(compilation).failed();
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
        assertEquals(1, errors.size(), errors::toString);
        String message = errors.get(0).getMessage(null);
        assertTrue(message.startsWith("[YP-NoTrees] "), message);
        assertTrue(message.contains("$Proxy"), () -> "names the environment's class: " + message);
        assertTrue(message.contains("javac") && message.contains("-proc:only"), () -> "names the way out: " + message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), () -> "no stack trace: " + message);
    }

    private static Compilation compile(UnaryOperator<ProcessingEnvironment> wrap, JavaFileObject... sources) {
        return Compiler.javac()
                .withProcessors(WrappedEnvironments.wrapping(new CoroutineProcessor(), wrap))
                .withOptions("-Xlint:all")
                .compile(sources);
    }

    private static void expectGenerated(Compilation compilation) {
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("demo.DoublerCoroutines")
                .contentsAsUtf8String().contains("final class DoublerCoroutines implements Doubler");
    }
}
