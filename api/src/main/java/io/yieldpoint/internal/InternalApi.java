package io.yieldpoint.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package (or a type) as Yieldpoint's internals: public only so that Yieldpoint's own
 * modules and generated code can reach it. User code must not use it; it changes without notice
 * between versions, and the published API dumps leave it out.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface InternalApi {}
