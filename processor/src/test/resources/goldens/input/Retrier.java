package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Loops, branches, jumps and captures around yield points. */
public interface Retrier {

    Task<String> attempt(int number);

    @Coroutine
    default Task<List<String>> retry(int attempts) {
        var log = new ArrayList<String>();
        List<Supplier<String>> notes = new ArrayList<>();
        int number = 0;
        while (number < attempts) {
            number++;
            String answer = await(attempt(number));
            if (answer.isEmpty()) {
                continue;                      // try again
            } else if (answer.equals("stop")) {
                break;
            }
            long length = await(done(answer.length()));
            int n = number;
            notes.add(() -> "attempt " + n + ": " + length);
            log.add(answer);
        }
        for (Supplier<String> note : notes) {
            log.add(note.get());
        }
        return done(log);
    }
}
