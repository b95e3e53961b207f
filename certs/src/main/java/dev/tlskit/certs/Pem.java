package dev.tlskit.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.tlskit.certs.internal.KeyCodec;
import dev.tlskit.certs.internal.KeyCodec.KeyDecodingException;
import dev.tlskit.certs.internal.KeyCodec.PemBlock;
import dev.tlskit.certs.internal.PemText;
import dev.tlskit.certs.internal.Pkcs8;

/**
 * Reading and writing PEM certificates and private keys. Every read error is an IllegalArgumentException whose
 * message is {@code "<path>: <what is wrong>"}, short enough to show to users as is; the cause stays attached.
 */
public final class Pem {
    private static final Set<String> CERTIFICATE_TYPES = Set.of("CERTIFICATE", "X509 CERTIFICATE",
            "TRUSTED CERTIFICATE");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    /** Every certificate in a PEM file, in file order; or the one certificate of a DER file. */
    public static List<X509Certificate> readCertificates(Path path) {
        return certificates(path.toString(), readFile(path));
    }

    /**
     * The private key in a PEM (or DER PKCS#8) file: PKCS#8, encrypted PKCS#8, PKCS#1, SEC1 or OpenSSL's legacy
     * encrypted PEM; RSA, EC or Ed25519. The first key block counts; other blocks are ignored.
     *
     * @param passwordOrNull the password of an encrypted key; null when none was given
     * @return a key made by the JDK's own KeyFactory, usable with any provider
     */
    public static PrivateKey readPrivateKey(Path path, char[] passwordOrNull) {
        String name = path.toString();
        return findPrivateKey(name, readFile(path), passwordOrNull)
                .orElseThrow(() -> error(name, "no private key found", null));
    }

