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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        List<String> output = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), US_ASCII));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                output.add(line);
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
                while ((line = out.readLine()) != null && !line.contains("accept failed")) {
                    output.add(line); // the server's report comes once it has run out
                }
                assertNotNull(line, "the server ended: " + output);
                assertTrue(line.contains("Too many open files") && line.contains("accepting again in"), line);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            String answer = null;
            for (int attempt = 0; attempt < 100 && answer == null; attempt++) {
                answer = get(address); // the server accepts again within its pause (at most 1 s)
            }
            assertNotNull(answer, "no answer after the connections were closed: " + output);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("hello /after\n"), answer);
            assertTrue(server.isAlive(), "the server is still running");
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    /** One request on a fresh connection; null if the server does not answer within a second. */
    private static String get(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("GET /after HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), US_ASCII);
        } catch (java.net.SocketTimeoutException e) {
            return null;
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
