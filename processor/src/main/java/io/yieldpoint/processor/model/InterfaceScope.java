package io.yieldpoint.processor.model;

import java.util.Map;
import java.util.Set;

/**
 * The names a coroutine body can call unqualified, which the generated machine must qualify: it is a
 * nested class of the generated class, not the interface, and it inherits members of its own.
 *
 * @param simpleName the interface's simple name, for {@code Fetcher.this} and static calls
 * @param instanceMethods methods of the interface callable on {@code this}
 * @param staticMethods static methods declared by the interface (not inherited by implementations)
 * @param staticImportOwners for each single static import {@code import static a.B.m;}: m to {@code a.B}
 */
public record InterfaceScope(
        String simpleName, Set<String> instanceMethods, Set<String> staticMethods, Map<String, String> staticImportOwners) {

    public InterfaceScope {
        instanceMethods = Set.copyOf(instanceMethods);
        staticMethods = Set.copyOf(staticMethods);
        staticImportOwners = Map.copyOf(staticImportOwners);
    }
}
