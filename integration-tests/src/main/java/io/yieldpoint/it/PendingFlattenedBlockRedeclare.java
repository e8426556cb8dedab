package io.yieldpoint.it;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import static io.yieldpoint.Co.*;

/**
 * PROCESSOR BUG (generated code does not compile): sibling blocks declaring the same name. A block
 * with a yield point is flattened into the states of the switch without its braces, so a local
 * declared after its last yield point (not lifted) lands in the enclosing case block; a following
 * yield-free sibling block, copied with its braces, then redeclares the name in a nested scope:
 * "variable v is already defined in method step()". Legal Java, as both declarations are in
 * disjoint blocks. (When both locals are lifted they become fields v and v2 and it works: see
 * SliceCorpus.siblingBlocks.)
 */
public interface PendingFlattenedBlockRedeclare extends Traced {

    @Coroutine
    default Task<String> redeclareInSiblingBlock(int n) {
        {
            await(yieldNow());
            int v = n;
            log().add("int " + v);
        }
        {
            String v = "s" + n;
            log().add("string " + v);
        }
        return done("ok");
    }

    @Coroutine
    default Task<String> redeclareAsLambdaParameter(int n) {
        {
            await(yieldNow());
            int x = n + 1;
            log().add("x=" + x);
        }
        java.util.function.IntUnaryOperator f = x -> x * 2;
        return done("f=" + f.applyAsInt(n));
    }
}
