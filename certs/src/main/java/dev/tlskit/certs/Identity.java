package dev.tlskit.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import dev.tlskit.certs.internal.KeyCodec;

/**
 * A private key and the certificate chain that goes with it, leaf first: what an endpoint presents.
 */
public record Identity(PrivateKey privateKey, List<X509Certificate> chain) {

    /** The alias of the key entry in {@link #toKeyStore}. */
    public static final String ALIAS = "tlskit";

    public Identity {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain must not be empty");
        }
    }

    /** The end-entity certificate, first in the chain. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Loads an identity from files.
     * <ul>
     *   <li>PKCS#12 ({@code .p12}/{@code .pfx}, or DER content that parses as PKCS#12): key and chain from the
     *       first key entry; {@code passwordOrNull} opens the store; {@code keyOrNull} must be null.</li>
     *   <li>Otherwise a PEM (or DER) chain, leaf first, and the PEM private key from {@code keyOrNull}, or from
     *       the certificate file itself when {@code keyOrNull} is null (combined PEM).</li>
     * </ul>
     * The key must match the leaf's public key.
     *
     * @throws IllegalArgumentException {@code "<file>: <what is wrong>"}
     */
    public static Identity load(Path certificate, Path keyOrNull, char[] passwordOrNull) {
        Objects.requireNonNull(certificate, "certificate");
        byte[] bytes = Pem.readFile(certificate);
        String certName = certificate.toString();
        if (isPkcs12(certificate, bytes)) {
            if (keyOrNull != null) {
                throw Pem.error(keyOrNull.toString(), "not used: the key comes from PKCS#12 file " + certName, null);
            }
            return loadPkcs12(certName, bytes, passwordOrNull);
        }
        List<X509Certificate> chain = Pem.certificates(certName, bytes);
        PrivateKey key;
        Path keyPath = keyOrNull != null ? keyOrNull : certificate;
        if (keyOrNull != null) {
            key = Pem.readPrivateKey(keyOrNull, passwordOrNull);
        } else {
            key = Pem.findPrivateKey(certName, bytes, passwordOrNull).orElseThrow(() -> Pem.error(certName,
                    "no private key in the certificate file, and no key file given", null));
        }
        checkMatch(keyPath.toString(), key, certName, chain.get(0));
        return new Identity(key, chain);
    }

    /**
     * A PKCS#12 key store in memory holding this identity under alias {@value #ALIAS}.
     *
     * @param password protects the store and the key entry; null means an empty password
     */
    public KeyStore toKeyStore(char[] password) {
        char[] pw = password != null ? password : new char[0];
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, pw, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build PKCS#12 key store: " + e.getMessage(), e);
        }
    }

    static void checkMatch(String keyName, PrivateKey key, String certName, X509Certificate leaf) {
        if (!matches(key, leaf.getPublicKey())) {
            throw Pem.error(keyName, "private key does not match certificate " + certName + " (subject "
                    + leaf.getSubjectX500Principal().getName(X500Principal.RFC2253) + ")", null);
        }
    }

    /** True when {@code key} is the private half of {@code publicKey}. */
    static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (key instanceof RSAKey rsaPrivate && publicKey instanceof RSAKey rsaPublic) {
            return rsaPrivate.getModulus().equals(rsaPublic.getModulus());
        }
        String family = keyFamily(key.getAlgorithm());
        if (!family.equals(keyFamily(publicKey.getAlgorithm()))) {
            return false;
        }
        String signatureAlgorithm = switch (family) {
            case "EC" -> "SHA256withECDSA";
            case "EDDSA" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (signatureAlgorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // e.g. keys on different curves: they do not match
        }
    }

    private static String keyFamily(String algorithm) {
        String upper = algorithm.toUpperCase(Locale.ROOT);
        return upper.startsWith("ED") ? "EDDSA" : upper;
    }

    private static boolean isPkcs12(Path path, byte[] bytes) {
        String fileName = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        // PEM is no DER SEQUENCE: seen without touching KeyCodec, which loads Bouncy Castle
        return fileName.endsWith(".p12") || fileName.endsWith(".pfx")
                || bytes.length >= 4 && bytes[0] == 0x30 && KeyCodec.isPkcs12(bytes);
    }

    private static Identity loadPkcs12(String name, byte[] bytes, char[] passwordOrNull) {
        char[] password = passwordOrNull != null ? passwordOrNull : new char[0];
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw Pem.error(name, passwordOrNull == null
                        ? "PKCS#12 file needs a password (--key-password)" : "wrong PKCS#12 password", e);
            }
            throw Pem.error(name, "not a valid PKCS#12 file", e);
        } catch (GeneralSecurityException e) {
            throw Pem.error(name, "cannot read PKCS#12: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] certificates = store.getCertificateChain(alias);
                if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
                    continue;
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : certificates) {
                    chain.add((X509Certificate) certificate);
                }
                checkMatch(name, privateKey, name, chain.get(0));
                return new Identity(privateKey, chain);
            }
        } catch (UnrecoverableKeyException e) {
            throw Pem.error(name, "wrong PKCS#12 password", e);
        } catch (GeneralSecurityException e) {
            throw Pem.error(name, "cannot read PKCS#12: " + e.getMessage(), e);
        }
        throw Pem.error(name, "no private key with a certificate chain found", null);
    }
}
