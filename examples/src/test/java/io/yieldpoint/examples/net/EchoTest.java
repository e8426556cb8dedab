package io.yieldpoint.examples.net;

import static io.yieldpoint.Co.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.examples.http.Http;
import io.yieldpoint.runtime.EventLoop;
import io.yieldpoint.runtime.net.TcpListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The documentation's echo coroutines, server and 100 clients on one loop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoTest {

    /** The test's own coroutine: start the server, ask from many clients at once, stop. */
    public interface Scenario {
        @Coroutine
        default Task<List<String>> run(int clients) {
            Echo echo = EchoCoroutines.create();
            TcpListener listener = Http.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Task<Void> server = echo.serve(listener);
            try {
                List<Task<String>> answers = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    answers.add(echo.ask(listener.localAddress(), "question " + i + " \u00e9"));
                }
                return done(await(all(answers)));
            } finally {
                server.cancel();
            }
        }
    }

    @Test
    void everyClientGetsItsOwnLineBack() {
        List<String> answers = EventLoop.run(() -> EchoTest_ScenarioCoroutines.create().run(100));
        assertEquals(100, answers.size());
        for (int i = 0; i < answers.size(); i++) {
            assertEquals("question " + i + " \u00e9", answers.get(i));
        }
    }
}
