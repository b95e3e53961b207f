package dev.tlskit.certs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Java key stores as bytes, for files: PKCS#12 (what OpenSSL and every JDK read) or the legacy JKS. */
public final class KeyStores {
    /** The alias of the trusted CA entries in {@link #trustStore}: {@code ca}, then {@code ca-1}, {@code ca-2}. */
    public static final String CA_ALIAS = "ca";

    /** The two store formats. */
    public enum Format {
        PKCS12("PKCS12", "p12"), JKS("JKS", "jks");

        private final String type;
        private final String extension;

        Format(String type, String extension) {
            this.type = type;
            this.extension = extension;
        }

        /** The file extension without the dot: {@code p12} or {@code jks}. */
        public String extension() {
            return extension;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private KeyStores() {
    }

    /**
     * A key store holding {@code identity} as one key entry (alias {@value Identity#ALIAS}), its chain included.
     *
     * @param password protects the store and the key; an empty password is allowed (OpenSSL: {@code -passin pass:})
     */
    public static byte[] keyStore(Format format, Identity identity, char[] password) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(password, "password");
        try {
            KeyStore store = empty(format);
            store.setKeyEntry(Identity.ALIAS, identity.privateKey(), password,
                    identity.chain().toArray(new Certificate[0]));
            return bytes(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build " + format + " key store: " + e.getMessage(), e);
        }
    }

    /** A trust store with each certificate as a trusted certificate entry ({@code ca}, {@code ca-1}, ...). */
    public static byte[] trustStore(Format format, List<X509Certificate> trusted, char[] password) {
        Objects.requireNonNull(password, "password");
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("a trust store needs at least one certificate");
        }
        try {
            KeyStore store = empty(format);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry(i == 0 ? CA_ALIAS : CA_ALIAS + "-" + i, trusted.get(i));
            }
            return bytes(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build " + format + " trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore empty(Format format) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(format.type);
        store.load(null, null);
        return store;
    }

    private static byte[] bytes(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
