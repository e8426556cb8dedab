package io.yieldpoint.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The one reporter of the processor: every message goes through here, tagged, at the exact tree
 * (line and column) in the user's file when there is one. It counts errors so that a stage can
 * decide not to emit a file for an interface with errors ("continue" mode: report every problem
 * of a method, then skip generating its interface).
 */
public final class Diagnostics {

    private final Messager messager;
    private final Trees trees;
    private int errors;

    public Diagnostics(Messager messager, Trees trees) {
        this.messager = messager;
        this.trees = trees;
    }

    /** An error at {@code tree} in {@code unit}. */
    public void error(Tag tag, String message, Tree tree, CompilationUnitTree unit) {
        errors++;
        trees.printMessage(Diagnostic.Kind.ERROR, format(tag, message), tree, unit);
    }

    /**
     * A warning at {@code tree} in {@code unit}: the code compiles and runs, but very likely not as
     * meant. A {@code -Werror} build fails on it; {@code @SuppressWarnings("<tag>")} on the method
     * or the interface silences it (the analyzer checks that before calling this).
     */
    public void warning(Tag tag, String message, Tree tree, CompilationUnitTree unit) {
        trees.printMessage(Diagnostic.Kind.WARNING, format(tag, message), tree, unit);
    }

    /** An error at {@code element}, for problems of a declaration rather than of a body. */
    public void error(Tag tag, String message, Element element) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, format(tag, message), element);
    }

    /** An error with no position, for problems of the compiler environment. */
    public static void errorWithoutTrees(Messager messager, Tag tag, String message) {
        messager.printMessage(Diagnostic.Kind.ERROR, format(tag, message));
    }

    /**
     * A note at {@code element} (null: no position), for what the {@code yieldpoint.debug} option
     * shows. Notes do not fail a {@code -Werror} build.
     */
    public static void note(Messager messager, String message, @Nullable Element element) {
        if (element == null) {
            messager.printMessage(Diagnostic.Kind.NOTE, message);
        } else {
            messager.printMessage(Diagnostic.Kind.NOTE, message, element);
        }
    }

    /** How many errors were reported so far. */
    public int errorCount() {
        return errors;
    }

    static String format(Tag tag, String message) {
        return "[" + tag.text() + "] " + message;
    }
}
