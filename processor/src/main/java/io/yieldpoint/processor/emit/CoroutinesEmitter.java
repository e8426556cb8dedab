package io.yieldpoint.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ImportTree;
import io.yieldpoint.processor.model.CoroutineInterface;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.LoweredMethod;
import io.yieldpoint.processor.parse.SourceReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code <Name>Coroutines.java} for one interface: a final class implementing it, with
 * {@code of(delegate)} and (when the interface has no abstract methods) {@code create()}, every
 * interface method implemented, and one nested state-machine class per {@code @Coroutine} method.
 *
 * <p>Output is deterministic: members come in the interface's order; nothing depends on hash order
 * or time.
 */
public final class CoroutinesEmitter {

    private static final String PROCESSOR = "io.yieldpoint.processor.CoroutineProcessor";

    private final Filer filer;
    private final Elements elements;
    private final Types types;

    public CoroutinesEmitter(Filer filer, Elements elements, Types types) {
        this.filer = filer;
        this.elements = elements;
        this.types = types;
    }

    /** Writes the file for {@code iface}, whose coroutine methods were lowered to {@code lowered}. */
    public void emit(CoroutineInterface iface, List<LoweredMethod> lowered) {
        emit(iface, lowered, List.of());
    }

    /**
     * Writes the file for {@code iface}, with {@code privateHelpers} (the source text of the private
     * interface methods its coroutines may call) copied into the generated class.
     */
    public void emit(CoroutineInterface iface, List<LoweredMethod> lowered, List<String> privateHelpers) {
        String text = withPrivateHelpers(generate(iface, lowered), iface, privateHelpers);
        TypeElement element = iface.element();
        String pkg = elements.getPackageOf(element).getQualifiedName().toString();
        String name = pkg.isEmpty() ? iface.generatedSimpleName() : pkg + "." + iface.generatedSimpleName();
        try (Writer w = filer.createSourceFile(name, element).openWriter()) {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code text} with the private helpers appended at the end of the generated class, after the
     * line tables (so no line the tables name moves), each as the user wrote it, under a comment
     * naming where it came from.
     */
    static String withPrivateHelpers(String text, CoroutineInterface iface, List<String> privateHelpers) {
        if (privateHelpers.isEmpty()) {
            return text;
        }
        StringBuilder copies = new StringBuilder();
        String file = SourceReader.fileName(iface.unit());
        for (String helper : privateHelpers) {
            copies.append("\n    // A private method of ").append(iface.element().getSimpleName()).append(" (")
                    .append(file).append("), copied: the coroutines above call it.\n    ")
                    .append(helper).append('\n');
        }
        int close = text.lastIndexOf('}');
        return text.substring(0, close) + copies + text.substring(close);
    }

    /** The text of the file for {@code iface}. */
    public String generate(CoroutineInterface iface, List<LoweredMethod> lowered) {
        TypeElement element = iface.element();
        String pkg = elements.getPackageOf(element).getQualifiedName().toString();
        ClassName generated = ClassName.get(pkg, iface.generatedSimpleName());
        List<TypeVariableName> typeVars = element.getTypeParameters().stream()
                .map(TypeVariableName::get).collect(Collectors.toList());
        TypeName ifaceType = parameterized(ClassName.get(element), typeVars);
        TypeName generatedType = parameterized(generated, typeVars);
        boolean hasAbstract = CoroutineInterface.hasAbstractMethods(element, elements);

        TypeSpec.Builder type = TypeSpec.classBuilder(generated)
                .addOriginatingElement(element)
                .addTypeVariables(typeVars)
                .addSuperinterface(ifaceType)
                .addModifiers(Modifier.FINAL)
                .avoidClashesWithNestedClasses(element)
                .alwaysQualify(SourceFileText.namesToQualify(iface.unit(), element, elements, namedTypes(element, lowered))
                        .toArray(String[]::new))
                .addJavadoc(classJavadoc(iface, hasAbstract));
        if (element.getModifiers().contains(Modifier.PUBLIC)) {
            type.addModifiers(Modifier.PUBLIC);
        }
        if (elements.getTypeElement(RuntimeNames.GENERATED.canonicalName()) != null) {
            type.addAnnotation(AnnotationSpec.builder(RuntimeNames.GENERATED).addMember("value", "$S", PROCESSOR).build());
        }
        type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "{$S, $S, $S, $S, $S, $S}", "unchecked", "rawtypes", "fallthrough", "deprecation", "removal",
                        "cast")
                .build());

