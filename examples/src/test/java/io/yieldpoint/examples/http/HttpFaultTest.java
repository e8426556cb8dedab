package io.yieldpoint.examples.http;

import static io.yieldpoint.examples.http.HttpServerTest.networkDescriptors;
import static io.yieldpoint.examples.http.HttpServerTest.readResponse;
import static io.yieldpoint.examples.http.HttpServerTest.status;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The example server under the faults its peers cause, over loopback and bounded in time: clients
 * that hold connections with requests they never finish (slowloris), 20,000 short connections,
 * resets in the middle of an answer, peers that half-close. After each, the server still serves;
 * after all of them, and once it has stopped, it has left no socket open. (Descriptor exhaustion
 * has a test of its own, in a process with a descriptor limit: {@link DescriptorExhaustionTest}.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFaultTest {

    /** Short, so that the slow clients are cut off soon; every other client here is quick. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    private static int descriptorsBefore;
    private static Http.Running server;

    @BeforeAll
    static void start() throws IOException {
        HttpServerTest.warmUp();
        descriptorsBefore = networkDescriptors();
        HttpLimits d = HttpLimits.DEFAULT;
        server = Http.start(new HttpLimits(d.maxRequestLine(), d.maxHeaderLine(), d.maxHeaderBytes(), d.maxHeaders(),
                d.maxBody(), IDLE_TIMEOUT, d.maxBodiesInFlight()));
    }

    @AfterAll
    static void stopAndCountDescriptors() {
        server.close();
        // At most as many: a socket another test class of this JVM left behind may be collected meanwhile.
        int after = descriptorsOnceSettledAt(descriptorsBefore);
        assertTrue(after <= descriptorsBefore, "sockets or selectors left open after the server stopped: "
                + after + " descriptors, " + descriptorsBefore + " before it started");
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket(server.address().getAddress(), server.address().getPort());
        s.setSoTimeout(20_000); // a safety net only: every read below expects data or the end
        return s;
    }

    /** One GET on a new connection, answered and closed; the status. */
    private static int get(String path) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(US_ASCII));
            InputStream in = s.getInputStream();
            int status = status(readResponse(in));
            assertEquals(-1, in.read(), "the server ends the connection after its answer");
            return status;
        }
    }

    /** The next byte; -1 at the end of the data, or if the peer reset the connection. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    @Test
    void slowClientsAreCutOffAtTheIdleTimeoutWhileOthersAreServed() throws Exception {
        // 200 clients start a request and go on sending it, one byte of a header every 50 ms,
        // never finishing it: the idle timeout bounds the whole request, not the gap between bytes.
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = connect();
                s.setSoTimeout(10_000); // 10 idle timeouts: only a server that never cuts them off waits it out
                s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: t\r\nX-Slow: ".getBytes(US_ASCII));
                slow.add(s);
            }
            drip.scheduleWithFixedDelay(() -> {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write('a');
                    } catch (IOException closedByTheServer) {
                        // expected, once the server has cut it off
                    }
                }
            }, 50, 50, TimeUnit.MILLISECONDS);

            assertEquals(200, get("/meanwhile"), "the others are served while the slow clients hold connections");
            for (Socket s : slow) {
                assertEquals(-1, readOrReset(s.getInputStream()), "a slow client is cut off, unanswered, while it goes on sending");
            }
        } finally {
            drip.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
        assertEquals(200, get("/after-slow"));
    }

    /** Clients at once for the short connections: each answer waits for the demo's 10 ms back-end. */
    private static final int CLIENTS = 40;

    @Test
    void twentyThousandShortConnectionsLeaveNoDescriptorBehind() throws Exception {
        assertEquals(200, get("/first"));
        int baseline = descriptorsOnceSettledAt(-1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> served = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                served.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 20_000 / CLIENTS; i++) {
                        ok += get("/short") == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : served) {
                total += f.get();
            }
            assertEquals(20_000, total, "every short connection answered 200");
        } finally {
            clients.shutdownNow();
        }
        int after = descriptorsOnceSettledAt(baseline);
        assertTrue(after <= baseline, "the descriptors are back to their count before: " + after + ", " + baseline + " before");
    }

    /**
     * The count of the process's network descriptors once it is at most {@code expected} (or, for
     * -1, has stopped changing): the server closes its side of a connection just after the client has
     * read the end of its answer, so the last few closes may still be under way. Bounded: 10 s.
     */
    private static int descriptorsOnceSettledAt(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int last = networkDescriptors();
        int steady = 0;
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            int now = networkDescriptors();
            if (expected >= 0 ? now <= expected : now == last && ++steady == 10) {
                return now;
            }
            if (now != last) {
                steady = 0;
            }
            last = now;
        }
        return last;
    }

    @Test
    void resetsInTheMiddleOfAnAnswerDoNotDisturbTheOthers() throws IOException {
        String body = "r".repeat(500_000);
        byte[] request = ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(US_ASCII);
        for (int i = 0; i < 50; i++) {
            try (Socket s = connect()) {
                s.getOutputStream().write(request);
                InputStream in = s.getInputStream();
                assertEquals("HTTP/1.1 200", new String(in.readNBytes(12), US_ASCII));
                in.readNBytes(1000); // the answer is under way: 500 KB, more than the socket buffers hold
                s.setSoLinger(true, 0); // and the client goes away with a reset
            }
        }
        assertEquals(200, get("/after-resets"));
    }

    @Test
    void aPeerThatHalfClosesAfterItsRequestGetsItsAnswer() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write("GET /half HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(US_ASCII));
            s.shutdownOutput(); // no more requests: the answer still comes, then the end
            InputStream in = s.getInputStream();
            String answer = readResponse(in);
            assertEquals(200, status(answer));
            assertTrue(answer.endsWith("hello /half\n"), answer);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void aPeerThatHalfClosesInTheMiddleOfItsRequestIsLetGo() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /half HTTP/1.1\r\nHo".getBytes(US_ASCII));
            s.shutdownOutput(); // the request can never be finished
            assertEquals(-1, readOrReset(s.getInputStream()), "closed without an answer");
        }
        assertEquals(200, get("/after-half-close"));
    }
}
