package io.yieldpoint.examples.postgres;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: a new cluster made with {@code initdb} under
 * {@code target/}, started with {@code pg_ctl} on a free loopback port (TCP only, no Unix socket),
 * trusting local connections of the user {@code test}; {@link #close()} stops it and deletes it.
 *
 * <h2>Where PostgreSQL comes from</h2>
 * The directory of {@code initdb} and {@code pg_ctl}: {@code -Dyieldpoint.postgres.bin}, else the
 * environment's {@code YIELDPOINT_POSTGRES_BIN}, else the newest {@code /usr/lib/postgresql/<n>/bin}
 * (Debian's and Ubuntu's packages), else {@code initdb} on {@code PATH}. Without one, the tests are
 * skipped with a message that says how to run them, unless {@code -Dyieldpoint.postgres.required=true}
 * or {@code YIELDPOINT_POSTGRES_REQUIRED=true} (as {@code .ci/run} sets) makes that a failure.
 *
 * <h2>As root</h2>
 * {@code initdb} refuses to run as root: then the cluster's directory is given to the user
 * {@code postgres} (which the Debian package creates), else {@code nobody}, and the server's
 * commands run as that user through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String REQUIRED_PROPERTY = "yieldpoint.postgres.required";
    private static final String REQUIRED_ENV = "YIELDPOINT_POSTGRES_REQUIRED";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final List<String> asUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dir, int port, List<String> asUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asUser = asUser;
    }

    /** Makes and starts a server, or skips the calling test class if PostgreSQL is not installed. */
    public static PostgresServer start() throws Exception {
        Path bin = findBin();
        if (bin == null) {
            String how = "PostgreSQL tests skipped: no initdb found (looked at -Dyieldpoint.postgres.bin,"
                    + " $YIELDPOINT_POSTGRES_BIN, /usr/lib/postgresql/*/bin and PATH). To run them, install"
                    + " PostgreSQL (Debian/Ubuntu: apt-get install postgresql) or point -Dyieldpoint.postgres.bin"
                    + " at the directory of its initdb and pg_ctl; -D" + REQUIRED_PROPERTY + "=true (or "
                    + REQUIRED_ENV + "=true, as CI sets) turns this skip into a failure.";
            if (required()) {
                throw new AssertionError(how.replace("tests skipped", "tests required (" + REQUIRED_PROPERTY + ")"));
            }
            System.err.println(how);
            Assumptions.abort(how);
        }
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "postgres-");
        List<String> asUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            String user = userExists("postgres") ? "postgres" : "nobody";
            run(List.of(), dir, List.of("chown", user, dir.toString()));
            asUser = List.of("runuser", "-u", user, "--");
        }
        PostgresServer server = new PostgresServer(bin, dir, freePort(), asUser);
        try {
            server.initAndStart();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A JDBC URL of the server's {@code postgres} database, as the user {@code test}. */
    public String url() {
        return url("postgres");
    }

    /** A JDBC URL of the server's database {@code database}, as the user {@code test}. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=test";
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Creates a new, empty database (through JDBC): its name, not used before on this server. */
    public String createDatabase() throws SQLException {
        String name = "test" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name);
        }
        return name;
    }

    private void initAndStart() throws Exception {
        Path data = dir.resolve("data");
        run(asUser, dir, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "test",
                "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        // Appended as the process's user; the server reads it as the cluster's (root may write it).
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "port = " + port, "listen_addresses = '127.0.0.1'", "unix_socket_directories = ''",
                "fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 20", ""),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        run(asUser, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    /** Stops the server (immediate mode: nothing of it is kept) and deletes its directory. */
    @Override
    public void close() throws Exception {
        try {
            Path data = dir.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(asUser, dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                        "-w", "-t", "60", "stop"));
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static boolean required() {
        return Boolean.getBoolean(REQUIRED_PROPERTY)
                || "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV)) || "1".equals(System.getenv(REQUIRED_ENV));
    }

    private static Path findBin() throws IOException {
        String given = System.getProperty("yieldpoint.postgres.bin", System.getenv("YIELDPOINT_POSTGRES_BIN"));
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given, "initdb")) ? Path.of(given) : null;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion)).orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "initdb"))) {
                return Path.of(d);
            }
        }
        return null;
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean userExists(String user) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code command} (prefixed by {@code asUser}) in {@code dir}; fails with its output unless it exits 0. */
    private static void run(List<String> asUser, Path dir, List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.addAll(command);
        Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", full) + " failed:\n" + output + logTail(dir));
        }
    }

    private static String logTail(Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
