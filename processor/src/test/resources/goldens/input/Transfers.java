package demo;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import java.io.Closeable;

/** try/catch/finally and try-with-resources around yield points. */
public interface Transfers {

    Task<Integer> balance(String account);

    Closeable lock(String account);

    @Coroutine
    default Task<Boolean> transfer(String from, String to, int amount) {
        try (Closeable a = lock(from); Closeable b = lock(to)) {
            int available = await(balance(from));
            if (available < amount) {
                return done(false);
            }
            await(sleep(1));
        } catch (IllegalStateException | java.io.IOException e) {
            System.out.println("failed: " + e.getMessage());
            return done(false);
        } finally {
            System.out.println("transfer attempted");
        }
        return done(true);
    }
}
