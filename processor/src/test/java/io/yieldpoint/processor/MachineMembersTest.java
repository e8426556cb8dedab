package io.yieldpoint.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yieldpoint.processor.model.InterfaceScope;
import io.yieldpoint.runtime.machine.AsyncStreamMachine;
import io.yieldpoint.runtime.machine.CoroutineMachine;
import io.yieldpoint.runtime.machine.GeneratorMachine;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A statically imported method called unqualified in a body would be hidden, inside the generated
 * machine, by a method of the same name that the machine inherits: the processor qualifies such
 * calls, for the names in {@link InterfaceScope#MACHINE_MEMBERS}. That list must cover every method
 * a machine inherits from the runtime's base classes (and their supertypes), or a new method of the
 * runtime silently changes what user code calls.
 */
class MachineMembersTest {

    @Test
    void everyInheritedMethodOfTheMachineBaseClassesIsListed() {
        Set<String> missing = new TreeSet<>();
        for (Class<?> base : new Class<?>[] {CoroutineMachine.class, GeneratorMachine.class, AsyncStreamMachine.class}) {
            for (Class<?> c = base; c != null; c = c.getSuperclass()) {
                collect(c, missing);
            }
        }
        missing.removeAll(InterfaceScope.MACHINE_MEMBERS);
        assertEquals(Set.of(), missing, "add these to InterfaceScope.MACHINE_MEMBERS");
    }

    private static void collect(Class<?> c, Set<String> names) {
        for (Method m : c.getDeclaredMethods()) {
            boolean staticOfInterface = c.isInterface() && Modifier.isStatic(m.getModifiers()); // not inherited
            if (!m.isSynthetic() && !staticOfInterface && !Modifier.isPrivate(m.getModifiers())
                    && (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())
                            || c.getPackageName().equals("io.yieldpoint.runtime.machine"))) {
                names.add(m.getName());
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            collect(i, names);
        }
    }
}
