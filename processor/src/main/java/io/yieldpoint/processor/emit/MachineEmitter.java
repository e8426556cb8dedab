package io.yieldpoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.yieldpoint.processor.model.CoroutineKind;
import io.yieldpoint.processor.model.CoroutineMethod;
import io.yieldpoint.processor.model.LoweredMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The nested class of one lowered coroutine: its fields (the generated instance, the parameters,
 * the lifted locals), a constructor taking the arguments, and {@code step()}.
 */
final class MachineEmitter {

    private final LoweredMethod method;
    private final String name;
    private final TypeName ownerType;
    private final List<TypeVariableName> typeVars = new ArrayList<>();

    MachineEmitter(LoweredMethod method, String name, TypeName ownerType, List<TypeVariableName> ownerVars) {
        this.method = method;
        this.name = name;
        this.ownerType = ownerType;
        typeVars.addAll(ownerVars);
        method.method().element().getTypeParameters().forEach(tp -> typeVars.add(TypeVariableName.get(tp)));
    }

    TypeSpec build() {
        CoroutineMethod m = method.method();
        boolean task = m.kind().awaits(); // a Task or AsyncStream machine is a coroutine: step() answers
        boolean restartable = m.kind().emits();
        // Source text of a type is kept verbatim (a TypeVariableName prints its name as given): it
        // resolves through the user's imports, repeated in this file.
        TypeName value = TypeVariableName.get(m.valueType());
        ClassName base = base(m.kind());
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariables(typeVars)
                .superclass(ParameterizedTypeName.get(base, value))
                .addJavadoc(javadoc());
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        if (method.usesSelf()) {
            type.addField(FieldSpec.builder(ownerType, method.selfField(), Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("{@code this} of the coroutine body.\n").build());
            constructor.addParameter(ownerType, method.selfField())
                    .addStatement("this.$N = $N", method.selfField(), method.selfField());
        }
        for (LoweredMethod.Field f : method.fields()) {
            TypeName fieldType = f.inferred() != null ? TypeName.get(f.inferred()) : TypeVariableName.get(f.type());
            FieldSpec.Builder field = FieldSpec.builder(fieldType, f.name(), Modifier.PRIVATE);
            if (f.note() != null) {
                field.addJavadoc("$L\n", f.note());
            } else {
                field.addJavadoc(f.parameter() ? "Parameter {@code $L} ($L).\n" : "Local {@code $L}, lives across a yield point ($L).\n",
                        f.name(), f.origin());
            }
            type.addField(field.build());
            if (f.parameter()) {
                constructor.addParameter(fieldType, f.name()).addStatement("this.$N = $N", f.name(), f.name());
                if (f.argumentCopy() != null) {
                    String initial = f.argumentCopy();
                    type.addField(FieldSpec.builder(fieldType, initial, Modifier.PRIVATE, Modifier.FINAL)
                            .addJavadoc("The argument {@code $L}, kept to restart the generator.\n", f.name()).build());
                    constructor.addStatement("this.$N = $N", initial, f.name());
                }
            }
        }
        for (LoweredMethod.NestedType t : method.nestedTypes()) {
            // JavaPoet cannot hold a type as source text: a placeholder field marks where it goes.
            type.addField(FieldSpec.builder(TypeName.INT, NestedTypes.placeholder(name, t)).build());
        }
        MethodSpec built = constructor.build();
        if (!built.parameters().isEmpty()) {
            type.addMethod(built); // else the default constructor does
        }
        type.addMethod(MethodSpec.methodBuilder("step")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(task ? TypeName.BOOLEAN : TypeName.VOID)
                .addException(Throwable.class)
                .addCode("$L\n", StepBodies.placeholder(name))
                .build());
        if (restartable) {
            type.addMethod(restart(value, base));
        }
        if (method.cleansUpOnClose()) {
            type.addMethod(MethodSpec.methodBuilder("cleansUpOnClose")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PROTECTED)
                    .returns(boolean.class)
                    .addStatement("return true")
                    .build());
        }
        return type.build();
    }

    private static ClassName base(CoroutineKind kind) {
        return switch (kind) {
            case TASK -> RuntimeNames.COROUTINE_MACHINE;
            case GENERATOR -> RuntimeNames.GENERATOR_MACHINE;
            case STREAM -> RuntimeNames.ASYNC_STREAM_MACHINE;
        };
    }

    private MethodSpec restart(TypeName value, ClassName base) {
        List<String> args = new ArrayList<>(method.usesSelf() ? List.of(method.selfField()) : List.of());
        for (LoweredMethod.Field f : method.fields()) {
            if (f.parameter()) {
                args.add(f.argumentCopy() != null ? f.argumentCopy() : f.name());
            }
        }
        String typeArgs = typeVars.isEmpty() ? "" : "<" + String.join(", ", typeVars.stream().map(TypeName::toString).toList()) + ">";
        return MethodSpec.methodBuilder("restart")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(base, value))
                .addStatement("return new $L$L($L)", name, typeArgs, String.join(", ", args))
                .build();
    }

    private CodeBlock javadoc() {
        CoroutineMethod m = method.method();
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("{@code $L} as a state machine. States ({@code label}):\n<ul>\n", m.name());
        for (LoweredMethod.State s : method.states()) {
            doc.add("  <li>$L: $L</li>\n", s.label(), s.description());
        }
        return doc.add("</ul>\n").build();
    }
}
