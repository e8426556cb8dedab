package io.yieldpoint.examples.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server in a process limited to 256 file descriptors, held by 400 connections at
 * once: it says that accepting fails, pauses, and serves again once they are gone. (Run from a
 * jar, as deployed: loading a class from a directory takes a descriptor of its own.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DescriptorExhaustionTest {

    private static final Pattern LISTENING = Pattern.compile("http server on .*:(\\d+),");

    @Test
    void runningOutOfDescriptorsPausesAcceptingAndTheServerServesAgain(@TempDir Path dir) throws Exception {
        assumeTrue(new File("/bin/bash").canExecute() && new File("/proc/self/fd").isDirectory(), "Linux with bash");
        String classPath = classPathOfJars(dir.resolve("classes.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder("/bin/bash", "-c",
                "ulimit -n 256 && exec \"$0\" -cp \"$1\" io.yieldpoint.examples.http.Http 0 2", java, classPath)
                .redirectErrorStream(true).start();
        // Every line the server prints is read at once, so that it never blocks on a full pipe.
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), US_ASCII))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the server is gone
            }
            lines.add(END);
        }, "server output");
        reader.setDaemon(true);
        reader.start();
        try {
            int port = -1;
            for (String line; port < 0 && (line = nextLine(lines)) != END; ) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server did not start: " + output);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 400; i++) {
                    held.add(new Socket(address.getAddress(), address.getPort())); // the backlog takes them all
                }
                String line;
                while ((line = nextLine(lines)) != END && !line.contains("accept failed")) {
                    // the server's report comes once it has run out
                }
                assertTrue(line != END, "the server ended: " + output);
                assertTrue(line.contains("Too many open files") && line.contains("accepting again in"), line);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            String answer = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answer == null && System.nanoTime() < deadline) {
                answer = get(address); // the server accepts again within its pause (at most 1 s)
            }
            assertNotNull(answer, () -> "no answer within 20 s after the connections were closed: " + output
                    + "\n" + threadsOf(server));
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("hello /after\n"), answer);
            assertTrue(server.isAlive(), "the server is still running");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** The server's next line; {@link #END} if it has ended, or has said nothing for 20 s. */
    private static String nextLine(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(20, TimeUnit.SECONDS);
        return line != null ? line : END;
    }

    /** The end of the server's output, in the queue of its lines. */
    private static final String END = new String("end of output");

    /** The server's threads, as {@code jcmd Thread.print} shows them, to tell why it did not answer. */
    private static String threadsOf(Process server) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Path dump = Files.createTempFile("threads", ".txt");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(server.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            String threads = Files.readString(dump, US_ASCII);
            Files.delete(dump);
            return threads;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** One request on a fresh connection; null if the server does not take it or answer within a second. */
    private static String get(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("GET /after HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), US_ASCII);
        } catch (java.net.SocketTimeoutException | java.net.ConnectException notYet) {
            return null; // the server is still pausing its accepts, or its backlog is full
        }
    }

    /**
     * This test's class path (the server's classes among it) with only jars: its directories
     * copied into {@code jar}, its jars as they are.
     */
    private static String classPathOfJars(Path jar) throws IOException {
        List<String> jars = new ArrayList<>();
        jars.add(jar.toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Set<String> seen = new HashSet<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path root = Path.of(entry);
                if (!Files.isDirectory(root)) {
                    jars.add(entry);
                    continue;
                }
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String name = root.relativize(file).toString().replace(File.separatorChar, '/');
                        if (name.endsWith(".class") && seen.add(name)) {
                            out.putNextEntry(new JarEntry(name));
                            Files.copy(file, out);
                            out.closeEntry();
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        return String.join(File.pathSeparator, jars);
    }
}
