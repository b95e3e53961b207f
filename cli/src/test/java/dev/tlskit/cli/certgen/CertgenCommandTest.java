package dev.tlskit.cli.certgen;

import static dev.tlskit.cli.certgen.Cli.assertOneErrorLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.KeyType;
import dev.tlskit.certs.Pem;
import dev.tlskit.cli.Tlskit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlskit certgen} in-process: what it writes and says, and every bad input. */
@Timeout(120)
class CertgenCommandTest {
    @TempDir
    Path dir;

    @Test
    void noFlagsMakesCaServerAndClientAndSaysWhatItMade() throws Exception {
        Path out = dir.resolve("tlskit-certs");
        Tlskit.Result r = Tlskit.run("certgen", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String name : List.of("ca.pem", "ca.key", "server.pem", "server.key", "client.pem", "client.key")) {
            assertTrue(Files.exists(out.resolve(name)), name);
            assertTrue(r.out().contains(out.resolve(name).toString()), name + " in\n" + r.out());
        }
        for (String text : List.of("localhost", "127.0.0.1", "::1", "ec-p256", "expires", "tlskit client", "0600")) {
            assertTrue(r.out().contains(text), text + " in\n" + r.out());
        }
        for (String key : List.of("ca.key", "server.key", "client.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(key))));
        }
        X509Certificate server = Pem.readCertificates(out.resolve("server.pem")).get(0);
        server.verify(Pem.readCertificates(out.resolve("ca.pem")).get(0).getPublicKey());
        assertEquals("", r.err());
    }

    @Test
    void twoRunsMakeCasOfDifferentNames() throws Exception {
        // Same name, different key reads as "not sent" to a user; two runs' CAs must not share a name.
        assertEquals(0, Tlskit.run("certgen", "-o", dir.resolve("a").toString()).exitCode());
        assertEquals(0, Tlskit.run("certgen", "-o", dir.resolve("b").toString()).exitCode());
        X509Certificate a = Pem.readCertificates(dir.resolve("a/ca.pem")).get(0);
        X509Certificate b = Pem.readCertificates(dir.resolve("b/ca.pem")).get(0);
        assertTrue(a.getSubjectX500Principal().getName().contains("tlskit CA "), a.getSubjectX500Principal().getName());
        assertFalse(a.getSubjectX500Principal().equals(b.getSubjectX500Principal()),
                a.getSubjectX500Principal().getName());
    }

    @Test
    void defaultOutputDirectoryIsTlskitCertsInTheWorkingDirectory() {
        assertTrue(r("certgen", "--help").out().contains("./tlskit-certs"));
    }

    @Test
    void refusesToOverwriteWithoutForceAndChangesNothing() throws Exception {
        Path out = dir.resolve("o");
        assertEquals(0, Tlskit.run("certgen", "-o", out.toString()).exitCode());
        byte[] key = Files.readAllBytes(out.resolve("server.key"));
        Tlskit.Result again = Tlskit.run("certgen", "-o", out.toString(), "--p12");
        assertOneErrorLine(again, out.resolve("ca.pem").toString(), "already exists");
        assertTrue(again.err().contains("--force"), again.err());
        assertArrayEquals(key, Files.readAllBytes(out.resolve("server.key")));
        assertFalse(Files.exists(out.resolve("server.p12")), "nothing written, not even the new files");
        assertEquals(6, fileCount(out), "no staging directory left");

        Tlskit.Result forced = Tlskit.run("certgen", "-o", out.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertFalse(java.util.Arrays.equals(key, Files.readAllBytes(out.resolve("server.key"))));
    }

    @Test
    void namesAsMkcertTakesThemAndSansAndAWildcardWarning() throws Exception {
        Path out = dir.resolve("names");
        Tlskit.Result r = Tlskit.run("certgen", "-o", out.toString(), "example.test", "*.example.test", "10.0.0.1",
                "--san", "email:ops@example.test,uri:spiffe://example.test/api", "--san", "ip:fd00::1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: warning: wildcard *.example.test"), r.err());
        assertFalse(Files.exists(out.resolve("client.pem")), "names alone: no client certificate");
        X509Certificate server = Pem.readCertificates(out.resolve("server.pem")).get(0);
        List<String> sans = server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertEquals(List.of("example.test", "*.example.test", "10.0.0.1", "ops@example.test",
                "spiffe://example.test/api", "fd00:0:0:0:0:0:0:1"), sans);
        assertTrue(r.out().contains("fd00::1"), r.out());
    }

    @Test
    void profilesCaOnlyClientOnlyIntermediateSelfSignedAndExistingCa() throws Exception {
        Path ca = dir.resolve("ca");
        assertEquals(0, Tlskit.run("certgen", "--ca", "-o", ca.toString(), "--ca-name", "Team CA").exitCode());
        assertEquals(List.of("ca.key", "ca.pem"), names(ca));
        assertTrue(Pem.readCertificates(ca.resolve("ca.pem")).get(0).getSubjectX500Principal().getName()
                .contains("CN=Team CA"));

        Path client = dir.resolve("client");
        Tlskit.Result r = Tlskit.run("certgen", "--client", "alice@example.test", "-o", client.toString(),
                "--ca-cert", ca.resolve("ca.pem").toString(), "--ca-key", ca.resolve("ca.key").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("client.key", "client.pem"), names(client), "the existing CA's files are not copied");
        assertTrue(r.out().contains("signed by CA \"Team CA\""), r.out());
        X509Certificate leaf = Pem.readCertificates(client.resolve("client.pem")).get(0);
        leaf.verify(Pem.readCertificates(ca.resolve("ca.pem")).get(0).getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());

        Path mid = dir.resolve("mid");
        assertEquals(0, Tlskit.run("certgen", "--intermediate", "-o", mid.toString(), "--server", "a.test,b.test")
                .exitCode());
        assertEquals(List.of("ca.key", "ca.pem", "chain.pem", "intermediate.key", "intermediate.pem", "server.key",
                "server.pem"), names(mid));
        assertEquals(2, Pem.readCertificates(mid.resolve("server.pem")).size());

        Path self = dir.resolve("self");
        assertEquals(0, Tlskit.run("certgen", "--self-signed", "-o", self.toString(), "--key-type", "ED25519")
                .exitCode());
        X509Certificate selfLeaf = Pem.readCertificates(self.resolve("server.pem")).get(0);
        selfLeaf.verify(selfLeaf.getPublicKey());
        assertEquals(List.of("client.key", "client.pem", "server.key", "server.pem"), names(self));
    }

    @Test
    void validityFlagsMakeExpiredAndNotYetValidCertificates() throws Exception {
        Path expired = dir.resolve("expired");
        Tlskit.Result r = Tlskit.run("certgen", "-o", expired.toString(), "--not-after", "2020-06-01");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("EXPIRED 2020-06-01"), r.out());
        X509Certificate leaf = Pem.readCertificates(expired.resolve("server.pem")).get(0);
        assertEquals(java.time.Instant.parse("2020-06-01T00:00:00Z"), leaf.getNotAfter().toInstant());

        Path later = dir.resolve("later");
        r = Tlskit.run("certgen", "-o", later.toString(), "--not-before", "2099-01-01T12:00:00Z", "--days", "10");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("NOT YET VALID"), r.out());
        leaf = Pem.readCertificates(later.resolve("server.pem")).get(0);
        assertEquals(java.time.Instant.parse("2099-01-11T12:00:00Z"), leaf.getNotAfter().toInstant());
    }

    @Test
    void jsonIsOneDocumentWithPathsSubjectsSansValidityAndFingerprints() {
        Path out = dir.resolve("json");
        Tlskit.Result r = Tlskit.run("certgen", "-o", out.toString(), "--json", "--p12", "--truststore");
        assertEquals(0, r.exitCode(), r.err());
        String json = r.out().strip();
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(json.startsWith("{\"tlskit\":1,\"command\":\"certgen\""), json);
        for (String field : List.of("\"role\":\"ca\"", "\"role\":\"server\"", "\"role\":\"client\"", "\"subject\":",
                "\"san\":[\"DNS:localhost\"", "\"notAfter\":", "\"sha256\":", "\"p12\":", "\"trustStore\":",
                out.resolve("server.key").toString())) {
            assertTrue(json.contains(field), field + " in " + json);
        }
    }

    @Test
    void fixturesAreWrittenWithAReadmeEach() throws Exception {
        Path out = dir.resolve("fx");
        Tlskit.Result r = Tlskit.run("certgen", "--fixtures", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String f : List.of("valid", "expired", "not-yet-valid", "wrong-host", "self-signed", "untrusted-root",
                "missing-intermediate")) {
            assertTrue(r.out().contains(f + "/"), r.out());
            assertEquals(1, Files.readAllLines(out.resolve(f).resolve("README.txt")).size());
        }
        assertOneErrorLine(Tlskit.run("certgen", "--fixtures", out.toString()), "already exists");
        assertOneErrorLine(Tlskit.run("certgen", "--fixtures", dir.resolve("x").toString(), "--ca"), "--fixtures",
                "--ca");
    }

    // ---- bad input: exit 2, one line naming the value and the cause, nothing written

    @Test
    void unknownKeyType() {
        Path out = dir.resolve("u");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--key-type", "dsa-1024"), "dsa-1024",
                "unknown key type", "ec-p256");
        assertFalse(Files.exists(out));
    }

    @Test
    void malformedSans() {
        Path out = dir.resolve("m");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--san", "ip:300.1.1.1"), "300.1.1.1",
                "not an IPv4 or IPv6 address");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--san", "mail:x@y"), "mail:x@y",
                "unknown type");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "bad..name"), "bad..name", "not a DNS name");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--server", "a.*.test"), "a.*.test",
                "wildcard");
        assertFalse(Files.exists(out));
    }

    @Test
    void blankCaName() {
        Path out = dir.resolve("n");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--ca-name", " "), "--ca-name", "blank");
        assertFalse(Files.exists(out));
    }

    @Test
    void notAfterBeforeNotBefore() {
        Path out = dir.resolve("v");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--not-before", "2030-01-01", "--not-after",
                "2029-01-01"), "--not-after 2029-01-01", "--not-before 2030-01-01");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--not-after", "2029-13-01"), "2029-13-01",
                "not an ISO date");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--days", "0"), "--days 0");
        assertFalse(Files.exists(out));
    }

    @Test
    void caKeyNotMatchingCaCert() throws Exception {
        HeldCertificate ca = HeldCertificate.builder().commonName("ca").certificateAuthority(0).build();
        HeldCertificate other = HeldCertificate.builder().commonName("other").certificateAuthority(0)
                .keyType(KeyType.EC_P256).build();
        Path caPem = dir.resolve("ca.pem");
        Path wrongKey = dir.resolve("wrong.key");
        Pem.write(caPem, ca.certificatePem(), false);
        Pem.write(wrongKey, other.privateKeyPkcs8Pem(), true);
        Path out = dir.resolve("k");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--ca-cert", caPem.toString(), "--ca-key",
                wrongKey.toString()), wrongKey.toString(), "does not match", caPem.toString());
        assertFalse(Files.exists(out));

        HeldCertificate leaf = HeldCertificate.builder().commonName("leaf").build();
        Path leafPem = dir.resolve("leaf.pem");
        Path leafKey = dir.resolve("leaf.key");
        Pem.write(leafPem, leaf.certificatePem(), false);
        Pem.write(leafKey, leaf.privateKeyPkcs8Pem(), true);
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--ca-cert", leafPem.toString(), "--ca-key",
                leafKey.toString()), leafPem.toString(), "not a CA certificate");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--ca-cert", caPem.toString()), "--ca-cert",
                "without --ca-key");
        assertFalse(Files.exists(out));
    }

    @Test
    void unwritableOutputDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneErrorLine(Tlskit.run("certgen", "-o", file.resolve("sub").toString()), file.resolve("sub").toString(),
                "not a directory");
        assertOneErrorLine(Tlskit.run("certgen", "-o", file.toString()), file.toString(), "not a directory");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void readOnlyOutputDirectory() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertOneErrorLine(Tlskit.run("certgen", "-o", ro.toString()), ro.toString(), "not writable");
            assertEquals(0, fileCount(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void conflictingFlags() {
        Path out = dir.resolve("c");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--ca", "example.test"), "--ca", "conflict");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--self-signed", "--intermediate"),
                "--self-signed", "--intermediate");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--password", "pass:x", "--no-password",
                "--p12"), "--password", "--no-password");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--password", "pass:x"), "--password",
                "without --p12");
        assertOneErrorLine(Tlskit.run("certgen", "-o", out.toString(), "--days", "3", "--not-after", "2030-01-01"),
                "--days", "--not-after");
        assertFalse(Files.exists(out));
    }

    private static Tlskit.Result r(String... args) {
        return Tlskit.run(args);
    }

    private static long fileCount(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
