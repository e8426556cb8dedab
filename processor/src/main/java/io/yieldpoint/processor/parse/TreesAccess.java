package io.yieldpoint.processor.parse;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's {@link Trees} behind a processing environment. Build tools wrap javac's environment
 * (Gradle's incremental processing, IntelliJ's proxies); {@code Trees.instance} only accepts javac's
 * own, so the wrappers are unwrapped through their delegate fields.
 */
public final class TreesAccess {

    private static final String[] DELEGATE_FIELDS = {"delegate", "processingEnv", "env", "val$delegate"};

    private TreesAccess() {}

    /** javac's Trees, or null if {@code env} is not (and does not wrap) javac's environment. */
    public static Trees find(ProcessingEnvironment env) {
        return find(env, 0);
    }

    private static Trees find(Object env, int depth) {
        if (env == null || depth > 4) {
            return null;
        }
        if (env instanceof ProcessingEnvironment pe) {
            try {
                return Trees.instance(pe);
            } catch (IllegalArgumentException | LinkageError e) {
                // Not javac's own environment: look inside it.
            }
        }
        Object inner = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
        for (Class<?> c = inner.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (String name : DELEGATE_FIELDS) {
                Object value = field(c, name, inner);
                if (value != null && value != env) {
                    Trees trees = find(value, depth + 1);
                    if (trees != null) {
                        return trees;
                    }
                }
            }
        }
        if (inner instanceof InvocationHandler && inner != env) {
            return find(inner, depth + 1);
        }
        return null;
    }

    private static Object field(Class<?> c, String name, Object target) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