        type.addField(FieldSpec.builder(ifaceType, "delegate", Modifier.PRIVATE, Modifier.FINAL).build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(ifaceType, "delegate")
                .addStatement("this.delegate = delegate").build());
        type.addMethod(MethodSpec.methodBuilder("of")
                .addJavadoc("""
                        An implementation in which {@code @Coroutine} methods run as state machines and every
                        other method goes to {@code delegate}.
                        """)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addTypeVariables(typeVars)
                .returns(ifaceType)
                .addParameter(ifaceType, "delegate")
                .addStatement("return new $T($T.requireNonNull(delegate, $S))",
                        generatedType, RuntimeNames.OBJECTS, "delegate")
                .build());
        if (!hasAbstract) {
            type.addMethod(MethodSpec.methodBuilder("create")
                    .addJavadoc("""
                            An implementation in which {@code @Coroutine} methods run as state machines and the
                            other default methods run as written.
                            """)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addTypeVariables(typeVars)
                    .returns(ifaceType)
                    .addStatement("return new $T(null)", generatedType)
                    .build());
        }

        Map<ExecutableElement, LoweredMethod> coroutines = new LinkedHashMap<>();
        for (LoweredMethod m : lowered) {
            coroutines.put(m.method().element(), m);
        }
        Map<ExecutableElement, String> machineNames = machineNames(iface);
        DeclaredType declared = (DeclaredType) element.asType();
        for (ExecutableElement method : allMethods(element)) {
            // A method the interface declares keeps its own signature (the generated class reuses the
            // interface's type variables); as a member of the declared type, JavaPoet cannot write a
            // type variable bounded by an intersection (<T extends Number & Comparable<T>>).
            MethodSpec.Builder spec = element.equals(method.getEnclosingElement())
                    ? MethodSpec.overriding(method) : MethodSpec.overriding(method, declared, types);
            LoweredMethod coroutine = coroutines.get(method);
            ClassName inherited = inheritedCoroutineClass(method, element);
            if (coroutine != null) {
                spec.addStatement("return $L", newMachine(coroutine, machineName(machineNames, method), typeVars));
            } else if (inherited != null) {
                // A coroutine of a superinterface runs as that interface's state machine, with this
                // instance for the superinterface's other methods.
                spec.addStatement("return $T.of(this).$N($L)", inherited, method.getSimpleName().toString(),
                        method.getParameters().stream().map(p -> p.getSimpleName().toString()).collect(Collectors.joining(", ")));
            } else {
                delegateBody(spec, method, element, hasAbstract);
            }
            type.addMethod(spec.build());
        }
        for (LoweredMethod m : lowered) {
            type.addType(new MachineEmitter(m, machineName(machineNames, m.method().element()), generatedType, typeVars).build());
        }

