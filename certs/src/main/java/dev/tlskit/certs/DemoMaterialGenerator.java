package dev.tlskit.certs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Regenerates the embedded demo material. Run from the repository root:
 * {@code java -cp <certs classes + Bouncy Castle> dev.tlskit.certs.DemoMaterialGenerator [outputDir]}.
 * The output replaces the committed resources; every run makes new keys.
 */
public final class DemoMaterialGenerator {
    static final String DEFAULT_DIR = "certs/src/main/resources/dev/tlskit/certs/demo";
    static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2075-01-01T00:00:00Z");

    private static final String README = """
            TEST ONLY: these private keys are public; never trust this CA.

            tlskit's demo material, used when no certificate flags are given so that `tlskit server` and
            `tlskit client` work (with mutual authentication) out of the box. Anyone can read these keys from
            the jar, so the CA proves nothing. Regenerate with dev.tlskit.certs.DemoMaterialGenerator.

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
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }

        HeldCertificate ca = HeldCertificate.builder()
                .commonName("tlskit demo CA (TEST ONLY)")
                .organization("tlskit")
                .keyType(KeyType.EC_P256)
                .certificateAuthority(0)
                .notBefore(NOT_BEFORE).notAfter(NOT_AFTER)
                .build();
        write(dir, "ca", ca);
        for (DemoMaterial.Variant variant : DemoMaterial.Variant.values()) {
            KeyType keyType = variant == DemoMaterial.Variant.RSA ? KeyType.RSA_2048 : KeyType.EC_P256;
            String suffix = "-" + variant.name().toLowerCase(java.util.Locale.ROOT);
            write(dir, "server" + suffix, HeldCertificate.builder()
                    .commonName("localhost")
                    .addDnsName("localhost").addIpAddress("127.0.0.1").addIpAddress("::1")
                    .keyType(keyType).serverAuth().signedBy(ca)
                    .notBefore(NOT_BEFORE).notAfter(NOT_AFTER)
                    .build());
            write(dir, "client" + suffix, HeldCertificate.builder()
                    .commonName("tlskit demo client")
                    .keyType(keyType).clientAuth().signedBy(ca)
                    .notBefore(NOT_BEFORE).notAfter(NOT_AFTER)
                    .build());
        }
        try {
            Files.writeString(dir.resolve("README.txt"), README, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write README.txt in " + dir, e);
        }
        System.out.println("wrote demo material (TEST ONLY) to " + dir.toAbsolutePath());
    }

    private static void write(Path dir, String name, HeldCertificate held) {
        Pem.write(dir.resolve(name + ".pem"), held.certificatePem(), false);
        Pem.write(dir.resolve(name + ".key"), held.privateKeyPkcs8Pem(), true);
    }
}
