package io.yieldpoint.processor;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * A processing environment of a compiler that is not javac (as Eclipse's is): no Trees behind it.
 * Runs one round with one {@code @Coroutine} annotation present and records the messages.
 */
final class NoTreesEnvironment implements ProcessingEnvironment {

    record Message(Diagnostic.Kind kind, String text) {}

    /** The element of {@code @Coroutine}: identity equality, nothing else. */
    private static final TypeElement COROUTINE = (TypeElement) Proxy.newProxyInstance(
            TypeElement.class.getClassLoader(), new Class<?>[] {TypeElement.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "io.yieldpoint.Coroutine";
                        default -> null;
                    });

    private final List<Message> messages = new ArrayList<>();

    static List<Message> run(Processor processor) {
        NoTreesEnvironment env = new NoTreesEnvironment();
        processor.init(env);
        processor.process(Set.of(COROUTINE), null);
        return env.messages;
    }

    @Override
    public Messager getMessager() {
        return new Messager() {
            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg) {
                messages.add(new Message(kind, msg.toString()));
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e) {
                printMessage(kind, msg);
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e,
                    javax.lang.model.element.AnnotationMirror a) {
                printMessage(kind, msg);
            }

            @Override
            public void printMessage(Diagnostic.Kind kind, CharSequence msg, javax.lang.model.element.Element e,
                    javax.lang.model.element.AnnotationMirror a, javax.lang.model.element.AnnotationValue v) {
                printMessage(kind, msg);
            }
        };
    }

    @Override
    public Elements getElementUtils() {
        return (Elements) Proxy.newProxyInstance(Elements.class.getClassLoader(), new Class<?>[] {Elements.class},
                (p, m, a) -> m.getName().equals("getTypeElement") ? COROUTINE : null);
    }

    @Override
    public Map<String, String> getOptions() {
        return Map.of();
    }

    @Override
    public Filer getFiler() {
        return null;
    }

    @Override
    public Types getTypeUtils() {
        return null;
    }

    @Override
    public SourceVersion getSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public java.util.Locale getLocale() {
        return java.util.Locale.ROOT;
    }
}
