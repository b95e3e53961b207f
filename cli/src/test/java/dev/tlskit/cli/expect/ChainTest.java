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
        write("with-root.pem", leaf.certificatePem() + intermediate.certificatePem() + root.certificatePem());
        // Another "run" of the same CA: its name, a key of its own.
        write("same-name-root.pem", HeldCertificate.builder().commonName("Chain Test Root").certificateAuthority(1)
                .build().certificatePem());
        HeldCertificate self = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
                .serverAuth().build();
        write("self.pem", self.certificatePem());
        write("self.key", self.privateKeyPkcs8Pem());
        HeldCertificate expired = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
                .serverAuth().notBefore(java.time.Instant.parse("2019-01-01T00:00:00Z"))
                .notAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")).signedBy(root).build();
        write("expired.pem", expired.certificatePem());
        write("expired.key", expired.privateKeyPkcs8Pem());
    }

    static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tlskit.Result client(String certFile, String... clientArgs) throws Exception {
        String key = certFile.startsWith("other") ? "other.key" : certFile.startsWith("self") ? "self.key"
                : certFile.startsWith("expired") ? "expired.key" : "leaf.key";
        return Tlskit.pair(List.of("-d", "-c", dir.resolve(certFile).toString(), "-k", dir.resolve(key).toString()),
                clientArgs).client();
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
                + " nor trusted: if it is an intermediate, the server did not send it (pass it with -A, or have"
                + " the server send its chain)"), err);
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
        Tlskit.Pair p = Tlskit.pair(List.of("--show-certs"));
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.err().matches("(?s).*tlskit: client \\S+ certificate chain \\(\\d certificates?, as sent\\):.*"),
                s.err());
    }

    /** The one error line of a failed verification, which must be all of stderr without --show-certs. */
    static String errorLine(Tlskit.Result r) {
        assertEquals(4, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: "), r.err());
        assertTrue(r.err().strip().endsWith(" (--show-certs shows the chain)"), r.err());
        return r.err();
    }

    @Test
    void errorLineNamesAMissingIntermediate() throws Exception {
        String err = errorLine(client("leaf.pem", "-A", dir.resolve("root.pem").toString()));
        assertTrue(err.contains("untrusted certificate chain: certificate 0 (CN=localhost) was issued by"
                + " CN=Chain Test Intermediate, which was neither sent nor trusted: if it is an intermediate, the"
                + " server did not send it"), err);
    }

    @Test
    void errorLineNamesASelfSignedCertificate() throws Exception {
        String err = errorLine(client("self.pem", "-A", dir.resolve("root.pem").toString()));
        assertTrue(err.contains("untrusted certificate chain: certificate 0 (CN=localhost) is self-signed and not"
                + " trusted: pass it with -A to trust it, or -d to skip verification"), err);
    }

    @Test
    void errorLineNamesAnUntrustedRoot() throws Exception {
        String err = errorLine(client("with-root.pem", "-A", dir.resolve("other-root.pem").toString()));
        assertTrue(err.contains("untrusted certificate chain: the chain ends in certificate 2 (CN=Chain Test Root),"
                + " a root that is not trusted: pass it with -A if you trust it"), err);
    }

    @Test
    void errorLineTellsACaOfTheSameNameWithAnotherKey() throws Exception {
        String err = errorLine(client("full.pem", "-A", dir.resolve("same-name-root.pem").toString()));
        assertTrue(err.contains("certificate 1 (CN=Chain Test Intermediate) was issued by CN=Chain Test Root: a"
                + " trusted CA has the same name, but a different key"), err);
    }

    @Test
    void errorLineNamesTheExpiredCertificateAndADate() throws Exception {
        String err = errorLine(client("expired.pem", "-A", dir.resolve("root.pem").toString()));
        assertTrue(err.contains("certificate 0 (CN=localhost) expired on 2020-01-01T00:00:00Z: renew it on the"
                + " server"), err);
    }

    @Test
    void echoclientAndChatSayTheVerdictToo() throws Exception {
        for (String command : List.of("echoclient", "chat")) {
            Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c",
                    dir.resolve("leaf.pem").toString(), "-k", dir.resolve("leaf.key").toString());
            Tlskit.Result r = Tlskit.run(command, "-p", String.valueOf(server.port()), "-x", "-A",
                    dir.resolve("root.pem").toString());
            server.await(LIMIT);
            assertEquals(4, r.exitCode(), r.err());
            String line = r.err().lines().filter(l -> l.startsWith("tlskit: error: ")).findFirst().orElse(r.err());
            assertTrue(line.contains("certificate 0 (CN=localhost) was issued by CN=Chain Test Intermediate, which was"
                    + " neither sent nor trusted"), command + ": " + r.err());
            assertTrue(line.endsWith(" (tlskit client --show-certs shows the chain)"), command + ": " + r.err());
        }
    }

    @Test
    void serverErrorLineNamesTheClientCertificateItRejects() throws Exception {
        // The server trusts a CA named as the client's issuer but with another key: JSSE's client then sends its
        // certificate (the request names that issuer), and the server's check says why it failed.
        Path fake = write("fake-intermediate.pem", HeldCertificate.builder().commonName("Chain Test Intermediate")
                .certificateAuthority(0).build().certificatePem());
        Tlskit.Pair p = Tlskit.pair(List.of("-A", fake.toString()), "-c", dir.resolve("leaf.pem").toString(), "-k",
                dir.resolve("leaf.key").toString());
        Tlskit.Result client = p.client();
        Tlskit.Result s = p.server();
        assertEquals(4, s.exitCode(), s.err());
        String line = s.err().lines().filter(l -> l.startsWith("tlskit: error: ")).findFirst().orElse(s.err());
        assertTrue(line.contains("certificate 0 (CN=localhost) was issued by CN=Chain Test Intermediate: a trusted"
                + " CA has the same name, but a different key"), s.err());
        assertTrue(line.endsWith(" (--show-certs shows the chain)"), s.err());
        assertTrue(client.exitCode() != 0, client.err());
    }

    static String sha256(X509Certificate c) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
