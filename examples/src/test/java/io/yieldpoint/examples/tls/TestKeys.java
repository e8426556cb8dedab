package io.yieldpoint.examples.tls;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key stores made for one test run with the JDK's {@code keytool}: a server key pair for
 * {@code localhost} (and 127.0.0.1), a stranger's, and the contexts built from them.
 */
public final class TestKeys {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final Path serverKeyStore;
    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final SSLContext strangerContext;

    private TestKeys(Path serverKeyStore, KeyStore stranger) throws Exception {
        this.serverKeyStore = serverKeyStore;
        KeyStore server = load(serverKeyStore);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(server, PASSWORD);
        this.serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        this.clientContext = trusting(server);
        this.strangerContext = trusting(stranger);
    }

    /** Makes the key stores in {@code dir}. */
    public static TestKeys make(Path dir) throws Exception {
        return new TestKeys(keyPair(dir, "server"), load(keyPair(dir, "stranger")));
    }

    /** The server's PKCS#12 key store file: its password is {@link #password()}. */
    public Path serverKeyStore() {
        return serverKeyStore;
    }

    /** The password of the key stores and of their keys. */
    public static char[] password() {
        return PASSWORD.clone();
    }

    /** A server context with the server's key. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** A client context that trusts the server's certificate. */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** A client context that trusts only a stranger's certificate, not the server's. */
    public SSLContext strangerContext() {
        return strangerContext;
    }

    private static SSLContext trusting(KeyStore owner) throws Exception {
        Certificate cert = owner.getCertificate("key");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    private static Path keyPair(Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "key", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        // The process's pipes closed here, not by a cleaner at some later GC: the example server's
        // tests count the process's descriptors before and after.
        p.getOutputStream().close();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return file;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }
}
