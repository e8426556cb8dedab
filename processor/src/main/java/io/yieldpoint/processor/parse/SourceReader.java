package io.yieldpoint.processor.parse;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads the user's source through javac's Trees API: the text of a tree, its line, its file name.
 * Bodies are never attributed here; only positions and text are read.
 */
public final class SourceReader {

    private final Trees trees;
    private final SourcePositions positions;
    private final IdentityHashMap<CompilationUnitTree, String> contents = new IdentityHashMap<>();

    public SourceReader(Trees trees) {
        this.trees = trees;
        this.positions = trees.getSourcePositions();
    }

    public Trees trees() {
        return trees;
    }

    public long start(CompilationUnitTree unit, Tree tree) {
        return positions.getStartPosition(unit, tree);
    }

    public long end(CompilationUnitTree unit, Tree tree) {
        return positions.getEndPosition(unit, tree);
    }

    /** The whole text of {@code unit}'s file. */
    public String content(CompilationUnitTree unit) {
        return contents.computeIfAbsent(unit, u -> {
            try {
                return u.getSourceFile().getCharContent(true).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The source text of {@code tree}, exactly as written. */
    public String text(CompilationUnitTree unit, Tree tree) {
        return content(unit).substring((int) start(unit, tree), (int) end(unit, tree));
    }

    /**
     * The source text of a type tree. An array type is rebuilt from its element type, because in
     * {@code int a = 1, b[];} javac's span of {@code b}'s type covers the declarators too; varargs
     * {@code String...} becomes {@code String[]}.
     */
    public String typeText(CompilationUnitTree unit, Tree type) {
        if (type instanceof com.sun.source.tree.ArrayTypeTree array) {
            return typeText(unit, array.getType()) + "[]";
        }
        return text(unit, type).trim();
    }

    /** The 1-based line on which {@code tree} starts. */
    public long line(CompilationUnitTree unit, Tree tree) {
        return unit.getLineMap().getLineNumber(start(unit, tree));
    }

    /** The 1-based column at which {@code tree} starts. */
    public long column(CompilationUnitTree unit, Tree tree) {
        return unit.getLineMap().getColumnNumber(start(unit, tree));
    }

    /** The simple file name of {@code unit}, e.g. {@code Fetcher.java}. */
    public static String fileName(CompilationUnitTree unit) {
        String name = unit.getSourceFile().getName();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }
}
