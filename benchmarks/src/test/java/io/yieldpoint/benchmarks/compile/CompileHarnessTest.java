package io.yieldpoint.benchmarks.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile-time harness's floor is a fair one: its hand-written minimal machines compile and
 * answer what the interface's methods answer when read as blocking code.
 */
class CompileHarnessTest {

    @Test
    void minimalMachinesAnswerAsTheBlockingReadingDoes(@TempDir Path dir) throws Exception {
        Path many = dir.resolve("src/bench/Many.java");
        Path machines = dir.resolve("src/bench/ManyCoroutines.java");
        Files.createDirectories(many.getParent());
        Files.writeString(many, CompileHarness.source(3));
        Files.writeString(machines, CompileHarness.minimalMachines(3));
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            boolean ok = javac.getTask(diagnostics, fm, null, List.of("--release", "17", "-proc:none", "-cp",
                    System.getProperty("java.class.path"), "-d", out.toString()), null,
                    fm.getJavaFileObjects(many, machines)).call();
            assertTrue(ok, diagnostics::toString);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> iface = loader.loadClass("bench.Many");
            Object blocking = Proxy.newProxyInstance(loader, new Class<?>[] {iface},
                    (InvocationHandler) (proxy, method, args) -> InvocationHandler.invokeDefault(proxy, method, args));
            Object minimal = loader.loadClass("bench.ManyCoroutines").getDeclaredConstructor().newInstance();
            for (int m = 0; m < 3; m++) {
                Method method = iface.getMethod("m" + m, int.class);
                for (int n : new int[] {0, 1, 7}) {
                    Object expected = ((Task<?>) method.invoke(blocking, n)).join();
                    Object actual = EventLoop.run(() -> call(method, minimal, n));
                    assertEquals(expected, actual, "m" + m + "(" + n + ")");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Task<Object> call(Method method, Object target, int n) {
        try {
            return (Task<Object>) method.invoke(target, n);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
