package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.AsyncStream;
import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.List;

/** An async stream: awaits and emits in one body, and a for-each loop that reads it. */
public interface Pager {

    Task<List<String>> fetchPage(int page);

    void log(String what);

    @Coroutine
    default AsyncStream<String> items() {
        try {
            for (int page = 0; ; page++) {
                List<String> items = await(fetchPage(page));
                if (items.isEmpty()) {
                    return end();
                }
                for (String item : items) {
                    emit(item);
                }
            }
        } finally {
            log("closed");
        }
    }

    @Coroutine
    default Task<Integer> countUntil(String stop) {
        int count = 0;
        for (String item : each(items())) {
            if (item.equals(stop)) {
                break;
            }
            count++;
        }
        return done(count);
    }
}
