package io.yieldpoint.test;

import static org.junit.jupiter.api.Assertions.fail;

import io.yieldpoint.Task;
import io.yieldpoint.runtime.EventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of the published modules, as committed text: {@code api/api/yieldpoint-api.api},
 * {@code runtime/api/yieldpoint-runtime.api}, {@code test/api/yieldpoint-test.api} (and
 * {@code netty/api/yieldpoint-netty.api}, checked by the netty module with this class's
 * {@link #check}: that module cannot be a dependency of this one). A change to a
 * public or protected signature fails this test until the dump is updated in the same commit, so
 * every API change is a visible diff in review. Internal packages ({@code *.internal}) are left
 * out; the generated-code ABI ({@code io.yieldpoint.runtime.machine}) is in, since generated code
 * compiled against it must keep linking.
 *
 * <p>To accept a change: {@code mvn -pl api,runtime,test verify -Dyieldpoint.updateApi=true}, then
 * review and commit the dumps.
 */
class PublicApiTest {

    private static final boolean UPDATE = Boolean.getBoolean("yieldpoint.updateApi");

    @Test
    void api() {
        check("api/api/yieldpoint-api.api", Task.class);
    }

    @Test
    void runtime() {
        check("runtime/api/yieldpoint-runtime.api", EventLoop.class);
    }

    @Test
    void test() {
        check("test/api/yieldpoint-test.api", TestEventLoop.class);
    }

    /**
     * Compares the dump of the module that holds {@code anchor} with the committed one at
     * {@code committedPath}, relative to the repository's root.
     */
    static void check(String committedPath, Class<?> anchor) {
        String actual = dump(anchor);
        Path committed = repositoryRoot().resolve(committedPath);
        try {
            if (UPDATE) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, actual, StandardCharsets.UTF_8);
                return;
            }
            String expected = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
            if (!expected.equals(actual)) {
                fail("the public API of " + committedPath + " changed:\n" + difference(expected, actual)
                        + "\nIf the change is intended, run: mvn -pl api,runtime,test verify -Dyieldpoint.updateApi=true"
                        + " and commit " + committedPath);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines only one side has, marked - (committed) and + (now). */
    private static String difference(String expected, String actual) {
        List<String> was = expected.lines().collect(Collectors.toList());
        List<String> is = actual.lines().collect(Collectors.toList());
        StringBuilder sb = new StringBuilder();
        was.stream().filter(l -> !is.contains(l)).forEach(l -> sb.append("- ").append(l).append('\n'));
        is.stream().filter(l -> !was.contains(l)).forEach(l -> sb.append("+ ").append(l).append('\n'));
        return sb.toString();
    }

    // ---------------------------------------------------------------- the dump

    static String dump(Class<?> anchor) {
        List<String> types = new ArrayList<>();
        for (String name : classNames(anchor)) { // sorted by name
            Class<?> c;
            try {
                c = Class.forName(name, false, anchor.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            if (isApi(c)) {
                types.add(describe(c));
            }
        }
        return String.join("\n", types);
    }

    private static boolean isApi(Class<?> c) {
        if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass() || c.getPackageName().endsWith(".internal")
                || c.getPackageName().contains(".internal.")) {
            return false;
        }
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            int m = t.getModifiers();
            boolean visible = Modifier.isPublic(m) || (Modifier.isProtected(m) && t.getDeclaringClass() != null
                    && isExtensible(t.getDeclaringClass()));
            if (!visible) {
                return false;
            }
        }
        return true;
    }

    private static boolean isExtensible(Class<?> c) {
        return c.isInterface() || !Modifier.isFinal(c.getModifiers()) && !c.isEnum() && !c.isRecord()
                && Arrays.stream(c.getDeclaredConstructors())
                        .anyMatch(k -> (k.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED)) != 0);
    }

    private static boolean visible(Member m, Class<?> owner) {
        int mod = m.getModifiers();
        return !m.isSynthetic() && (Modifier.isPublic(mod) || Modifier.isProtected(mod) && isExtensible(owner));
    }

    private static String describe(Class<?> c) {
        StringBuilder sb = new StringBuilder(c.toGenericString());
        if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum() && !c.isRecord()) {
            sb.append(" extends ").append(c.getGenericSuperclass().getTypeName());
        }
        if (c.getGenericInterfaces().length > 0 && !c.isAnnotation()) {
            sb.append(c.isInterface() ? " extends " : " implements ").append(Arrays.stream(c.getGenericInterfaces())
                    .map(t -> t.getTypeName()).sorted().collect(Collectors.joining(", ")));
        }
        sb.append('\n');
        List<String> members = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (visible(f, c)) {
                members.add(f.toGenericString());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k, c) && !c.isEnum()) {
                members.add(k.toGenericString());
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m, c) && !m.isBridge()) {
                members.add(m.toGenericString());
            }
        }
        members.sort(null);
        String owner = c.getTypeName() + ".";
        for (String m : members) {
            sb.append("  ").append(m.replace(owner, "")).append('\n');
        }
        return sb.toString();
    }

    /** The binary names of the classes in the jar or directory {@code anchor} was loaded from. */
    private static List<String> classNames(Class<?> anchor) {
        try {
            Path location = Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return namesUnder(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
                return namesUnder(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> namesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.startsWith("META-INF") && !p.endsWith("package-info.class")
                            && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted().collect(Collectors.toList());
        }
    }

    /** The repository's root: the parent of this module's directory. */
    private static Path repositoryRoot() {
        Path module = Paths.get("").toAbsolutePath();
        return module.getParent();
    }
}
