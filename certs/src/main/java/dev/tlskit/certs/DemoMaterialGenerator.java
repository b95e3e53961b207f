package dev.tlskit.certs;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Regenerates the embedded demo material. Run from the repository root:
 * {@code java -cp <certs classes + Bouncy Castle> dev.tlskit.certs.DemoMaterialGenerator [outputDir]}.
 * The output replaces the committed resources; every run makes new keys. The certificates are made by the same
 * profiles as {@code tlskit certgen} ({@link Certgen}); only names and validity are fixed here.
 */
public final class DemoMaterialGenerator {
    static final String DEFAULT_DIR = "certs/src/main/resources/dev/tlskit/certs/demo";
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2075-01-01T00:00:00Z");

    private static final String README = """
            TEST ONLY: these private keys are public; never trust this CA.

            tlskit's demo material, used when no certificate flags are given so that `tlskit server` and
            `tlskit client` work (with mutual authentication) out of the box. Anyone can read these keys from
            the jar, so the CA proves nothing. Regenerate with dev.tlskit.certs.DemoMaterialGenerator, which
            makes them with the same code as `tlskit certgen` (dev.tlskit.certs.Certgen).

            ca.pem, ca.key                  EC P-256 CA "tlskit demo CA (TEST ONLY)", O=tlskit
            server-ec.pem, server-ec.key    EC P-256 leaf, CN localhost, SAN DNS:localhost IP:127.0.0.1 IP:::1, serverAuth
            server-rsa.pem, server-rsa.key  the same with an RSA-2048 key
            client-ec.pem, client-ec.key    EC P-256 leaf, CN "tlskit demo client", clientAuth
            client-rsa.pem, client-rsa.key  the same with an RSA-2048 key

            Valid 2025-01-01T00:00:00Z to 2075-01-01T00:00:00Z. Keys are unencrypted PKCS#8.
            """;

    private DemoMaterialGenerator() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : DEFAULT_DIR);
        generate().writeTo(dir, true);
        System.out.println("wrote demo material (TEST ONLY) to " + dir.toAbsolutePath());
    }

    /**
     * The demo material as files, made with the same profiles as {@code tlskit certgen} ({@link Certgen}): an EC
     * P-256 CA (path length 0) and, per {@link DemoMaterial.Variant}, a localhost server and a client leaf.
     */
    static FileSet generate() {
        Validity validity = new Validity(NOT_BEFORE, NOT_AFTER);
        HeldCertificate ca = Certgen.ca("tlskit demo CA (TEST ONLY)", "tlskit", KeyType.EC_P256, validity, 0);
        FileSet files = new FileSet();
        add(files, "ca", ca);
        for (DemoMaterial.Variant variant : DemoMaterial.Variant.values()) {
            KeyType keyType = variant == DemoMaterial.Variant.RSA ? KeyType.RSA_2048 : KeyType.EC_P256;
            String suffix = "-" + variant.name().toLowerCase(java.util.Locale.ROOT);
            add(files, "server" + suffix, Certgen.server(ca, Certgen.LOCALHOST, keyType, validity));
            add(files, "client" + suffix, Certgen.client(ca, "tlskit demo client", java.util.List.of(), keyType,
                    validity));
        }
        files.add("README.txt", README, false);
        return files;
    }

    private static void add(FileSet files, String name, HeldCertificate held) {
        files.add(name + ".pem", held.certificatePem(), false);
        files.add(name + ".key", held.privateKeyPkcs8Pem(), true);
    }
}
