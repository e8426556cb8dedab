package io.yieldpoint.processor.parse;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * Finds javac's {@link Trees} behind a processing environment.
 *
 * <p>{@code Trees.instance} accepts only javac's own {@code JavacProcessingEnvironment}, but build
 * tools hand processors a wrapper around it: Gradle's incremental processing wraps the environment
 * in a delegating class (to watch the Filer), and IntelliJ's build wraps it in a
 * {@link java.lang.reflect.Proxy}. Neither wrapper is a published API, so rather than naming their
 * classes this looks for the environment they delegate to: any instance field, of the wrapper or of
 * its superclasses (of the invocation handler, for a proxy), that holds a
 * {@code ProcessingEnvironment} or another invocation handler, searched a few levels deep. Only the
 * Trees come from the unwrapped environment; the processor keeps using the wrapper's Filer and
 * Messager, so the build tool still sees every generated file.
 *
 * <p>Reading a private field of a wrapper needs {@code setAccessible}, which strong encapsulation
 * (JDK 16+) allows for classes on the class path (the unnamed module), where build tools load their
 * wrappers. A wrapper in a module that does not open its package is skipped, as is any field that
 * cannot be read: the result is then null, and the caller reports one clear error.
 */
public final class TreesAccess {

    /** How many wrappers deep to look; real build tools use one or two. */
    private static final int MAX_DEPTH = 6;

    private TreesAccess() {}

    /** javac's Trees, or null if {@code env} is not (and does not wrap) javac's environment. */
    public static @Nullable Trees find(ProcessingEnvironment env) {
        return find(env, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static @Nullable Trees find(@Nullable Object candidate, int depth, Set<Object> seen) {
        if (candidate == null || depth > MAX_DEPTH || !seen.add(candidate)) {
            return null;
        }
        if (candidate instanceof ProcessingEnvironment env) {
            Trees trees = treesOf(env);
            if (trees != null) {
                return trees;
            }
        }
        Object holder = Proxy.isProxyClass(candidate.getClass()) ? Proxy.getInvocationHandler(candidate) : candidate;
        if (holder != candidate && !seen.add(holder)) {
            return null;
        }
        for (Object inner : delegates(holder)) {
            Trees trees = find(inner, depth + 1, seen);
            if (trees != null) {
                return trees;
            }
        }
        return null;
    }

    /** {@code Trees.instance(env)}, or null where it refuses the environment. */
    private static @Nullable Trees treesOf(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError | AssertionError e) {
            // Not javac's own environment (IllegalArgumentException), or no jdk.compiler to load
            // Trees from (LinkageError), or a javac whose Trees cannot be made (AssertionError).
            return null;
        }
    }

    /**
     * The values of {@code holder}'s instance fields (its class's and its superclasses') that hold a
     * processing environment or an invocation handler, the likely delegates of a wrapper.
     */
    private static List<Object> delegates(Object holder) {
        List<Object> found = new ArrayList<>();
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value = read(f, holder);
                if (value instanceof ProcessingEnvironment || value instanceof InvocationHandler) {
                    found.add(value);
                }
            }
        }
        return found;
    }

    private static @Nullable Object read(Field f, Object target) {
        try {
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // InaccessibleObjectException (a module that does not open the package), SecurityException.
            return null;
        }
    }
}
