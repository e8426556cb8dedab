package io.yieldpoint.benchmarks.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.yieldpoint.examples.http.DemoApp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The comparison servers of the HTTP load test (docs/benchmarks.md): the same work as the
 * Yieldpoint example server (parse the request line and headers with the same size limits, wait
 * 10 ms for a simulated back-end, answer the same bytes, keep the connection alive; {@code /cpu...}
 * adds {@link DemoApp#compute}), written the
 * classic blocking way, one thread per connection.
 *
 * <pre>
 * java -cp benchmarks/target/classes io.yieldpoint.benchmarks.http.BlockingHttpServer threads 8082
 * java -cp benchmarks/target/classes io.yieldpoint.benchmarks.http.BlockingHttpServer virtual 8083   # JDK 21+
 * </pre>
 *
 * <ul>
 *   <li>{@code threads}: a new platform thread per connection (the default stack size);</li>
 *   <li>{@code virtual}: a new virtual thread per connection, through
 *       {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up by reflection so that this
 *       module still compiles with {@code --release 17}; it needs a JDK 21+ at run time.</li>
 * </ul>
 */
public final class BlockingHttpServer {

    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final long BACKEND_MILLIS = 10;

    private BlockingHttpServer() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "threads";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8082;
        ExecutorService virtual = mode.equals("virtual") ? newVirtualThreadPerTaskExecutor() : null;
        if (virtual == null && !mode.equals("threads")) {
            throw new IllegalArgumentException("mode must be 'threads' or 'virtual': " + mode);
        }
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(port), 4096);
            System.out.println("blocking http server (" + mode + ") on " + listener.getLocalSocketAddress());
            while (true) {
                Socket s = listener.accept();
                Runnable serve = () -> serve(s);
                if (virtual != null) {
                    virtual.execute(serve);
                } else {
                    Thread t = new Thread(serve, "conn");
                    t.setDaemon(true);
                    t.start();
                }
            }
        }
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
    }

    /** A refused request: its status, then the connection closes. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine;
                try {
                    requestLine = readLine(in, MAX_LINE, 414);
                    if (requestLine == null) {
                        return;
                    }
                    String[] parts = requestLine.split(" ", -1);
                    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                        throw new Refused(400);
                    }
                    Map<String, String> headers = new HashMap<>();
                    int headerBytes = 0;
                    while (true) {
                        String line = readLine(in, MAX_LINE, 431);
                        if (line == null) {
                            return;
                        }
                        if (line.isEmpty()) {
                            break;
                        }
                        headerBytes += line.length() + 2;
                        int colon = line.indexOf(':');
                        if (headerBytes > MAX_HEADER_BYTES) {
                            throw new Refused(431);
                        }
                        if (colon <= 0) {
                            throw new Refused(400);
                        }
                        headers.merge(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                                (a, b) -> a + ", " + b);
                    }
                    String length = headers.get("content-length");
                    if (length != null) {
                        in.readNBytes(Integer.parseInt(length));
                    }
                    Thread.sleep(BACKEND_MILLIS); // the simulated back-end call: this thread waits
                    boolean keepAlive = !headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT).contains("close")
                            && parts[2].equals("HTTP/1.1");
                    String body = "hello " + parts[1];
                    if (parts[1].startsWith("/cpu")) {
                        body += " " + Long.toHexString(DemoApp.compute(DemoApp.CPU_WORK_ROUNDS));
                    }
                    out.write(response(200, body + "\n", keepAlive));
                    out.flush();
                    if (!keepAlive) {
                        return;
                    }
                } catch (Refused r) {
                    out.write(response(r.status, r.status + "\n", false));
                    out.flush();
                    return;
                } catch (NumberFormatException e) {
                    out.write(response(400, "400\n", false));
                    out.flush();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the peer went away
        }
    }

    private static byte[] response(int status, String body, boolean keepAlive) {
        byte[] b = body.getBytes(UTF_8);
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        byte[] h = head.getBytes(US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** A line without its terminator; null at the end of the stream; {@code tooLong} beyond {@code max}. */
    private static String readLine(InputStream in, int max, int tooLong) throws IOException, Refused {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (line.size() > max) {
                throw new Refused(tooLong);
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, US_ASCII);
    }
}
