package io.yieldpoint.examples.http;

import static io.yieldpoint.Co.*;

import io.yieldpoint.Coroutine;
import io.yieldpoint.Task;
import io.yieldpoint.runtime.net.TcpListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * The demo the examples run: the HTTP server and its client, both coroutines on the same
 * event-loop thread. The server starts, the client runs against it, the server stops.
 */
public interface HttpDemo {

    @Coroutine
    default Task<Void> main() {
        TcpListener listener = Http.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = listener.localAddress();
        Task<Void> server = HttpServerCoroutines.create().serve(listener, HttpLimits.DEFAULT,
                DemoAppCoroutines.create()::handle);
        System.out.println("server listening on " + address);
        HttpClient client = HttpClientCoroutines.create();
        try {
            List<ClientResponse> session = await(client.session(address, List.of("/a", "/b", "/c")));
            for (ClientResponse r : session) {
                System.out.print("kept-alive GET -> " + r.status() + " " + r.body());
            }

            int connections = 200;
            int requestsEach = 5;
            long start = System.nanoTime();
            int ok = await(client.load(address, connections, requestsEach));
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.println(String.format(Locale.ROOT,
                    "%d connections x %d requests, each awaiting a 10 ms back-end: %d x 200 OK in %.0f ms on one thread"
                            + " (sequentially: %d ms)",
                    connections, requestsEach, ok, ms, connections * requestsEach * 10));

            show(await(client.raw(address, "NOT HTTP\r\n\r\n")), "a malformed request line");
            show(await(client.raw(address, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(9000) + "\r\n\r\n")),
                    "a 9 KB header line");
            show(await(client.raw(address, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n")),
                    "a 5 MB body");
        } finally {
            server.cancel();
        }
        return done();
    }

    /** Prints what the server answered to {@code what}. */
    default void show(ClientResponse r, String what) {
        System.out.print(what + " -> " + r.body());
    }
}
