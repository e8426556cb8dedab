package io.yieldpoint.processor.lower;

/**
 * A part of the lowering of one method that handles statements of one kind (loops, branches,
 * {@code try}, yield points): what all parts share comes from the {@link MethodLowering} that
 * walks the body and gives each statement to its part.
 */
abstract class StatementLowering {

    final MethodLowering m;
    final MethodContext ctx;
    final StateWriter w;
    final Routing routing;
    final Rewriter rewriter;
    final ExpressionLowering exprs;

    StatementLowering(MethodLowering m) {
        this.m = m;
        this.ctx = m.ctx;
        this.w = m.w;
        this.routing = m.routing;
        this.rewriter = m.rewriter;
        this.exprs = m.exprs;
    }
}
