package io.yieldpoint.processor.model;

import com.sun.source.tree.Tree;

/**
 * A parameter or local variable of a coroutine body.
 *
 * @param declaration its declaring tree (a {@code VariableTree}, or a pattern's variable)
 * @param name its name in the user's source
 * @param parameter whether it is a method parameter (parameters are always fields)
 * @param lifted whether it becomes a field: a parameter, or a local whose scope has a yield point
 *     after its declaration
 * @param assigned whether the body assigns it after its declaration
 */
public record LocalVar(Tree declaration, String name, boolean parameter, boolean lifted, boolean assigned) {}