    /** PEM {@code CERTIFICATE} blocks, one per certificate, in the given order. */
    public static String encode(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate "
                        + certificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
            }
        }
        return pem.toString();
    }

    /** An unencrypted PKCS#8 {@code PRIVATE KEY} block (EC keys with the public key inside, as OpenSSL writes them). */
    public static String encodePkcs8(PrivateKey key) {
        byte[] encoded = Objects.requireNonNull(key, "key").getEncoded();
        if (encoded == null || !"PKCS#8".equalsIgnoreCase(key.getFormat())) {
            throw new IllegalArgumentException("private key cannot be exported as PKCS#8 (format "
                    + key.getFormat() + ")");
        }
        return block("PRIVATE KEY", KeyCodec.pkcs8(key));
    }

    /** An {@code ENCRYPTED PRIVATE KEY} block: PKCS#8 in PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as OpenSSL reads. */
    public static String encodeEncryptedPkcs8(PrivateKey key, char[] password) {
        Objects.requireNonNull(password, "password");
        return block("ENCRYPTED PRIVATE KEY", KeyCodec.encryptPkcs8(key, password));
    }

    /** An {@code RSA PRIVATE KEY} (PKCS#1) block. */
    public static String encodePkcs1(PrivateKey rsaKey) {
        return block("RSA PRIVATE KEY", KeyCodec.pkcs1(rsaKey));
    }

    /** An {@code EC PRIVATE KEY} (SEC1) block with the named curve and public key inside. */
    public static String encodeSec1(PrivateKey ecKey) {
        return block("EC PRIVATE KEY", KeyCodec.sec1(ecKey));
    }

    /**
     * Writes {@code pem} to {@code path}, replacing it. With {@code privateKey} the file is readable by its owner
     * only (0600), set before any key byte is written, where the file system has POSIX permissions.
     */
    public static void write(Path path, String pem, boolean privateKey) {
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        try {
            boolean posix = Files.getFileAttributeView(path.toAbsolutePath().getParent(),
                    PosixFileAttributeView.class) != null;
            if (privateKey && posix) {
                if (Files.exists(path)) {
                    Files.setPosixFilePermissions(path, OWNER_ONLY);
                } else {
                    Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
            }
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw error(path.toString(), "cannot write: " + describe(e), e);
        }
    }

    // ---- shared with Identity, TrustAnchors and DemoMaterial ----

    static byte[] readFile(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw error(name, "is a directory", null);
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw error(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw error(name, "not readable", e);
        } catch (IOException e) {
            throw error(name, "cannot read: " + describe(e), e);
        }
    }

    static List<X509Certificate> certificates(String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw error(name, "empty file", null);
        }
        if (!looksLikePem(bytes)) {
            try {
                return List.of(parseCertificate(bytes));
            } catch (CertificateException | RuntimeException e) {
                throw error(name, "not a PEM or DER file", e);
            }
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (PemText.Block block : certificateBlocks(name, bytes)) {
            if (CERTIFICATE_TYPES.contains(block.type())) {
                try {
                    certificates.add(parseCertificate(block.content()));
                } catch (CertificateException | RuntimeException e) {
                    throw error(name, "invalid certificate (PEM certificate " + (certificates.size() + 1) + ")", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw error(name, "no PEM certificate found", null);
        }
        return List.copyOf(certificates);
    }

    /** The first private key in the bytes, or empty when they are PEM without a private key block. */
    static Optional<PrivateKey> findPrivateKey(String name, byte[] bytes, char[] password) {
        if (bytes.length == 0) {
            throw error(name, "empty file", null);
        }
        Optional<PrivateKey> plain = plainPkcs8(bytes);
        return plain.isPresent() ? plain : bouncyCastleKey(name, bytes, password);
    }

    /**
     * The key of an unencrypted PKCS#8 file (the first key block a {@code PRIVATE KEY}, or DER) read with the JDK
     * alone, as the demo identity is on every client and server start; empty for any other file and on any doubt
     * ({@link Pkcs8}), and then {@link #bouncyCastleKey} reads it, or says what is wrong with it.
     */
    static Optional<PrivateKey> plainPkcs8(byte[] bytes) {
        if (!looksLikePem(bytes)) {
            return Pkcs8.decode(bytes);
        }
        List<PemText.Block> blocks;
        try {
            blocks = PemText.blocks(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (PemText.Block block : blocks) {
            if (PemText.isPrivateKeyType(block.type())) {
                return block.type().equals("PRIVATE KEY") ? Pkcs8.decode(block.content()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every key format, on Bouncy Castle ({@link KeyCodec}), with the messages of {@link #readPrivateKey}. */
    static Optional<PrivateKey> bouncyCastleKey(String name, byte[] bytes, char[] password) {
        try {
            if (!looksLikePem(bytes)) {
                return Optional.of(KeyCodec.decodeDerKey(bytes, password));
            }
            for (PemBlock block : blocks(name, bytes)) {
                if (PemText.isPrivateKeyType(block.type())) {
                    return Optional.of(KeyCodec.decodePemKey(block, password));
                }
            }
            return Optional.empty();
        } catch (KeyDecodingException e) {
            throw error(name, switch (e.failure()) {
                case NEEDS_PASSWORD -> "encrypted private key needs a password (--key-password)";
                case WRONG_PASSWORD -> "wrong password for encrypted private key";
                case NOT_A_KEY -> looksLikePem(bytes) ? e.getMessage()
                        : e.getMessage().equals("not DER") ? "not a PEM or DER file" : "no private key found";
                case UNSUPPORTED -> e.getMessage();
            }, e);
        }
    }

    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    static IllegalArgumentException error(String name, String cause, Throwable e) {
        return new IllegalArgumentException(name + ": " + cause, e);
    }

    /** A file error in a few words, as tlskit prints them ("no such file or directory", "Is a directory"). */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /** The blocks as {@link #blocks} reads them, without Bouncy Castle (a trust file is read on every client run). */
    private static List<PemText.Block> certificateBlocks(String name, byte[] bytes) {
        try {
            return PemText.blocks(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw error(name, "malformed PEM data", e);
        }
    }

    private static List<PemBlock> blocks(String name, byte[] bytes) {
        try {
            return KeyCodec.pemBlocks(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw error(name, "malformed PEM data", e);
        }
    }

    private static X509Certificate parseCertificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
