package dev.tlskit.certs;

import static dev.tlskit.certs.PemTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {
    private static X509Certificate a;
    private static X509Certificate b;
    private static X509Certificate c;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildCertificates() {
        a = HeldCertificate.builder().commonName("a").certificateAuthority(0).build().certificate();
        b = HeldCertificate.builder().commonName("b").certificateAuthority(0).build().certificate();
        c = HeldCertificate.builder().commonName("c").certificateAuthority(0).build().certificate();
    }

    @Test
    void loadsEveryCertificateFileOfADirectoryInNameOrder() throws Exception {
        Files.writeString(dir.resolve("2-second.pem"), Pem.encode(b, c));
        Files.writeString(dir.resolve("1-first.crt"), Pem.encode(a));
        Files.writeString(dir.resolve("notes.txt"), "not a certificate");
        Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        Files.createDirectory(dir.resolve("sub.pem"));
        assertEquals(List.of(a, b, c), TrustAnchors.load(dir));
    }

    @Test
    void loadsDerFilesInADirectory() throws Exception {
        Files.write(dir.resolve("a.der"), a.getEncoded());
        Files.write(dir.resolve("b.cer"), b.getEncoded());
        assertEquals(List.of(a, b), TrustAnchors.load(dir));
    }

    @Test
    void loadsASingleFile() throws Exception {
        Path file = dir.resolve("bundle.pem");
        Files.writeString(file, Pem.encode(a, b));
        assertEquals(List.of(a, b), TrustAnchors.load(file));
    }

    @Test
    void concatenatesSeveralPaths() throws Exception {
        Path file = dir.resolve("a.pem");
        Files.writeString(file, Pem.encode(a));
        Path sub = Files.createDirectory(dir.resolve("more"));
        Files.writeString(sub.resolve("bc.pem"), Pem.encode(b, c));
        assertEquals(List.of(a, b, c), TrustAnchors.load(List.of(file, sub)));
    }

    @Test
    void unparsableFileInADirectoryIsNamed() throws Exception {
        Files.writeString(dir.resolve("a.pem"), Pem.encode(a));
        Files.writeString(dir.resolve("broken.pem"), "garbage");
        assertError(dir.resolve("broken.pem") + ": not a PEM or DER file", () -> TrustAnchors.load(dir));
    }

    @Test
    void directoryWithoutCertificatesIsRejected() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "nothing");
        assertError(dir + ": no certificates found", () -> TrustAnchors.load(dir));
    }

    @Test
    void missingPathIsRejected() {
        Path missing = dir.resolve("ca.pem");
        assertError(missing + ": no such file", () -> TrustAnchors.load(missing));
    }

    @Test
    void keyStoreHoldsTrustedEntriesCaZeroOneTwo() throws Exception {
        KeyStore store = TrustAnchors.toKeyStore(List.of(a, b, c));
        List<String> aliases = Collections.list(store.aliases());
        Collections.sort(aliases);
        assertEquals(List.of("ca-0", "ca-1", "ca-2"), aliases);
        assertTrue(store.isCertificateEntry("ca-1"));
        assertEquals(b, store.getCertificate("ca-1"));
    }
}
