package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;

/** Yield points inside expressions: order of evaluation, spills, short-circuits. */
public interface Expressions {

    Task<Integer> price(String item);

    int discount();

    @Coroutine
    default Task<Integer> total(List<String> items, boolean member) {
        int sum = discount() + await(price(items.get(0))) * items.size();
        if (member && await(price("membership")) > 0) {
            sum -= await(price("bonus"));
        }
        return done(sum > 0 ? sum : await(price("minimum")));
    }
}
