package io.yieldpoint.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * A coroutine body lowered to a state machine, ready to emit.
 *
 * @param method the coroutine
 * @param selfField the name of the field holding the generated instance ({@code this} in the body)
 * @param usesSelf whether the body uses the generated instance: if not, the machine goes without
 *     the field, one reference less in every coroutine of this method (the lowering knows: only
 *     its rewriting of {@code this} and of unqualified calls names the field)
 * @param fields parameters and lifted locals, in declaration order
 * @param states each state's label and what it resumes
 * @param stepBody the Java text of the body of {@code step()}
 * @param cleansUpOnClose for a generator, whether it emits inside try statements, whose finally
 *     blocks must run when the consumer closes it early
 * @param nestedTypes the local records, enums and interfaces the machine declares as nested types
 */
public record LoweredMethod(
        CoroutineMethod method, String selfField, boolean usesSelf, List<Field> fields, List<State> states,
        String stepBody, boolean cleansUpOnClose, List<NestedType> nestedTypes) {

    public LoweredMethod {
        fields = List.copyOf(fields);
        states = List.copyOf(states);
        nestedTypes = List.copyOf(nestedTypes);
    }

    /**
     * A local record, enum or interface of the body, declared by the machine as a nested type.
     *
     * @param name its simple name
     * @param kind {@code record}, {@code enum} or {@code interface}
     * @param origin where the body declared it ({@code File.java:line})
     * @param text its declaration, as the user wrote it
     */
    public record NestedType(String name, String kind, String origin, String text) {}

    /**
     * A field of the state machine.
     *
     * @param name its name (the user's, unless two lifted locals share one)
     * @param type the source text of its type
     * @param parameter whether it holds a method parameter
     * @param argumentCopy for a parameter of a generator that the body assigns, the field keeping
     *     the argument to restart the generator with; else null
     * @param origin where it was declared, for the field's comment ({@code Fetcher.java:12})
     * @param inferred for a {@code var}, the type javac inferred; else null
     * @param note for a field of the machine's own (not the user's), what it holds; else null
     */
    public record Field(String name, String type, boolean parameter, @Nullable String argumentCopy, String origin,
            @Nullable TypeMirror inferred, @Nullable String note) {}

    /**
     * A state of the machine.
     *
     * @param label its {@code case} label
     * @param description what it is, with the original line
     */
    public record State(int label, String description) {}
}
