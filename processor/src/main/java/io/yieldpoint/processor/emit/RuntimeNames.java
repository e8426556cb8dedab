package io.yieldpoint.processor.emit;

import com.palantir.javapoet.ClassName;

/** The runtime types the generated code names, in one place. */
final class RuntimeNames {

    private RuntimeNames() {}

    static final ClassName TASK = ClassName.get("io.yieldpoint", "Task");
    static final ClassName GENERATOR = ClassName.get("io.yieldpoint", "Generator");
    static final ClassName COROUTINE_MACHINE = ClassName.get("io.yieldpoint.runtime.machine", "CoroutineMachine");
    static final ClassName GENERATOR_MACHINE = ClassName.get("io.yieldpoint.runtime.machine", "GeneratorMachine");
    static final ClassName ASYNC_STREAM_MACHINE = ClassName.get("io.yieldpoint.runtime.machine", "AsyncStreamMachine");
    static final ClassName ASYNC_STREAM = ClassName.get("io.yieldpoint", "AsyncStream");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
