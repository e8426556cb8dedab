package io.yieldpoint.processor;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Stand-ins for the processing environments of build tools, made by hand (the tests do not depend
 * on Gradle or IntelliJ): each wraps javac's real environment the way a build tool does, and the
 * Filer they hand out records what the processor creates, as Gradle's incremental Filer does.
 */
final class WrappedEnvironments {

    private WrappedEnvironments() {}

    /** One call of {@code Filer.createSourceFile}/{@code createClassFile}/{@code createResource}. */
    record Created(String kind, String name, List<Element> originatingElements) {}

    /** Runs {@code processor} with the environment {@code wrap} makes of javac's. */
    static Processor wrapping(Processor processor, UnaryOperator<ProcessingEnvironment> wrap) {
        return new Processor() {
            @Override
            public Set<String> getSupportedOptions() {
                return processor.getSupportedOptions();
            }

            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return processor.getSupportedAnnotationTypes();
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return processor.getSupportedSourceVersion();
            }

            @Override
            public void init(ProcessingEnvironment env) {
                processor.init(wrap.apply(env));
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                return processor.process(annotations, round);
            }

            @Override
            public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                    ExecutableElement member, String userText) {
                return processor.getCompletions(element, annotation, member, userText);
            }
        };
    }

    /**
     * A wrapper shaped like Gradle's incremental processing environment: a class that delegates
     * every method to a private field and hands out its own Filer.
     */
    static class DelegatingEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;
        private final RecordingFiler filer;

        DelegatingEnvironment(ProcessingEnvironment delegate, List<Created> created) {
            this.delegate = delegate;
            this.filer = new RecordingFiler(delegate.getFiler(), created);
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
        }

        @Override
        public boolean isPreviewEnabled() {
            return delegate.isPreviewEnabled();
        }
    }

    /**
     * A wrapper whose delegate field is declared in a superclass, with another name and type
     * {@code Object}: the unwrapping must not depend on one tool's field names.
     */
    static final class SubclassedEnvironment extends ObjectHolder implements ProcessingEnvironment {
        SubclassedEnvironment(ProcessingEnvironment wrapped) {
            super(wrapped);
        }

        private ProcessingEnvironment env() {
            return (ProcessingEnvironment) held();
        }

        @Override
        public Map<String, String> getOptions() {
            return env().getOptions();
        }

        @Override
        public Messager getMessager() {
            return env().getMessager();
        }

        @Override
        public Filer getFiler() {
            return env().getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return env().getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return env().getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return env().getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return env().getLocale();
        }
    }

    abstract static class ObjectHolder {
        private final Object wrapped;

        ObjectHolder(Object wrapped) {
            this.wrapped = wrapped;
        }

        Object held() {
            return wrapped;
        }
    }

    /** A {@link Proxy} over {@code env}, as IntelliJ's build makes, its handler a named class. */
    static ProcessingEnvironment proxy(ProcessingEnvironment env) {
        return proxy(new ForwardingHandler(env));
    }

    /** A {@link Proxy} whose handler is a lambda capturing {@code env}. */
    static ProcessingEnvironment proxyWithLambdaHandler(ProcessingEnvironment env) {
        return proxy((p, m, args) -> invoke(env, m, args));
    }

    /**
     * A wrapper that reaches javac's environment only through a {@link Supplier}, which the unwrapping
     * does not call: nothing can be unwrapped, and the processor must report its one clear error.
     */
    static ProcessingEnvironment opaque(ProcessingEnvironment env) {
        Supplier<ProcessingEnvironment> hidden = () -> env;
        return proxy((p, m, args) -> invoke(hidden.get(), m, args));
    }

    private static ProcessingEnvironment proxy(InvocationHandler handler) {
        return (ProcessingEnvironment) Proxy.newProxyInstance(WrappedEnvironments.class.getClassLoader(),
                new Class<?>[] {ProcessingEnvironment.class}, handler);
    }

    private static final class ForwardingHandler implements InvocationHandler {
        private final ProcessingEnvironment target;

        ForwardingHandler(ProcessingEnvironment target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return WrappedEnvironments.invoke(target, method, args);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Records every file the processor creates, with its originating elements, then delegates. */
    static final class RecordingFiler implements Filer {
        private final Filer delegate;
        private final List<Created> created;

        RecordingFiler(Filer delegate, List<Created> created) {
            this.delegate = delegate;
            this.created = created;
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            created.add(new Created("source", name.toString(), List.of(originatingElements)));
            return delegate.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            created.add(new Created("class", name.toString(), List.of(originatingElements)));
            return delegate.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName, Element... originatingElements) throws IOException {
            created.add(new Created("resource", relativeName.toString(), List.of(originatingElements)));
            return delegate.createResource(location, moduleAndPkg, relativeName, originatingElements);
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence moduleAndPkg,
                CharSequence relativeName) throws IOException {
            created.add(new Created("read", relativeName.toString(), List.of()));
            return delegate.getResource(location, moduleAndPkg, relativeName);
        }
    }

    static List<Created> newLog() {
        return new ArrayList<>();
    }
}
