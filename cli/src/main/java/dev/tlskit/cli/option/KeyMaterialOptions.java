package dev.tlskit.cli.option;

import dev.tlskit.certs.Identity;
import dev.tlskit.certs.TrustAnchors;
import dev.tlskit.cli.UsageException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Identity and trust files: {@code -c}, {@code -k}, {@code --key-password}, {@code -A}, {@code --ca-password}. */
@OptionGroup.In(OptionGroup.CERTIFICATES)
public final class KeyMaterialOptions {
    /** The {@code -A} value that means the platform's trust store. */
    public static final String SYSTEM = "system";

    @Option(names = {"-c", "--cert"}, paramLabel = "FILE",
            description = "certificate chain (PEM, leaf first) or PKCS#12 file (default: the TEST-ONLY demo certificate)")
    Path cert;

    @Option(names = {"-k", "--key"}, paramLabel = "FILE",
            description = "private key (PEM: PKCS#8, PKCS#1, SEC1, encrypted PKCS#8); default: in the -c file")
    Path key;

    @Option(names = "--key-password", paramLabel = "SOURCE",
            description = "password of an encrypted key or PKCS#12: " + PasswordSource.FORMS)
    String keyPassword;

    @Option(names = {"-A", "--ca"}, paramLabel = "FILE|DIR",
            description = "trust anchors: a PEM/DER file, a directory of PEM files, or a PKCS#12/JKS trust store;"
                    + " repeatable; 'system' for the platform store (default: the demo CA on loopback, else system)")
    List<Path> ca; // Path, not String: so shell completion offers files ('system' is a path too)

    @Option(names = "--ca-password", paramLabel = "SOURCE",
            description = "password of a PKCS#12/JKS trust store given with -A: " + PasswordSource.FORMS
                    + " (default: none, then empty, then certgen's default)")
    String caPassword;

    public boolean hasCertificate() {
        return cert != null;
    }

    public boolean hasTrust() {
        return ca != null && !ca.isEmpty();
    }

    /** The identity from {@code -c/-k}, or null when {@code -c} is absent. */
    public Identity identity() {
        if (cert == null) {
            if (key != null) {
                throw new UsageException("-k " + key + ": given without -c (the certificate it belongs to)");
            }
            return null;
        }
        try {
            return Identity.load(cert, key, password("--key-password", keyPassword));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), null, e);
        }
    }

    /** Anchors from {@code -A} (excluding {@code system}), in order. */
    public List<X509Certificate> anchors() {
        List<X509Certificate> out = new ArrayList<>();
        if (ca != null) {
            for (Path location : ca) {
                if (!location.toString().equals(SYSTEM)) {
                    try {
                        out.addAll(TrustAnchors.load(location, password("--ca-password", caPassword)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage(), null, e);
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@code -A system} was given. */
    public boolean trustSystem() {
        return ca != null && ca.stream().anyMatch(p -> p.toString().equals(SYSTEM));
    }

    private static char[] password(String flag, String source) {
        return PasswordSource.read(flag, source);
    }
}
