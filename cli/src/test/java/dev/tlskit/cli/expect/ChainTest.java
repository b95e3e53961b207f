package dev.tlskit.cli.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.Pem;
import dev.tlskit.cli.Tlskit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --show-certs on success and on failed verification, and --save-chain. */
@Timeout(60)
class ChainTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static HeldCertificate root;
    static HeldCertificate intermediate;
    static HeldCertificate leaf;

    /** root -> intermediate -> leaf (localhost); full.pem is leaf + intermediate, leaf.pem the leaf alone. */
    @BeforeAll
    static void material() {
        root = HeldCertificate.builder().commonName("Chain Test Root").certificateAuthority(1).build();
        intermediate = HeldCertificate.builder().commonName("Chain Test Intermediate").certificateAuthority(0)
                .signedBy(root).build();
        leaf = HeldCertificate.builder().commonName("localhost").addDnsName("localhost").addIpAddress("127.0.0.1")
                .serverAuth().signedBy(intermediate).build();
        write("root.pem", root.certificatePem());
        write("other-root.pem", HeldCertificate.builder().commonName("Someone Else").certificateAuthority(0).build()
                .certificatePem());
        write("full.pem", leaf.certificatePem() + intermediate.certificatePem());
        write("leaf.pem", leaf.certificatePem());
        write("leaf.key", leaf.privateKeyPkcs8Pem());
        HeldCertificate other = HeldCertificate.builder().commonName("www.example.test")
                .addDnsName("www.example.test").serverAuth().signedBy(intermediate).build();
        write("other.pem", other.certificatePem() + intermediate.certificatePem());
        write("other.key", other.privateKeyPkcs8Pem());
    }

    static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tlskit.Result client(String certFile, String... clientArgs) throws Exception {
        String key = certFile.startsWith("other") ? "other.key" : "leaf.key";
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c", dir.resolve(certFile).toString(),
                "-k", dir.resolve(key).toString());
        String[] args = Stream.concat(Stream.of("client", "-p", String.valueOf(server.port())),
                Stream.of(clientArgs)).toArray(String[]::new);
        Tlskit.Result r = Tlskit.run(args);
        server.await(LIMIT);
        return r;
    }

    @Test
    void showCertsPrintsTheTreeWithVerdictsOnSuccess() throws Exception {
        Tlskit.Result r = client("full.pem", "-A", dir.resolve("root.pem").toString(), "--show-certs");
        assertEquals(0, r.exitCode(), r.err());
        String err = r.err();
        assertTrue(err.contains("tlskit: server certificate chain (2 certificates, as sent):"), err);
        assertTrue(err.contains("0 CN=localhost\n"), err);
        assertTrue(err.contains("└─ 1 CN=Chain Test Intermediate\n"), err);
        assertTrue(err.contains("SAN:      DNS:localhost, IP:127.0.0.1"), err);
        assertTrue(err.contains("sha256:   " + sha256(leaf.certificate())), err);
        assertTrue(err.contains("verdict:  issued by the next certificate\n"), err);
        assertTrue(err.contains("verdict:  issued by a trusted root: CN=Chain Test Root\n"), err);
        assertTrue(!err.contains("verification failed"), err);
        assertTrue(r.out().contains("I hear you fa shizzle!"), r.out());
    }

    @Test
    void showCertsExplainsAMissingIntermediate() throws Exception {
        Tlskit.Result r = client("leaf.pem", "-A", dir.resolve("root.pem").toString(), "--show-certs");
        assertEquals(4, r.exitCode(), r.err());
        String err = r.err();
        assertTrue(err.contains("tlskit: server certificate chain (1 certificate, as sent):"), err);
        assertTrue(err.contains("verdict:  issuer NOT SENT and not trusted"), err);
        assertTrue(err.contains("tlskit: verification failed: "), err);
        assertTrue(err.contains("hint: certificate 0 was issued by CN=Chain Test Intermediate, which was neither sent"
                + " nor trusted: if it is an intermediate, the server did not send it (pass it with -A or fix the"
                + " server)"), err);
        // the usual error line stays, and comes last
        assertTrue(err.strip().lines().reduce((a, b) -> b).orElse("").startsWith("tlskit: error: "), err);
    }

    @Test
    void showCertsExplainsAnUntrustedChain() throws Exception {
        Tlskit.Result r = client("full.pem", "-A", dir.resolve("other-root.pem").toString(), "--show-certs");
        assertEquals(4, r.exitCode(), r.err());
        String err = r.err();
        assertTrue(err.contains("verdict:  issued by the next certificate\n"), err);
        assertTrue(err.contains("└─ 1 CN=Chain Test Intermediate\n"), err);
        assertTrue(err.contains("hint: certificate 1 was issued by CN=Chain Test Root"), err);
    }

    @Test
    void showCertsNamesAHostnameMismatch() throws Exception {
        Tlskit.Result r = client("other.pem", "-A", dir.resolve("root.pem").toString(), "--show-certs");
        assertEquals(4, r.exitCode(), r.err());
        assertTrue(r.err().contains("verdict:  NAME MISMATCH: not valid for localhost; issued by the next"), r.err());
        assertTrue(r.err().contains("hint: the certificate is for DNS:www.example.test, not localhost"), r.err());
    }

    @Test
    void saveChainWritesPemFilesThatParseBack() throws Exception {
        Path out = dir.resolve("saved");
        Tlskit.Result r = client("full.pem", "-A", dir.resolve("root.pem").toString(), "--save-chain", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of(leaf.certificate()), Pem.readCertificates(out.resolve("00-leaf.pem")));
        assertEquals(List.of(intermediate.certificate()), Pem.readCertificates(out.resolve("01-intermediate.pem")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void saveChainAlsoWorksWhenVerificationFails() throws Exception {
        Path out = dir.resolve("rejected");
        Tlskit.Result r = client("leaf.pem", "-A", dir.resolve("root.pem").toString(), "--save-chain",
                out.toString());
        assertEquals(4, r.exitCode(), r.err());
        assertEquals(List.of(leaf.certificate()), Pem.readCertificates(out.resolve("00-leaf.pem")));
    }

    @Test
    void serverShowsTheClientChain() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "--show-certs");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()));
        Tlskit.Result s = server.await(LIMIT);
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.err().matches("(?s).*tlskit: client \\S+ certificate chain \\(\\d certificates?, as sent\\):.*"),
                s.err());
    }

    static String sha256(X509Certificate c) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
