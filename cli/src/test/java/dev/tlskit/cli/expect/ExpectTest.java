package dev.tlskit.cli.expect;

import static dev.tlskit.cli.Tlskit.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.Tlskit.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every --expect-* assertion passes (exit 0) and fails (exit 5, one "expected X, got Y" line each). */
@Timeout(60)
class ExpectTest {
    @TempDir
    static Path dir;

    /** A CA "Expect Test CA", and a server certificate it signed, for localhost, valid for 10 more days. */
    @BeforeAll
    static void material() {
        HeldCertificate ca = HeldCertificate.builder().commonName("Expect Test CA").organization("tlskit tests")
                .certificateAuthority(0).build();
        HeldCertificate leaf = HeldCertificate.builder().commonName("localhost").addDnsName("localhost")
                .addIpAddress("127.0.0.1").serverAuth().notBefore(Instant.now().minus(Duration.ofDays(1)))
                .notAfter(Instant.now().plus(Duration.ofDays(10))).signedBy(ca).build();
        write("ca.pem", ca.certificatePem());
        write("leaf.pem", leaf.certificatePem());
        write("leaf.key", leaf.privateKeyPkcs8Pem());
    }

    static Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the test's own certificates (no client certificate asked). */
    static List<String> ownCert(String... more) {
        List<String> args = new ArrayList<>(List.of("-d", "-c", dir.resolve("leaf.pem").toString(),
                "-k", dir.resolve("leaf.key").toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    static String ca() {
        return dir.resolve("ca.pem").toString();
    }

    static void passes(Tlskit.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(!r.err().contains("expected"), r.err());
    }

    /** Exit 5, and the stderr lines about assertions are exactly these. */
    static void fails(Tlskit.Result r, String... lines) {
        assertEquals(5, r.exitCode(), r.out() + r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("tlskit: error:")).toList();
        List<String> expected = Arrays.stream(lines).map(l -> "tlskit: error: " + l).toList();
        assertEquals(expected, errors, r.err());
    }

    @ParameterizedTest(name = "--expect-version {0}")
    @CsvSource({"TLSv1.3", "1.3", "tlsv1.3", "4"})
    void expectVersionAcceptsBothSpellings(String spelling) throws Exception {
        if (spelling.equals("4")) {
            // wolfSSL's 4 is for -v only; --expect-version wants a version name
            assertEquals(2, Tlskit.run("client", "--expect-version", "4").exitCode());
            return;
        }
        Pair p = pair(List.of("-v", "1.3"), "--expect-version", spelling);
        passes(p.client());
    }

    @Test
    void expectVersionFailsOnTls12() throws Exception {
        Pair p = pair(List.of("-v", "1.2"), "--expect-version", "TLSv1.3");
        fails(p.client(), "expected version TLSv1.3, got TLSv1.2");
        assertTrue(p.client().out().contains("I hear you fa shizzle!"), "checked after the exchange");
        assertEquals(0, p.server().exitCode(), p.server().err());
    }

    @Test
    void expectCipherTakesIanaAndOpenSslNames() throws Exception {
        passes(pair(List.of("-v", "1.3", "-l", "TLS_AES_128_GCM_SHA256"), "--expect-cipher",
                "TLS_AES_128_GCM_SHA256").client());
        passes(pair(List.of("-v", "1.2", "-l", "ECDHE-ECDSA-AES128-GCM-SHA256"), "--expect-cipher",
                "ECDHE-ECDSA-AES128-GCM-SHA256").client());
    }

    @Test
    void expectCipherFails() throws Exception {
        Pair p = pair(List.of("-v", "1.3", "-l", "TLS_AES_128_GCM_SHA256"), "--expect-cipher",
                "TLS_AES_256_GCM_SHA384");
        fails(p.client(), "expected cipher TLS_AES_256_GCM_SHA384, got TLS_AES_128_GCM_SHA256");
    }

    @ParameterizedTest(name = "--expect-group {0}")
    @CsvSource({"x25519", "X25519"})
    void expectGroupPasses(String name) throws Exception {
        passes(pair(List.of(), "--expect-group", name).client());
    }

    @Test
    void expectGroupTakesAliasesAndFails() throws Exception {
        fails(pair(List.of(), "--expect-group", "P-256").client(), "expected group SECP256R1, got X25519");
    }

    @Test
    void expectGroupP256PassesOnBouncyCastle() throws Exception {
        // --groups only on bc: with the jdk provider it is JVM-wide on Java 17, and these tests run in-process
        Pair p = pair(List.of("--provider", "bc", "--groups", "secp256r1"), "--provider", "bc", "--expect-group",
                "P-256");
        passes(p.client());
    }

    @Test
    void expectAlpnPassesAndFails() throws Exception {
        passes(pair(List.of("-L", "h2,http/1.1"), "-L", "h2", "--expect-alpn", "h2").client());
        fails(pair(List.of("-L", "h2,http/1.1"), "-L", "h2", "--expect-alpn", "http/1.1").client(),
                "expected ALPN http/1.1, got h2");
        fails(pair(List.of(), "--expect-alpn", "h2").client(), "expected ALPN h2, got none");
    }

    @Test
    void expectResumedPasses() throws Exception {
        Pair p = pair(List.of("-C", "2"), "-r", "--expect-resumed");
        passes(p.client());
        assertTrue(p.client().out().contains("reused session id"), p.client().out());
    }

    @Test
    void expectResumedFailsWhenTheReconnectionIsAFullHandshake() throws Exception {
        // BCJSSE does not resume TLS 1.3 sessions (see ResumptionInteropTest)
        Pair p = pair(List.of("-C", "2", "--provider", "bc"), "--provider", "bc", "-v", "1.3", "-r",
                "--expect-resumed");
        fails(p.client(), "expected session resumed, got not resumed (a full handshake)");
    }

    @Test
    void expectResumedNeedsResume() {
        Tlskit.Result r = Tlskit.run("client", "--expect-resumed");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: --expect-resumed needs -r"), r.err());
    }

    @Test
    void expectSanPassesForDnsAndIpNames() throws Exception {
        passes(pair(ownCert(), "-A", ca(), "--expect-san", "localhost", "--expect-san", "IP:127.0.0.1").client());
        // the demo certificate names ::1 (Java spells it 0:0:0:0:0:0:0:1; tlskit prints ::1)
        passes(pair(List.of(), "--expect-san", "::1").client());
    }

    @Test
    void expectSanFails() throws Exception {
        fails(pair(ownCert(), "-A", ca(), "--expect-san", "www.example.com").client(),
                "expected SAN www.example.com, got DNS:localhost, IP:127.0.0.1");
    }

    @Test
    void expectIssuerPassesAndFails() throws Exception {
        passes(pair(ownCert(), "-A", ca(), "--expect-issuer", "expect test ca").client());
        Tlskit.Result r = pair(ownCert(), "-A", ca(), "--expect-issuer", "Let's Encrypt").client();
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("tlskit: error: expected issuer containing Let's Encrypt, got CN=Expect Test CA"),
                r.err());
    }

    @Test
    void minDaysPassesAndFails() throws Exception {
        passes(pair(ownCert(), "-A", ca(), "--min-days", "5").client());
        Tlskit.Result r = pair(ownCert(), "-A", ca(), "--min-days", "30").client();
        assertEquals(5, r.exitCode(), r.err());
        assertTrue(r.err().matches("(?s)tlskit: error: expected a peer certificate valid for at least 30 more days,"
                + " got [89] \\(notAfter \\S+\\)\n"), r.err());
    }

    @ParameterizedTest(name = "-v {0}")
    @CsvSource({"1.2", "1.3"})
    void expectClientAuthPassesWhenTheServerAsks(String version) throws Exception {
        passes(pair(List.of(), "-v", version, "--expect-client-auth").client());
    }

    @ParameterizedTest(name = "-v {0}")
    @CsvSource({"1.2", "1.3"})
    void expectClientAuthFailsWhenTheServerDoesNotAsk(String version) throws Exception {
        fails(pair(List.of("-d"), "-v", version, "--expect-client-auth").client(),
                "expected client certificate requested, got not requested");
    }

    @Test
    void allFailedAssertionsAreListedOneLineEach() throws Exception {
        Pair p = pair(List.of("-v", "1.2"), "--expect-version", "1.3", "--expect-alpn", "h2",
                "--expect-group", "x25519");
        fails(p.client(), "expected version TLSv1.3, got TLSv1.2", "expected ALPN h2, got none");
    }

    @Test
    void jsonListsEveryAssertionAndStillExits5() throws Exception {
        Pair p = pair(List.of("-v", "1.2"), "--json", "--expect-version", "TLSv1.3", "--expect-group", "x25519");
        assertEquals(5, p.client().exitCode(), p.client().err());
        List<String> lines = p.client().out().lines().toList();
        assertEquals(1, lines.size(), p.client().out());
        assertTrue(lines.get(0).contains("\"assertions\":[{\"name\":\"version\",\"expected\":\"TLSv1.3\","
                + "\"actual\":\"TLSv1.2\",\"ok\":false},{\"name\":\"group\",\"expected\":\"X25519\","
                + "\"actual\":\"X25519\",\"ok\":true}]"), lines.get(0));
        assertEquals("tlskit: error: expected version TLSv1.3, got TLSv1.2", p.client().err().strip());
    }

    @Test
    void jsonWithPassingAssertionsExits0() throws Exception {
        Pair p = pair(List.of(), "--json", "--min-days", "30");
        assertEquals(0, p.client().exitCode(), p.client().err());
        assertTrue(p.client().out().matches("(?s).*\"assertions\":\\[\\{\"name\":\"minDays\",\"expected\":30,"
                + "\"actual\":\\d+,\"ok\":true}].*"), p.client().out());
    }

    @Test
    void badExpectationsAreUsageErrorsBeforeAnyWork() {
        assertEquals(2, Tlskit.run("client", "--expect-version", "1.1").exitCode());
        assertEquals(2, Tlskit.run("client", "--expect-cipher", "NO-SUCH-CIPHER").exitCode());
        assertEquals(2, Tlskit.run("client", "--expect-group", "curve9").exitCode());
        assertEquals(2, Tlskit.run("client", "--min-days", "-1").exitCode());
        assertEquals(2, Tlskit.run("server", "--expect-group", "curve9").exitCode());
    }

    @Test
    void serverExpectClientCertPassesAndFails() throws Exception {
        Pair ok = pair(List.of("--expect-client-cert"));
        assertEquals(0, ok.server().exitCode(), ok.server().err());
        Pair bad = pair(List.of("-d", "--expect-client-cert"));
        assertEquals(0, bad.client().exitCode(), bad.client().err());
        assertEquals(5, bad.server().exitCode(), bad.server().err());
        assertTrue(bad.server().err().contains("tlskit: error: expected client certificate sent, got none"),
                bad.server().err());
    }

    @Test
    void serverExpectVersionAndAlpn() throws Exception {
        Pair ok = pair(List.of("--expect-version", "1.3", "-L", "h2", "--expect-alpn", "h2"), "-L", "h2");
        assertEquals(0, ok.server().exitCode(), ok.server().err());
        Pair bad = pair(List.of("--expect-version", "1.3", "--json"), "-v", "1.2");
        assertEquals(5, bad.server().exitCode(), bad.server().err());
        assertTrue(bad.server().err().contains("tlskit: error: expected version TLSv1.3, got TLSv1.2"),
                bad.server().err());
        assertTrue(bad.server().out().contains("\"assertions\":[{\"name\":\"version\""), bad.server().out());
    }

    @Test
    void serverChecksTheClientCertificate() throws Exception {
        // the demo client certificate is issued by the demo CA
        Pair p = pair(List.of("--expect-issuer", "no such issuer", "--min-days", "1"));
        assertEquals(5, p.server().exitCode(), p.server().err());
        assertTrue(p.server().err().contains("tlskit: error: expected issuer containing no such issuer, got "),
                p.server().err());
    }
}