        JavaFile file = JavaFile.builder(pkg, type.build())
                .addFileComment("Generated by Yieldpoint from $L. Do not edit: edit the interface instead.",
                        SourceReader.fileName(iface.unit()))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        Map<String, LoweredMethod.NestedType> nestedTypes = new HashMap<>();
        Map<String, String> stepBodies = new HashMap<>();
        for (LoweredMethod m : lowered) {
            String machine = machineName(machineNames, m.method().element());
            m.nestedTypes().forEach(t -> nestedTypes.put(NestedTypes.placeholder(machine, t), t));
            stepBodies.put(StepBodies.placeholder(machine), m.stepBody());
        }
        String text = SourceFileText.compactJavadocs(StepBodies.fill(NestedTypes.fill(
                SourceFileText.withImports(file.toString(), SourceFileText.userImports(iface.unit(), element)), nestedTypes),
                stepBodies));
        List<LineTables.MachineInfo> machines = new ArrayList<>();
        for (LoweredMethod m : lowered) {
            machines.add(new LineTables.MachineInfo(machineName(machineNames, m.method().element()), m.method().name(),
                    m.states().stream().map(LoweredMethod.State::description).toList()));
        }
        return LineTables.append(text, iface.generatedSimpleName(), elements.getBinaryName(element).toString(),
                SourceReader.fileName(iface.unit()), machines);
    }

    /** The top-level types the generated file names: the runtime's and those of the signatures. */
    private Set<TypeElement> namedTypes(TypeElement iface, List<LoweredMethod> lowered) {
        Set<TypeElement> used = new HashSet<>();
        Set<javax.lang.model.type.TypeMirror> seen = new HashSet<>();
        for (ClassName c : List.of(RuntimeNames.TASK, RuntimeNames.GENERATOR, RuntimeNames.COROUTINE_MACHINE,
                RuntimeNames.GENERATOR_MACHINE, RuntimeNames.ASYNC_STREAM_MACHINE, RuntimeNames.ASYNC_STREAM,
                RuntimeNames.OBJECTS, RuntimeNames.GENERATED)) {
            TypeElement t = elements.getTypeElement(c.canonicalName());
            if (t != null) {
                used.add(t);
            }
        }
        for (String lang : List.of("Override", "SuppressWarnings", "Throwable", "IllegalStateException", "Object")) {
            used.add(elements.getTypeElement("java.lang." + lang));
        }
        SourceFileText.collectTypes(iface.asType(), used, seen);
        for (ExecutableElement m : allMethods(iface)) {
            SourceFileText.collectTypes(m.getReturnType(), used, seen);
            m.getParameters().forEach(p -> SourceFileText.collectTypes(p.asType(), used, seen));
            m.getThrownTypes().forEach(t -> SourceFileText.collectTypes(t, used, seen));
            m.getTypeParameters().forEach(tp -> tp.getBounds().forEach(b -> SourceFileText.collectTypes(b, used, seen)));
        }
        iface.getTypeParameters().forEach(tp -> tp.getBounds().forEach(b -> SourceFileText.collectTypes(b, used, seen)));
        for (LoweredMethod m : lowered) {
            m.fields().forEach(f -> SourceFileText.collectTypes(f.inferred(), used, seen));
        }
        return used;
    }

    private static TypeName parameterized(ClassName raw, List<TypeVariableName> vars) {
        return vars.isEmpty() ? raw : ParameterizedTypeName.get(raw, vars.toArray(TypeName[]::new));
    }

    private CodeBlock classJavadoc(CoroutineInterface iface, boolean hasAbstract) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("{@link $T} with its {@code @Coroutine} methods compiled to state machines.\n\n", ClassName.get(iface.element()))
                .add("<p>Each coroutine method returns at its first suspension; the rest of its body runs as\n")
                .add("the tasks it awaits complete. ");
        doc.add(hasAbstract ? "Use {@link #of} with an implementation of the abstract methods.\n"
                : "Use {@link #create}, or {@link #of} to send the other methods to a delegate.\n");
        return doc.build();
    }

    /** Every method an implementation of {@code iface} must or may override. */
    private List<ExecutableElement> allMethods(TypeElement iface) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (Element e : elements.getAllMembers(iface)) {
            if (e.getKind() != ElementKind.METHOD) {
                continue;
            }
            ExecutableElement m = (ExecutableElement) e;
            Set<Modifier> mods = m.getModifiers();
            boolean fromObject = m.getEnclosingElement() instanceof TypeElement owner
                    && owner.getQualifiedName().contentEquals("java.lang.Object");
            if (fromObject || mods.contains(Modifier.STATIC) || mods.contains(Modifier.PRIVATE)) {
                continue;
            }
            methods.add(m);
        }
        return methods;
    }

    private void delegateBody(MethodSpec.Builder spec, ExecutableElement method, TypeElement iface, boolean hasAbstract) {
        String args = method.getParameters().stream().map(p -> p.getSimpleName().toString())
                .collect(Collectors.joining(", "));
        boolean isVoid = method.getReturnType().getKind() == TypeKind.VOID;
        String ret = isVoid ? "" : "return ";
        if (method.getModifiers().contains(Modifier.ABSTRACT) || hasAbstract) {
            spec.addStatement("$Lthis.delegate.$N($L)", ret, method.getSimpleName().toString(), args);
            return;
        }
        // create() leaves delegate null: the interface's own default method runs, on this instance.
        spec.beginControlFlow("if (this.delegate == null)")
                .addStatement("$L$T.super.$N($L)", ret, ClassName.get(iface), method.getSimpleName().toString(), args);
        if (isVoid) {
            spec.addStatement("return");
        }
        spec.endControlFlow()
                .addStatement("$Lthis.delegate.$N($L)", ret, method.getSimpleName().toString(), args);
    }

    private CodeBlock newMachine(LoweredMethod m, String machineName, List<TypeVariableName> ifaceVars) {
        List<TypeName> vars = new ArrayList<>(ifaceVars);
        m.method().element().getTypeParameters().forEach(tp -> vars.add(TypeVariableName.get(tp)));
        String typeArgs = vars.isEmpty() ? "" : vars.stream().map(TypeName::toString).collect(Collectors.joining(", ", "<", ">"));
        List<String> args = new ArrayList<>(m.usesSelf() ? List.of("this") : List.of());
        for (VariableElement p : m.method().element().getParameters()) {
            args.add(p.getSimpleName().toString());
        }
        String call = "new " + machineName + typeArgs + "(" + String.join(", ", args) + ")";
        return CodeBlock.of(m.method().kind() == CoroutineKind.TASK ? "$L.start()" : "$L", call);
    }

    /**
     * For a {@code @Coroutine} default method that {@code iface} inherits from a superinterface, the
     * class generated for that superinterface; else null.
     */
    private @Nullable ClassName inheritedCoroutineClass(ExecutableElement method, TypeElement iface) {
        if (!(method.getEnclosingElement() instanceof TypeElement owner) || owner.equals(iface)
                || !method.getModifiers().contains(Modifier.DEFAULT)) {
            return null;
        }
        boolean annotated = method.getAnnotationMirrors().stream().anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement())
                .getQualifiedName().contentEquals("io.yieldpoint.Coroutine"));
        if (!annotated) {
            return null;
        }
        StringBuilder name = new StringBuilder(owner.getSimpleName());
        for (Element e = owner.getEnclosingElement(); e instanceof TypeElement t; e = t.getEnclosingElement()) {
            name.insert(0, t.getSimpleName() + "_");
        }
        return ClassName.get(elements.getPackageOf(owner).getQualifiedName().toString(), name + "Coroutines");
    }

    /** {@code FetchDataMachine} for {@code fetchData}, unique among the interface's names. */
    private Map<ExecutableElement, String> machineNames(CoroutineInterface iface) {
        Set<String> taken = new HashSet<>();
        for (Element e : elements.getAllMembers(iface.element())) {
            taken.add(e.getSimpleName().toString());
        }
        for (ImportTree imp : iface.unit().getImports()) {
            String q = imp.getQualifiedIdentifier().toString();
            taken.add(q.substring(q.lastIndexOf('.') + 1));
        }
        taken.addAll(SourceFileText.packageTypeNames(elements.getPackageOf(iface.element())));
        Map<ExecutableElement, String> names = new LinkedHashMap<>();
        for (CoroutineMethod m : iface.methods()) {
            String base = Character.toUpperCase(m.name().charAt(0)) + m.name().substring(1) + "Machine";
            String name = base;
            for (int i = 2; taken.contains(name); i++) {
                name = base + i;
            }
            taken.add(name);
            names.put(m.element(), name);
        }
        return names;
    }

    /** The machine class name {@link #machineNames} gave {@code method}, a coroutine method. */
    private static String machineName(Map<ExecutableElement, String> names, ExecutableElement method) {
        return Objects.requireNonNull(names.get(method), "every coroutine method has a machine name");
    }
}
