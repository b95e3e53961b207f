package dev.tlskit.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** Certificates to trust, from files and directories of PEM/DER certificates. */
public final class TrustAnchors {
    private static final List<String> EXTENSIONS = List.of(".pem", ".crt", ".cer", ".der");

    private TrustAnchors() {
    }

    /**
     * The certificates in a PEM/DER file, or in a directory: every regular file directly in it whose name ends
     * in .pem, .crt, .cer or .der, in name order. A file that does not parse is an error naming that file.
     *
     * @throws IllegalArgumentException {@code "<path>: <what is wrong>"}, also when nothing was found
     */
    public static List<X509Certificate> load(Path fileOrDirectory) {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        if (!Files.isDirectory(fileOrDirectory)) {
            return Pem.readCertificates(fileOrDirectory);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(fileOrDirectory)) {
            files = entries.filter(TrustAnchors::hasCertificateExtension)
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw Pem.error(fileOrDirectory.toString(), "cannot list directory: " + Pem.describe(e), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.addAll(Pem.readCertificates(file));
        }
        if (certificates.isEmpty()) {
            throw Pem.error(fileOrDirectory.toString(), "no certificates found", null);
        }
        return List.copyOf(certificates);
    }

    /** The certificates of every path, in order (see {@link #load(Path)}). */
    public static List<X509Certificate> load(List<Path> filesOrDirectories) {
        if (filesOrDirectories.isEmpty()) {
            throw new IllegalArgumentException("no trust anchor files given");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path path : filesOrDirectories) {
            certificates.addAll(load(path));
        }
        return List.copyOf(certificates);
    }

    /** An in-memory PKCS#12 key store with one trusted certificate entry each, aliases "ca-0", "ca-1", ... */
    public static KeyStore toKeyStore(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store: " + e.getMessage(), e);
        }
    }

    private static boolean hasCertificateExtension(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
