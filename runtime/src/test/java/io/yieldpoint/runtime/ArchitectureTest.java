package io.yieldpoint.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.yieldpoint.internal.InternalApi;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rule of the api and runtime modules, checked on their compiled main classes: the
 * runtime's packages by audience, with imports in one direction only.
 *
 * <pre>
 *   io.yieldpoint.runtime (+ .sync .net .io)   users
 *        |  may use
 *   io.yieldpoint.runtime.machine               generated code (the ABI)
 *        |
 *   io.yieldpoint.runtime.debug                 tools: dump, MXBean, stack traces
 *        |
 *   io.yieldpoint.runtime.internal              the runtime itself
 * </pre>
 *
 * Each layer may use only those below it, and the api module (io.yieldpoint, io.yieldpoint.internal)
 * uses none of the runtime. CONTRIBUTING.md states the rule for people.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.yieldpoint");
    }

    @Test
    void theRuntimesPackagesAreLayeredByAudience() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("users").definedBy("io.yieldpoint.runtime", "io.yieldpoint.runtime.sync..",
                        "io.yieldpoint.runtime.net..", "io.yieldpoint.runtime.io..")
                .layer("generated-code ABI").definedBy("io.yieldpoint.runtime.machine..")
                .layer("debug").definedBy("io.yieldpoint.runtime.debug..")
                .layer("internals").definedBy("io.yieldpoint.runtime.internal..")
                .whereLayer("users").mayNotBeAccessedByAnyLayer()
                .whereLayer("generated-code ABI").mayOnlyBeAccessedByLayers("users")
                .whereLayer("debug").mayOnlyBeAccessedByLayers("users", "generated-code ABI")
                .whereLayer("internals").mayOnlyBeAccessedByLayers("users", "generated-code ABI", "debug")
                .because("imports go one way: users -> machine -> debug -> internal")
                .check(main);
    }

    @Test
    void generatedCodesBaseClassesReachTheirLoopOnlyThroughCoroutineHost() {
        noClasses().that().resideInAPackage("io.yieldpoint.runtime.machine..")
                .should().dependOnClassesThat().haveFullyQualifiedName(EventLoop.class.getName())
                .check(main);
    }

    @Test
    void theRuntimesSubpackagesHaveNoCycles() {
        slices().matching("io.yieldpoint.runtime.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theApiDoesNotDependOnTheRuntime() {
        noClasses().that().resideInAnyPackage("io.yieldpoint", "io.yieldpoint.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.yieldpoint.runtime..")
                .check(main);
    }

    @Test
    void nothingInMainCodeUsesTheTestArtifact() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.yieldpoint.test..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void internalPackagesAreMarked() {
        for (String pkg : List.of("io.yieldpoint.internal", "io.yieldpoint.runtime.internal")) {
            assertTrue(main.getPackage(pkg).isAnnotatedWith(InternalApi.class), pkg + " lacks @InternalApi");
        }
    }
}
