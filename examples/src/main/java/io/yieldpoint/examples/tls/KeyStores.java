package io.yieldpoint.examples.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's key from a PKCS#12 key store file (what {@code keytool -genkeypair -storetype PKCS12}
 * makes), for the example servers: the store and its key share one password.
 */
public final class KeyStores {

    private KeyStores() {}

    /** The key managers of the store's keys: a server offers the first that suits the client. */
    public static KeyManagerFactory keyManagers(Path keyStore, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return keys;
    }

    /** A TLS context (the JDK's provider) that serves with the store's keys. */
    public static SSLContext serverContext(Path keyStore, char[] password)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(keyStore, password).getKeyManagers(), null, null);
        return context;
    }
}
