package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;

/** switch, do/while and for-each around yield points. */
public interface Poller {

    Task<String> poll(String source);

    @Coroutine
    default Task<Integer> pollAll(List<String> sources) {
        int received = 0;
        for (String source : sources) {
            String status;
            do {
                status = await(poll(source));
            } while (status.equals("busy"));
            switch (status) {
                case "empty":
                    continue;
                case "error":
                    return done(-1);
                default:
                    received++;
            }
        }
        return done(received);
    }
}
