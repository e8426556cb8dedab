package io.yieldpoint.processor.emit;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import io.yieldpoint.processor.parse.TypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * The imports of the generated file, which must make the copied body text mean what it meant in
 * the user's file.
 *
 * <p>The user's imports are repeated; for a nested interface, the members of its enclosing types
 * are imported statically (the body saw them unqualified). JavaPoet imports the types it names; a
 * simple name that means another type in the user's file is given to {@code alwaysQualify}, so
 * JavaPoet writes it qualified instead of importing a type that would shadow the user's. Both sets
 * of imports go into one block, each line once ({@link #withImports}).
 */
final class SourceFileText {

    private SourceFileText() {}

    /** The import lines to add after the package declaration. */
    static List<String> userImports(CompilationUnitTree unit, TypeElement iface) {
        List<String> lines = new ArrayList<>();
        for (ImportTree imp : unit.getImports()) {
            lines.add("import " + (imp.isStatic() ? "static " : "") + imp.getQualifiedIdentifier() + ";");
        }
        for (Element e = iface.getEnclosingElement(); e instanceof TypeElement outer; e = outer.getEnclosingElement()) {
            lines.add("import static " + outer.getQualifiedName() + ".*;");
        }
        return lines;
    }

    /**
     * The simple names JavaPoet must write qualified: those of the types it will name (the top-level
     * types of {@code used}) that mean another type in the user's file. Importing such a type would
     * change what the copied body text means, or clash with the user's import.
     */
    static Set<String> namesToQualify(CompilationUnitTree unit, TypeElement iface, Elements elements,
            Set<TypeElement> used) {
        Set<String> names = new TreeSet<>();
        for (TypeElement type : used) {
            String simple = type.getSimpleName().toString();
            String meaning = TypeNames.meaning(simple, unit, iface, elements);
            if (meaning != null && !meaning.equals(type.getQualifiedName().toString())) {
                names.add(simple);
            }
        }
        return names;
    }

    /** Adds the top-level types named in {@code type} to {@code into}. */
    static void collectTypes(@Nullable TypeMirror type, Set<TypeElement> into, Set<TypeMirror> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType d = (DeclaredType) type;
                Element e = d.asElement();
                while (e.getEnclosingElement() instanceof TypeElement outer) {
                    e = outer;
                }
                into.add((TypeElement) e);
                d.getTypeArguments().forEach(t -> collectTypes(t, into, seen));
                collectTypes(d.getEnclosingType(), into, seen);
            }
            case ARRAY -> collectTypes(((ArrayType) type).getComponentType(), into, seen);
            case WILDCARD -> {
                collectTypes(((WildcardType) type).getExtendsBound(), into, seen);
                collectTypes(((WildcardType) type).getSuperBound(), into, seen);
            }
            case TYPEVAR -> collectTypes(((TypeVariable) type).getUpperBound(), into, seen);
            case INTERSECTION -> ((IntersectionType) type).getBounds().forEach(t -> collectTypes(t, into, seen));
            default -> { }
        }
    }

    /** The simple names of the types of {@code pkg}. */
    static Set<String> packageTypeNames(javax.lang.model.element.PackageElement pkg) {
        Set<String> names = new TreeSet<>();
        for (Element e : pkg.getEnclosedElements()) {
            names.add(e.getSimpleName().toString());
        }
        return names;
    }

    /**
     * {@code javaFile} with each Javadoc comment of one line on a member written on one line, as a
     * person would write it: JavaPoet always spreads a comment over three lines, which made the
     * comments of a machine's fields a sixth of its lines. A comment is joined when its three lines
     * ({@code /**}, {@code  * text}, {@code  *}{@code /}) have one indent and the next line, at that
     * indent, starts a declaration (a modifier or a type name). One pass over the lines: a regular
     * expression with a back-reference had about a sixth of the processor's profile samples on a
     * file of 500 machines.
     */
    static String compactJavadocs(String javaFile) {
        StringBuilder out = new StringBuilder(javaFile.length());
        int at = 0;
        int length = javaFile.length();
        while (at < length) {
            int end1 = lineEnd(javaFile, at);
            int indent = indentOf(javaFile, at, end1);
            if (javaFile.startsWith("/**", at + indent) && at + indent + 3 == end1 && end1 < length) {
                int start2 = end1 + 1;
                int end2 = lineEnd(javaFile, start2);
                int start3 = end2 + 1;
                int end3 = start3 < length ? lineEnd(javaFile, start3) : -1;
                String pad = javaFile.substring(at, at + indent);
                if (end3 >= 0 && end3 < length
                        && javaFile.startsWith(pad + " * ", start2)
                        && javaFile.startsWith(pad + " */", start3) && start3 + indent + 3 == end3
                        && startsDeclaration(javaFile, end3 + 1, pad)) {
                    out.append(pad).append("/** ").append(javaFile, start2 + indent + 3, end2).append(" */\n");
                    at = end3 + 1;
                    continue;
                }
            }
            out.append(javaFile, at, Math.min(end1 + 1, length));
            at = end1 + 1;
        }
        return out.toString();
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int indentOf(String text, int from, int end) {
        int i = from;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i - from;
    }

    private static final List<String> DECLARATION_STARTS = List.of("private", "public", "protected", "static", "final");

    /** Whether the line at {@code from} has exactly the indent {@code pad} and starts a declaration. */
    private static boolean startsDeclaration(String text, int from, String pad) {
        if (!text.startsWith(pad, from)) {
            return false;
        }
        int first = from + pad.length();
        if (first >= text.length()) {
            return false;
        }
        char c = text.charAt(first);
        if (c >= 'A' && c <= 'Z') {
            return true;
        }
        for (String word : DECLARATION_STARTS) {
            if (text.startsWith(word, first)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code javaFile} (as JavaPoet wrote it) with one import block: JavaPoet's own imports and
     * {@code userImports} merged, each line once, single-type and on-demand imports sorted, then the
     * static ones sorted. The order of imports means nothing to javac; a line written twice would
     * only be noise.
     */
    static String withImports(String javaFile, List<String> userImports) {
        List<String> lines = javaFile.lines().toList();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("package ")) {
                start = i + 1;
                break;
            }
        }
        if (start == 0) { // the unnamed package: after the file comment
            while (start < lines.size() && lines.get(start).startsWith("//")) {
                start++;
            }
        }
        Set<String> plain = new TreeSet<>();
        Set<String> statics = new TreeSet<>();
        int end = start;
        for (; end < lines.size(); end++) {
            String line = lines.get(end);
            if (line.startsWith("import ")) {
                (line.startsWith("import static ") ? statics : plain).add(line);
            } else if (!line.isBlank()) {
                break;
            }
        }
        for (String line : userImports) {
            (line.startsWith("import static ") ? statics : plain).add(line);
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(0, start)) {
            out.append(line).append('\n');
        }
        out.append('\n');
        plain.forEach(line -> out.append(line).append('\n'));
        if (!plain.isEmpty() && !statics.isEmpty()) {
            out.append('\n');
        }
        statics.forEach(line -> out.append(line).append('\n'));
        if (!plain.isEmpty() || !statics.isEmpty()) {
            out.append('\n');
        }
        for (String line : lines.subList(end, lines.size())) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
