package io.yieldpoint.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.yieldpoint.processor.analyze.BodyAnalyzer;
import io.yieldpoint.processor.analyze.DslCalls;
import io.yieldpoint.processor.analyze.PlainMethodCheck;
import io.yieldpoint.processor.analyze.PrivateHelpers;
import io.yieldpoint.processor.diag.Diagnostics;
import io.yieldpoint.processor.diag.Messages;
import io.yieldpoint.processor.diag.Tag;
import io.yieldpoint.processor.emit.CoroutinesEmitter;
import io.yieldpoint.processor.lower.Lowerer;
import io.yieldpoint.processor.model.BodyAnalysis;
import io.yieldpoint.processor.model.CoroutineInterface;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.processor.model.LoweredMethod;
import io.yieldpoint.processor.parse.SourceReader;
import io.yieldpoint.processor.parse.TypeNames;
import io.yieldpoint.processor.parse.TreesAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * The Yieldpoint annotation processor: for every interface with {@code @Coroutine} default methods,
 * generates {@code <Name>Coroutines}, whose coroutine methods run as state machines.
 *
 * <p>The work goes in stages, each a package: <b>collect</b> (here: find the methods, check their
 * signatures, group them by interface), <b>parse</b> (read the bodies through javac's Trees),
 * <b>analyze</b> (yield points, locals, what is illegal), <b>lower</b> (states of a switch),
 * <b>emit</b> (JavaPoet). Problems are reported at the user's line and column; an interface with
 * any problem gets no generated file, never a broken one.
 */
@AutoService(Processor.class)
public final class CoroutineProcessor extends AbstractProcessor {

    static final String COROUTINE = "io.yieldpoint.Coroutine";
    private static final String GENERATED = "javax.annotation.processing.Generated";
    private static final String TASK = "io.yieldpoint.Task";
    private static final String GENERATOR = "io.yieldpoint.Generator";
    private static final String STREAM = "io.yieldpoint.AsyncStream";

    private final Set<String> done = new HashSet<>();
    /** Set by {@link #ensureTrees}, which {@link #process} calls before anything that reads them. */
    private @Nullable SourceReader source;
    private @Nullable Diagnostics diagnostics;
    private boolean noTreesReported;
    private ProcessorOptions options = ProcessorOptions.DEFAULTS;
    /** Shown each interface's lowered methods before they are written: the lowering's unit tests look at them. */
    private final Consumer<List<LoweredMethod>> loweredListener;

    /** The processor javac finds through {@code META-INF/services}. */
    public CoroutineProcessor() {
        this(lowered -> { });
    }

    /** A processor that shows {@code loweredListener} what it lowered, for the lowering's unit tests. */
    CoroutineProcessor(Consumer<List<LoweredMethod>> loweredListener) {
        this.loweredListener = loweredListener;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        ProcessorOptions.Invalid invalid = ProcessorOptions.invalid(env.getOptions());
        if (invalid != null) {
            Diagnostics.errorWithoutTrees(env.getMessager(), Tag.OPTION, Messages.option(invalid.name(), invalid.value()));
        }
        options = ProcessorOptions.from(env.getOptions());
    }

    /** {@code yieldpoint.debug} and {@code yieldpoint.lineComments}: see {@link ProcessorOptions}. */
    @Override
    public Set<String> getSupportedOptions() {
        return ProcessorOptions.NAMES;
    }

    /**
     * {@code @Coroutine}, and {@code @Generated}, which this processor puts on its own output: javac's
     * {@code -Xlint:processing} warns about any annotation no processor claims, which would fail a
     * user's {@code -Xlint:all -Werror} build in the round that compiles the generated files.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(COROUTINE, GENERATED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    // @Coroutine is ours: claiming it keeps javac's -Xlint:processing quiet in users' builds (and
    // @Generated is claimed for the same reason), so Error Prone's advice not to claim does not fit.
    @SuppressWarnings("DoNotClaimAnnotations")
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement coroutine = processingEnv.getElementUtils().getTypeElement(COROUTINE);
        if (coroutine == null || !annotations.contains(coroutine)) {
            return !annotations.isEmpty();
        }
        if (!ensureTrees()) {
            return true;
        }
        Map<TypeElement, List<ExecutableElement>> byInterface = new LinkedHashMap<>();
        for (Element e : round.getElementsAnnotatedWith(coroutine)) {
            if (e instanceof ExecutableElement method && checkSignature(method)) {
                byInterface.computeIfAbsent((TypeElement) owner(method), k -> new ArrayList<>()).add(method);
            }
        }
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byInterface.entrySet()) {
            if (done.add(entry.getKey().getQualifiedName().toString())) {
                try {
                    generate(entry.getKey(), entry.getValue());
                } catch (RuntimeException e) {
                    // A bug of ours must not crash javac: say where, and what to report.
                    diagnostics().error(Tag.INTERNAL, Messages.internal(e), entry.getKey());
                }
            }
        }
        return true;
    }

    private SourceReader source() {
        return Objects.requireNonNull(source, "ensureTrees() sets the source reader");
    }

    private Diagnostics diagnostics() {
        return Objects.requireNonNull(diagnostics, "ensureTrees() sets the diagnostics");
    }

    private boolean ensureTrees() {
        if (source != null) {
            return true;
        }
        Trees trees = TreesAccess.find(processingEnv);
        if (trees == null) {
            if (!noTreesReported) {
                noTreesReported = true;
                Diagnostics.errorWithoutTrees(processingEnv.getMessager(), Tag.NO_TREES,
                        Messages.noTrees(processingEnv.getClass().getName()));
            }
            return false;
        }
        source = new SourceReader(trees);
        diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
        if (options.debug()) {
            String name = processingEnv.getClass().getName();
            Diagnostics.note(processingEnv.getMessager(), Messages.debugEnvironment(name,
                    name.equals("com.sun.tools.javac.processing.JavacProcessingEnvironment")), null);
        }
        return true;
    }

    // ---------------------------------------------------------------- collect

    private boolean checkSignature(ExecutableElement method) {
        String name = method.getSimpleName() + "()";
        Element owner = owner(method);
        if (owner.getKind() != ElementKind.INTERFACE) {
            diagnostics().error(Tag.NOT_AN_INTERFACE, Messages.notAnInterface(name, owner.getSimpleName().toString()), method);
            return false;
        }
        Set<Modifier> mods = method.getModifiers();
        if (!mods.contains(Modifier.DEFAULT)) {
            String what = mods.contains(Modifier.STATIC) ? "static" : mods.contains(Modifier.PRIVATE) ? "private" : "abstract";
            diagnostics().error(Tag.NOT_DEFAULT, Messages.notDefault(method.getSimpleName().toString(), what), method);
            return false;
        }
        if (kindOf(method.getReturnType()) == null) {
            diagnostics().error(Tag.RETURN_TYPE, Messages.returnType(name, method.getReturnType().toString()), method);
            return false;
        }
        TypeElement iface = (TypeElement) owner;
        String inaccessible = inaccessibility(iface);
        if (inaccessible != null) {
            diagnostics().error(Tag.INACCESSIBLE_INTERFACE, Messages.inaccessibleInterface(iface.getSimpleName().toString(), inaccessible), method);
            return false;
        }
        return true;
    }

    private static @Nullable CoroutineKind kindOf(TypeMirror type) {
        if (!(type instanceof DeclaredType d) || d.getTypeArguments().size() != 1) {
            return null;
        }
        String raw = ((TypeElement) d.asElement()).getQualifiedName().toString();
        return raw.equals(TASK) ? CoroutineKind.TASK : raw.equals(GENERATOR) ? CoroutineKind.GENERATOR
                : raw.equals(STREAM) ? CoroutineKind.STREAM : null;
    }

    private static @Nullable String inaccessibility(TypeElement iface) {
        for (Element e = iface; e instanceof TypeElement t; e = t.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return "private";
            }
            if (t.getNestingKind() == NestingKind.LOCAL) {
                return "local to a method";
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- parse, analyze, lower, emit

    /**
     * The paths of the interface's method declarations, found in one walk of its members:
     * {@code Trees.getPath(element)} searches the whole compilation unit for each element, which made
     * the processor quadratic in the number of methods.
     */
    private static Map<Element, TreePath> memberPaths(Trees trees, TreePath ifacePath) {
        Map<Element, TreePath> paths = new HashMap<>();
        if (ifacePath.getLeaf() instanceof ClassTree c) {
            for (Tree member : c.getMembers()) {
                if (member instanceof MethodTree) {
                    TreePath path = new TreePath(ifacePath, member);
                    Element e = trees.getElement(path);
                    if (e != null) {
                        paths.put(e, path);
                    }
                }
            }
        }
        return paths;
    }

    private void generate(TypeElement iface, List<ExecutableElement> methods) {
        long started = System.nanoTime();
        Trees trees = source().trees();
        TreePath ifacePath = trees.getPath(iface);
        if (ifacePath == null) {
            return; // from a class file: libraries ship their generated classes
        }
        CompilationUnitTree unit = ifacePath.getCompilationUnit();
        Map<Element, TreePath> memberPaths = memberPaths(trees, ifacePath);
        List<CoroutineMethod> parsed = new ArrayList<>();
        for (ExecutableElement m : methods) {
            TreePath path = memberPaths.get(m);
            if (path == null) {
                path = trees.getPath(m);
            }
            if (path == null) {
                return;
            }
            CoroutineKind kind = Objects.requireNonNull(kindOf(m.getReturnType()), "checkSignature accepted it");
            parsed.add(new CoroutineMethod(m, path, kind, valueType(unit, (MethodTree) path.getLeaf())));
        }
        CoroutineInterface model = new CoroutineInterface(iface, unit, parsed);
        if (!checkFactoryNames(iface)) {
            return;
        }
        DslCalls dsl = DslCalls.in(unit, iface, processingEnv.getElementUtils());
        PrivateHelpers helpers = PrivateHelpers.of(iface, trees, source(), unit);
        InterfaceScope scope = interfaceScope(iface, unit, helpers, model.generatedSimpleName(), memberPaths);
        new PlainMethodCheck(trees, diagnostics()).check(iface, scope,
                CoroutineInterface.hasAbstractMethods(iface, processingEnv.getElementUtils()), methods::contains);
        int errorsBefore = diagnostics().errorCount();
        checkCursorNames(iface, unit, parsed);
        BodyAnalyzer analyzer = new BodyAnalyzer(source(), diagnostics());
        List<BodyAnalysis> analyses = new ArrayList<>();
        for (CoroutineMethod m : parsed) {
            analyses.add(analyzer.analyze(m, dsl, scope));
        }
        if (diagnostics().errorCount() > errorsBefore) {
            if (options.debug()) {
                Diagnostics.note(processingEnv.getMessager(), Messages.debugNotGenerated(
                        iface.getQualifiedName().toString(), diagnostics().errorCount() - errorsBefore), iface);
            }
            return;
        }
        Lowerer lowerer = new Lowerer(source(), options.lineComments());
        List<LoweredMethod> lowered = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            lowered.add(lowerer.lower(parsed.get(i), analyses.get(i), dsl, scope));
        }
        loweredListener.accept(List.copyOf(lowered));
        new CoroutinesEmitter(processingEnv.getFiler(), processingEnv.getElementUtils(), processingEnv.getTypeUtils())
                .emit(model, lowered, helpers.copies());
        if (options.debug()) {
            String pkg = processingEnv.getElementUtils().getPackageOf(iface).getQualifiedName().toString();
            Diagnostics.note(processingEnv.getMessager(), Messages.debugGenerated(iface.getQualifiedName().toString(),
                    (pkg.isEmpty() ? "" : pkg + ".") + model.generatedSimpleName(), summary(lowered),
                    (System.nanoTime() - started) / 1000), iface);
        }
    }

    /** For {@code yieldpoint.debug}: each method's states and lifted locals. */
    private static String summary(List<LoweredMethod> lowered) {
        List<String> parts = new ArrayList<>();
        for (LoweredMethod m : lowered) {
            List<String> lifted = m.fields().stream().filter(f -> !f.parameter() && f.note() == null)
                    .map(LoweredMethod.Field::name).toList();
            parts.add(m.method().element().getSimpleName() + "() " + m.states().size() + " states, "
                    + (lifted.isEmpty() ? "no lifted locals" : "lifted locals " + String.join(", ", lifted)));
        }
        return String.join("; ", parts);
    }

    /** The text of {@code T} in {@code Task<T>}; a wildcard becomes its bound. */
    private String valueType(CompilationUnitTree unit, MethodTree method) {
        Tree returnType = method.getReturnType();
        Tree argument = ((ParameterizedTypeTree) returnType).getTypeArguments().get(0);
        if (argument instanceof WildcardTree w) {
            return w.getBound() == null ? "Object" : source().typeText(unit, w.getBound());
        }
        return source().typeText(unit, argument);
    }

    private InterfaceScope interfaceScope(TypeElement iface, CompilationUnitTree unit, PrivateHelpers helpers,
            String generatedSimpleName, Map<Element, TreePath> memberPaths) {
        Set<String> instanceMethods = new HashSet<>();
        Set<String> staticMethods = new HashSet<>();
        Set<String> privateMethods = new HashSet<>();
        Set<String> fields = new HashSet<>();
        Set<String> taskCoroutines = new HashSet<>();
        Set<String> otherMethods = new HashSet<>();
        for (Element e : processingEnv.getElementUtils().getAllMembers(iface)) {
            if (e.getKind() == ElementKind.METHOD) {
                ExecutableElement m = (ExecutableElement) e;
                (isTaskCoroutine(m) ? taskCoroutines : otherMethods).add(InterfaceScope.callKey(
                        m.getSimpleName().toString(), m.getParameters().size()));
            }
            String name = e.getSimpleName().toString();
            if (e.getKind() == ElementKind.FIELD) {
                fields.add(name);
            } else if (e.getKind() == ElementKind.METHOD) {
                if (e.getModifiers().contains(Modifier.PRIVATE)) {
                    privateMethods.add(name);
                } else if (!e.getModifiers().contains(Modifier.STATIC)) {
                    instanceMethods.add(name);
                } else if (owner(e).equals(iface)) {
                    staticMethods.add(name);
                }
            }
        }
        privateMethods.removeAll(instanceMethods);
        privateMethods.removeAll(staticMethods);
        privateMethods.retainAll(helpers.notCopyable()); // the others are copied into the generated class
        Map<String, String> staticImports = new HashMap<>();
        for (ImportTree imp : unit.getImports()) {
            String name = imp.getQualifiedIdentifier().toString();
            int dot = name.lastIndexOf('.');
            if (!imp.isStatic() || dot <= 0) {
                continue;
            }
            String owner = name.substring(0, dot);
            String member = name.substring(dot + 1);
            if (!member.equals("*")) {
                staticImports.put(member, owner);
                continue;
            }
            TypeElement type = processingEnv.getElementUtils().getTypeElement(owner);
            if (type != null) {
                for (Element e : type.getEnclosedElements()) {
                    String n = e.getSimpleName().toString();
                    if (e.getModifiers().contains(Modifier.STATIC) && (InterfaceScope.MACHINE_MEMBERS.contains(n)
                            || InterfaceScope.MACHINE_FIELDS.contains(n))) {
                        staticImports.putIfAbsent(n, owner);
                    }
                }
            }
        }
        taskCoroutines.removeAll(otherMethods); // an overload of the same arity that is not a coroutine
        CallTypes callTypes = callTypes(iface, unit, memberPaths);
        return new InterfaceScope(iface.getSimpleName().toString(), instanceMethods, staticMethods, privateMethods,
                fields, staticImports, taskCoroutines, InterfaceScope.suppressedOn(iface), helpers.instanceCopies(),
                helpers.staticCopies(), generatedSimpleName, callTypes.awaited(), callTypes.returns());
    }

    /**
     * A stream machine is an {@code AsyncStream}, so it inherits the member type {@code Cursor}, which
     * in the generated class hides a type of that name that the interface's file means: reported at
     * each unqualified {@code Cursor} of a stream coroutine, with the fix, rather than generated code
     * that does not compile.
     */
    private void checkCursorNames(TypeElement iface, CompilationUnitTree unit, List<CoroutineMethod> methods) {
        String cursor = InterfaceScope.STREAM_MACHINE_MEMBER_TYPE;
        String meant = TypeNames.meaning(cursor, unit, iface, processingEnv.getElementUtils());
        if (meant == null || meant.equals("io.yieldpoint.AsyncStream.Cursor")) {
            return;
        }
        for (CoroutineMethod m : methods) {
            if (m.kind() != CoroutineKind.STREAM) {
                continue;
            }
            new com.sun.source.util.TreePathScanner<Void, Void>() {
                @Override
                public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
                    if (id.getName().contentEquals(cursor)) {
                        diagnostics().error(Tag.NOT_YET_SUPPORTED, Messages.streamCursorHidden(meant), id, unit);
                    }
                    return null;
                }
            }.scan(m.path(), null);
        }
    }

    /** {@link InterfaceScope#returnTypes} and {@link InterfaceScope#awaitedTypes}. */
    private record CallTypes(Map<String, String> returns, Map<String, String> awaited) {}

    /**
     * The type of a call of the interface's own methods, and of an await of one, by name and arity:
     * kept where every method of that name and arity, declared in the interface's file, says the
     * same type, and none of that name is varargs (a call's arity does not say which it is).
     */
    private CallTypes callTypes(TypeElement iface, CompilationUnitTree unit, Map<Element, TreePath> memberPaths) {
        if (iface.getNestingKind() != NestingKind.TOP_LEVEL) {
            // The generated class is top-level: the enclosing types' member types reach it only
            // through an on-demand static import, which a type of the package or a single-type
            // import hides, and their private ones not at all. A type text could mean another type.
            return new CallTypes(Map.of(), Map.of());
        }
        Map<String, Set<String>> returns = new HashMap<>();
        Map<String, Set<String>> awaited = new HashMap<>();
        Set<String> varargsNames = new HashSet<>();
        for (Element e : processingEnv.getElementUtils().getAllMembers(iface)) {
            if (e.getKind() != ElementKind.METHOD) {
                continue;
            }
            ExecutableElement m = (ExecutableElement) e;
            String key = InterfaceScope.callKey(m.getSimpleName().toString(), m.getParameters().size());
            if (m.isVarArgs()) {
                varargsNames.add(m.getSimpleName().toString());
            }
            TreePath path = memberPaths.get(m); // null: declared in another file
            Tree returned = path == null || !m.getTypeParameters().isEmpty()
                    || m.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID
                    ? null : ((MethodTree) path.getLeaf()).getReturnType();
            Tree value = returned instanceof ParameterizedTypeTree p && p.getTypeArguments().size() == 1
                    && !(p.getTypeArguments().get(0) instanceof WildcardTree)
                    && m.getReturnType() instanceof javax.lang.model.type.DeclaredType d
                    && AWAITABLE.contains(((TypeElement) d.asElement()).getQualifiedName().toString())
                    ? p.getTypeArguments().get(0) : null;
            returns.computeIfAbsent(key, k -> new HashSet<>()).add(returned == null ? "" : source().typeText(unit, returned));
            awaited.computeIfAbsent(key, k -> new HashSet<>()).add(value == null ? "" : source().typeText(unit, value));
        }
        return new CallTypes(agreed(returns, varargsNames), agreed(awaited, varargsNames));
    }

    /** The keys whose methods all gave one type text ("" is a method whose type is not known). */
    private static Map<String, String> agreed(Map<String, Set<String>> texts, Set<String> varargsNames) {
        Map<String, String> agreed = new HashMap<>();
        texts.forEach((key, set) -> {
            String only = set.size() == 1 ? set.iterator().next() : "";
            if (!only.isEmpty() && !varargsNames.contains(key.substring(0, key.lastIndexOf('/')))) {
                agreed.put(key, only);
            }
        });
        return agreed;
    }

    /** The types {@code await} takes, whose type argument is what it gives. */
    private static final Set<String> AWAITABLE = Set.of("io.yieldpoint.Task", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.CompletableFuture");

    /** Whether {@code m} is a {@code @Coroutine} method returning {@code Task}. */
    private boolean isTaskCoroutine(ExecutableElement m) {
        boolean annotated = m.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(COROUTINE));
        return annotated && m.getReturnType() instanceof javax.lang.model.type.DeclaredType d
                && ((TypeElement) d.asElement()).getQualifiedName().contentEquals("io.yieldpoint.Task");
    }


    /**
     * An interface method named like a generated factory ({@code create()}, {@code of(Iface)})
     * would clash with it.
     */
    private boolean checkFactoryNames(TypeElement iface) {
        boolean ok = true;
        boolean hasAbstract = CoroutineInterface.hasAbstractMethods(iface, processingEnv.getElementUtils());
        for (Element e : processingEnv.getElementUtils().getAllMembers(iface)) {
            if (!(e instanceof ExecutableElement m) || m.getKind() != ElementKind.METHOD
                    || m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            String name = m.getSimpleName().toString();
            boolean clash = (name.equals("create") && m.getParameters().isEmpty() && !hasAbstract)
                    || (name.equals("of") && m.getParameters().size() == 1
                            && processingEnv.getTypeUtils().isSameType(
                                    processingEnv.getTypeUtils().erasure(m.getParameters().get(0).asType()),
                                    processingEnv.getTypeUtils().erasure(iface.asType())));
            if (clash) {
                diagnostics().error(Tag.FACTORY_NAME_CLASH, Messages.factoryNameClash(name, iface.getSimpleName().toString()),
                        owner(m).equals(iface) ? m : iface);
                ok = false;
            }
        }
        return ok;
    }

    /** The type that declares member {@code e} (a member always has one). */
    private static Element owner(Element e) {
        return Objects.requireNonNull(e.getEnclosingElement(), "a member has an enclosing type");
    }
}
