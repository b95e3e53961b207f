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
        return load(fileOrDirectory, null);
    }

    /**
     * As {@link #load(Path)}, and a file may also be a Java trust store (PKCS#12 or JKS, as {@code tlskit certgen
     * --truststore} and keytool write them): its trusted certificate entries, in alias order.
     *
     * @param storePassword the trust store's password, or null: then the store is read without one (a JKS, or a
     *     PKCS#12 whose certificates are not encrypted), else with the empty password, else with certgen's default
     */
    public static List<X509Certificate> load(Path fileOrDirectory, char[] storePassword) {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        if (!Files.isDirectory(fileOrDirectory)) {
            String type = storeType(fileOrDirectory);
            return type != null ? readStore(fileOrDirectory, type, storePassword)
                    : Pem.readCertificates(fileOrDirectory);
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

    /** {@code "PKCS12"} or {@code "JKS"} when the file is a key store (by its name or its first bytes), else null. */
    private static String storeType(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] head = new byte[4];
        int n = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (IOException e) {
            return null; // Pem.readCertificates says what is wrong with the file
        }
        if (n == 4 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xED && (head[2] & 0xFF) == 0xFE
                && (head[3] & 0xFF) == 0xED || name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return "PKCS12";
        }
        if (n < 4 || head[0] != 0x30) {
            return null; // not a DER SEQUENCE, so no PKCS#12: PEM, most often, read without touching KeyCodec (BC)
        }
        try {
            return dev.tlskit.certs.internal.KeyCodec.isPkcs12(Files.readAllBytes(file)) ? "PKCS12" : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The trusted certificate entries of a key store file; see {@link #load(Path, char[])} for the password. */
    private static List<X509Certificate> readStore(Path file, String type, char[] password) {
        String what = type.equals("JKS") ? "JKS trust store" : "PKCS#12 trust store";
        List<char[]> tries = new ArrayList<>();
        if (password != null) {
            tries.add(password);
        } else {
            tries.add(null);
            tries.add(new char[0]);
            tries.add(Certgen.DEFAULT_STORE_PASSWORD.toCharArray());
        }
        Exception last = null;
        for (char[] p : tries) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    store.load(in, p);
                }
                List<String> aliases = java.util.Collections.list(store.aliases());
                aliases.sort(Comparator.naturalOrder());
                List<X509Certificate> out = new ArrayList<>();
                for (String alias : aliases) {
                    if (store.isCertificateEntry(alias)
                            && store.getCertificate(alias) instanceof X509Certificate c) {
                        out.add(c);
                    }
                }
                if (!out.isEmpty()) {
                    return List.copyOf(out);
                }
                if (!aliases.isEmpty() && p != null) {
                    throw Pem.error(file.toString(), what + " without trusted certificate entries (only keys: a key"
                            + " store is given with -c, not -A)", null);
                }
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            }
        }
        if (password != null) {
            throw Pem.error(file.toString(), "cannot read the " + what + ": wrong password or not a " + what
                    + " (" + (last == null ? "no certificates" : last.getMessage()) + ")", last);
        }
        throw Pem.error(file.toString(), "cannot read the " + what + " without its password: give it with"
                + " --ca-password", last);
    }

    private static boolean hasCertificateExtension(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
