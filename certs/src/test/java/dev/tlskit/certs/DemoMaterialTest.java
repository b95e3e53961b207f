package dev.tlskit.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemoMaterialTest {
    private static final Date NOT_AFTER = Date.from(Instant.parse("2075-01-01T00:00:00Z"));
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void caIsAnEcP256CertificateAuthorityMarkedTestOnly() throws Exception {
        X509Certificate ca = DemoMaterial.ca();
        assertEquals("CN=tlskit demo CA (TEST ONLY),O=tlskit",
                ca.getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertTrue(ca.getBasicConstraints() >= 0);
        assertEquals(256, ((ECPublicKey) ca.getPublicKey()).getParams().getOrder().bitLength());
        ca.verify(ca.getPublicKey());
        assertEquals(NOT_AFTER, ca.getNotAfter());
    }

    @ParameterizedTest
    @EnumSource(DemoMaterial.Variant.class)
    void serverIsSignedByTheCaForLocalhostUntil2075(DemoMaterial.Variant variant) throws Exception {
        Identity server = DemoMaterial.server(variant);
        X509Certificate leaf = server.leaf();
        leaf.verify(DemoMaterial.ca().getPublicKey());
        assertEquals(DemoMaterial.ca().getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertEquals(NOT_BEFORE, leaf.getNotBefore());
        assertEquals(NOT_AFTER, leaf.getNotAfter());
        leaf.checkValidity();
        assertEquals(1, server.chain().size());
        assertTrue(Identity.matches(server.privateKey(), leaf.getPublicKey()));
        assertKeyType(variant, leaf);
    }

    @ParameterizedTest
    @EnumSource(DemoMaterial.Variant.class)
    void clientIsSignedByTheCaForClientAuth(DemoMaterial.Variant variant) throws Exception {
        Identity client = DemoMaterial.client(variant);
        X509Certificate leaf = client.leaf();
        leaf.verify(DemoMaterial.ca().getPublicKey());
        assertEquals("CN=tlskit demo client", leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals(NOT_AFTER, leaf.getNotAfter());
        assertTrue(Identity.matches(client.privateKey(), leaf.getPublicKey()));
        assertKeyType(variant, leaf);
    }

    @Test
    void defaultsAreEcAndParsedOnce() {
        assertSame(DemoMaterial.server(DemoMaterial.Variant.EC), DemoMaterial.server());
        assertSame(DemoMaterial.client(DemoMaterial.Variant.EC), DemoMaterial.client());
        assertSame(DemoMaterial.ca(), DemoMaterial.ca());
    }

    @Test
    void writesFilesThatLoadBack(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        DemoMaterial.writeTo(out);
        for (String name : List.of("server", "client", "server-rsa", "client-rsa")) {
            Identity identity = Identity.load(out.resolve(name + ".pem"), out.resolve(name + ".key"), null);
            DemoMaterial.Variant variant = name.endsWith("rsa") ? DemoMaterial.Variant.RSA : DemoMaterial.Variant.EC;
            Identity expected = name.startsWith("server") ? DemoMaterial.server(variant) : DemoMaterial.client(variant);
            assertEquals(expected.chain(), identity.chain());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(out.resolve(name + ".key"))));
            }
        }
        assertEquals(List.of(DemoMaterial.ca()), TrustAnchors.load(out.resolve("ca.pem")));
    }

    @Test
    void opensslVerifiesTheWrittenChains(@TempDir Path dir) {
        OpenSsl.assumeAvailable();
        DemoMaterial.writeTo(dir);
        String output = OpenSsl.runOk(dir, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver",
                "server.pem", "server-rsa.pem").output();
        assertTrue(output.contains("server.pem: OK") && output.contains("server-rsa.pem: OK"), output);
        OpenSsl.runOk(dir, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "client.pem", "client-rsa.pem");
        OpenSsl.runOk(dir, "pkey", "-in", "server.key", "-noout");
        // The server certificate is not good for client authentication.
        assertTrue(OpenSsl.run(dir, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "server.pem")
                .exitCode() != 0);
    }

    @Test
    void readmeMarksTheMaterialTestOnly() throws Exception {
        try (var in = DemoMaterial.class.getResourceAsStream("/dev/tlskit/certs/demo/README.txt")) {
            String readme = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(readme.startsWith("TEST ONLY: these private keys are public; never trust this CA"));
        }
    }

    @Test
    void generatorWritesAFreshConsistentSet(@TempDir Path dir) throws Exception {
        DemoMaterialGenerator.main(new String[] {dir.toString()});
        X509Certificate ca = Pem.readCertificates(dir.resolve("ca.pem")).get(0);
        for (String name : List.of("server-ec", "client-ec", "server-rsa", "client-rsa")) {
            Identity identity = Identity.load(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), null);
            identity.leaf().verify(ca.getPublicKey());
        }
        Identity.load(dir.resolve("ca.pem"), dir.resolve("ca.key"), null);
        assertTrue(Files.exists(dir.resolve("README.txt")));
    }

    private static void assertKeyType(DemoMaterial.Variant variant, X509Certificate leaf) {
        if (variant == DemoMaterial.Variant.RSA) {
            assertEquals(2048, ((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());
        } else {
            assertEquals(256, ((ECPublicKey) leaf.getPublicKey()).getParams().getOrder().bitLength());
        }
    }
}
