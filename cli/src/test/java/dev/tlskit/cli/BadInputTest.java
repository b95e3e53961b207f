package dev.tlskit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.certs.KeyType;
import dev.tlskit.certs.Pem;
import dev.tlskit.cli.interop.Interop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input gets its exit code and one clear stderr line, and no stack trace. */
@Timeout(60)
class BadInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static HeldCertificate ca;
    static HeldCertificate otherCa;

    @BeforeAll
    static void material() {
        ca = HeldCertificate.builder().commonName("test CA").certificateAuthority(0).build();
        otherCa = HeldCertificate.builder().commonName("untrusted CA").certificateAuthority(0).build();
        write("ca.pem", ca.certificatePem());
        write("garbage.pem", "this is not a certificate\n");
    }

    private static Path write(String name, String text) {
        Path p = dir.resolve(name);
        Pem.write(p, text, name.endsWith(".key"));
        return p;
    }

    /** Writes a server certificate+key pair and returns the cert path (key next to it, .key). */
    private static Path serverCert(String name, HeldCertificate issuer, String dns, Instant notBefore,
            Instant notAfter) {
        HeldCertificate leaf = HeldCertificate.builder().commonName(dns).addDnsName(dns).addIpAddress("127.0.0.1")
                .serverAuth().notBefore(notBefore).notAfter(notAfter).signedBy(issuer).build();
        write(name + ".key", leaf.privateKeyPkcs8Pem());
        return write(name + ".pem", leaf.certificatePem());
    }

    private static void assertOneErrorLine(Tlskit.Result r, int code, String... fragments) {
        assertEquals(code, r.exitCode(), r.err());
        String[] lines = r.err().lines().filter(l -> !l.contains("TEST-ONLY")).toArray(String[]::new);
        assertTrue(lines.length >= 1 && lines[0].startsWith("tlskit: error: "), r.err());
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), "'" + f + "' not in: " + lines[0]);
        }
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    // --- usage (2)

    @Test
    void usageErrorsWithJsonAreAJsonDocumentOnStdoutToo() {
        for (String[] args : new String[][] {
                {"client", "--json", "-v", "1.1"}, // found by the command
                {"client", "--json", "--no-such-flag"}, // found by the parser
                {"bench", "handshake", "--json", "--duration", "-3"}}) {
            Tlskit.Result r = Tlskit.run(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("tlskit: error: "), r.err());
            Map<?, ?> doc = (Map<?, ?>) Interop.parseJson(r.out().strip());
            assertEquals(args[0], doc.get("command"), r.out());
            Map<?, ?> error = (Map<?, ?>) doc.get("error");
            assertEquals("usage", error.get("kind"), r.out());
            assertEquals(2L, ((Number) error.get("exitCode")).longValue(), r.out());
            assertTrue(r.err().contains((String) error.get("message")), r.out() + r.err());
        }
        assertEquals("", Tlskit.run("client", "-v", "1.1").out(), "without --json stdout stays empty");
    }

    @Test
    void missingCertificateFileIsAUsageError() {
        Path missing = dir.resolve("nope.pem");
        assertOneErrorLine(Tlskit.run("client", "-c", missing.toString(), "-k", missing.toString()), 2,
                missing.toString(), "no such file");
    }

    @Test
    void garbagePemIsAUsageError() {
        Path g = dir.resolve("garbage.pem");
        assertOneErrorLine(Tlskit.run("server", "-c", g.toString(), "-k", g.toString(), "-d"), 2, g.toString());
    }

    @Test
    void keyNotMatchingTheCertificateIsAUsageError() {
        Path cert = serverCert("mismatch", ca, "localhost", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        Path otherKey = write("other.key", HeldCertificate.builder().build().privateKeyPkcs8Pem());
        assertOneErrorLine(Tlskit.run("server", "-c", cert.toString(), "-k", otherKey.toString(), "-d"), 2,
                "does not match");
    }

    @Test
    void wrongKeyPasswordIsAUsageError() {
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("localhost").serverAuth().signedBy(ca).build();
        Path cert = write("enc.pem", leaf.certificatePem());
        Path key = write("enc.key", Pem.encodeEncryptedPkcs8(leaf.keyPair().getPrivate(), "right".toCharArray()));
        assertOneErrorLine(Tlskit.run("server", "-c", cert.toString(), "-k", key.toString(), "-d",
                "--key-password", "pass:wrong"), 2, "wrong password");
    }

    @Test
    void encryptedKeyWithTheRightPasswordServes() throws Exception {
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("localhost").serverAuth().signedBy(ca).build();
        Path cert = write("enc2.pem", leaf.certificatePem());
        Path key = write("enc2.key", Pem.encodeEncryptedPkcs8(leaf.keyPair().getPrivate(), "right".toCharArray()));
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-c", cert.toString(), "-k", key.toString(),
                "-d", "--key-password", "pass:right");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()),
                "-A", dir.resolve("ca.pem").toString());
        assertEquals(0, client.exitCode(), client.err());
        assertEquals(0, server.await(LIMIT).exitCode());
    }

    @Test
    void unknownFlagPrintsUsageHint() {
        Tlskit.Result r = Tlskit.run("client", "--no-such-flag");
        assertOneErrorLine(r, 2, "--no-such-flag");
        assertTrue(r.err().contains("tlskit client --help"), r.err());
    }

    @Test
    void conflictingFlagsAreRejectedBeforeAnyWork() {
        assertOneErrorLine(Tlskit.run("client", "-d", "-A", dir.resolve("ca.pem").toString()), 2, "-d", "-A");
        assertOneErrorLine(Tlskit.run("client", "-v", "1.1"), 2, "1.1");
        assertOneErrorLine(Tlskit.run("client", "-l", "NOT-A-SUITE"), 2, "NOT-A-SUITE");
        assertOneErrorLine(Tlskit.run("server", "-b", "--bind", "::1"), 2, "-b", "--bind");
    }

    // --- network (1)

    @Test
    void connectionRefusedIsANetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertOneErrorLine(Tlskit.run("client", "-h", "127.0.0.1", "-p", String.valueOf(port)), 1,
                "127.0.0.1:" + port, "refused");
    }

    @Test
    void unknownHostIsANetworkError() {
        assertOneErrorLine(Tlskit.run("client", "-h", "no-such-host.invalid"), 1, "no-such-host.invalid");
    }

    @Test
    void portInUseIsANetworkError() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertOneErrorLine(Tlskit.run("server", "-p", String.valueOf(s.getLocalPort())), 1,
                    "cannot listen", String.valueOf(s.getLocalPort()));
        }
    }

    @Test
    void silentPeerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch done = new CountDownLatch(1);
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    done.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // The test is over.
                }
            });
            acceptor.start();
            Tlskit.Result r = Tlskit.run("client", "-p", String.valueOf(silent.getLocalPort()), "--timeout", "0.3");
            done.countDown();
            assertOneErrorLine(r, 1, "timed out", "--timeout");
        }
    }

    @Test
    void tls13WithOnlyOlderSuitesIsAUsageError() {
        assertOneErrorLine(Tlskit.run("client", "-v", "1.3", "-l", "ECDHE-ECDSA-AES128-GCM-SHA256"), 2,
                "-v 1.3 -l ECDHE-ECDSA-AES128-GCM-SHA256", "no TLS 1.3 cipher suite");
        assertOneErrorLine(Tlskit.run("client", "-v", "1.2", "-l", "TLS_AES_128_GCM_SHA256"), 2,
                "only TLS 1.3 cipher suites");
    }

    @Test
    void serverSaysWhenItWidensTheGroupList() throws Exception {
        // The demo certificate's key is on P-256: the providers sign only with an enabled curve, so it is added.
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--groups", "x25519");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-x");
        assertEquals(0, client.exitCode(), client.err());
        Tlskit.Result s = server.await(LIMIT);
        assertTrue(s.err().contains("tlskit: warning: --groups: secp256r1 added, the curve of the certificate's key"),
                s.err());
    }

    // --- handshake (3)

    @Test
    void noCommonVersionIsAHandshakeFailure() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-v", "1.3");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", "1.2");
        assertOneErrorLine(client, 3, "handshake failed");
        Tlskit.Result s = server.await(LIMIT);
        assertEquals(3, s.exitCode(), "the server exits with the client's failure: " + s.err());
        assertTrue(s.err().contains("tlskit: error: client 127.0.0.1:"), s.err());
    }

    @Test
    void noCommonCipherIsAHandshakeFailure() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-v", "1.2", "-l",
                "ECDHE-ECDSA-AES128-GCM-SHA256");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-v", "1.2", "-l",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
        assertOneErrorLine(client, 3, "handshake failed");
        assertEquals(3, server.await(LIMIT).exitCode());
    }

    @Test
    void peerSpeakingSomethingElseIsAHandshakeFailure() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = http.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().read(new byte[1024]);
                } catch (IOException ignored) {
                    // The client hung up, as expected.
                }
            });
            assertOneErrorLine(Tlskit.run("client", "-p", String.valueOf(http.getLocalPort())), 3,
                    "does not speak TLS");
            served.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverGivenPlainTextFailsThatConnectionWithCode3() throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] alert = in.readNBytes(7);
            assertEquals(21, alert[0], "the server answers with a TLS alert record");
        }
        Tlskit.Result r = server.await(LIMIT);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("does not speak TLS"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "bc"})
    void serverSendsAndNamesTheAlertForAClientHelloThatDoesNotParse(String provider) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "--json", "--provider", provider);
        byte[] answer;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            s.setSoTimeout(10_000);
            // A ClientHello whose cipher_suites length (0x02f2) runs far past the message.
            byte[] body = new byte[2 + 32 + 1 + 2 + 2];
            body[0] = 3;
            body[1] = 3;
            body[35] = 0x02;
            body[36] = (byte) 0xF2;
            byte[] hello = new byte[5 + 4 + body.length];
            hello[0] = 22;
            hello[1] = 3;
            hello[2] = 1;
            hello[4] = (byte) (4 + body.length);
            hello[5] = 1;
            hello[8] = (byte) body.length;
            System.arraycopy(body, 0, hello, 9, body.length);
            s.getOutputStream().write(hello);
            answer = s.getInputStream().readAllBytes();
        }
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 50}, answer, "exactly one fatal decode_error record");
        Tlskit.Result r = server.await(LIMIT);
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.err().contains("(sent alert decode_error)"), r.err());
        Object alert = Interop.at(Interop.lastJsonLine(r.out()), "error", "alert");
        assertEquals(Map.of("direction", "sent", "level", "fatal", "description", "decode_error"), alert, r.out());
    }

    // --- verification (4)

    @Test
    void untrustedServerChainIsAVerificationFailure() throws Exception {
        Path cert = serverCert("untrusted", otherCa, "localhost", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        assertVerificationFailure(cert, "localhost", "untrusted certificate chain");
    }

    @Test
    void hostnameMismatchIsAVerificationFailure() throws Exception {
        Path cert = serverCert("wronghost", ca, "other.example", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        assertVerificationFailure(cert, "localhost", "hostname mismatch");
    }

    @Test
    void expiredServerCertificateIsAVerificationFailure() throws Exception {
        Path cert = serverCert("expired", ca, "localhost", Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        assertVerificationFailure(cert, "localhost", "expired");
    }

    @Test
    void notYetValidServerCertificateIsAVerificationFailure() throws Exception {
        Path cert = serverCert("future", ca, "localhost", Instant.now().plus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
        assertVerificationFailure(cert, "localhost", "not yet valid");
    }

    @Test
    void insecureModeConnectsAnywayAndWarns() throws Exception {
        Path cert = serverCert("insecure", otherCa, "other.example", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c", cert.toString(), "-k",
                cert.toString().replace(".pem", ".key"));
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-d", "--json");
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.err().contains("warning: -d"), client.err());
        assertTrue(client.out().contains("\"verification\":\"skipped\""), client.out());
        assertEquals(0, server.await(LIMIT).exitCode());
    }

    @Test
    void clientWithoutCertificateIsRejectedWhenMutualAuthIsOn() throws Exception {
        for (String version : new String[] {"1.2", "1.3"}) {
            Tlskit.Background server = Tlskit.start("server", "-p", "0", "-v", version);
            Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-x");
            assertOneErrorLine(client, 4, "certificate");
            Tlskit.Result s = server.await(LIMIT);
            assertEquals(4, s.exitCode(), version + ": " + s.err());
        }
    }

    private static void assertVerificationFailure(Path cert, String host, String why) throws Exception {
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c", cert.toString(), "-k",
                cert.toString().replace(".pem", ".key"));
        Tlskit.Result client = Tlskit.run("client", "-h", host, "-p", String.valueOf(server.port()),
                "-A", dir.resolve("ca.pem").toString());
        assertOneErrorLine(client, 4, why);
        Tlskit.Result s = server.await(LIMIT);
        assertEquals(4, s.exitCode(), "the server learns the client rejected it: " + s.err());
    }

    @Test
    void keyTypesOtherThanTheDemoOnesServe() throws Exception {
        HeldCertificate rsa = HeldCertificate.builder().keyType(KeyType.RSA_2048).addDnsName("localhost")
                .serverAuth().signedBy(ca).build();
        Path cert = write("rsa.pem", rsa.certificatePem());
        Path key = write("rsa.key", Pem.encodePkcs1(rsa.keyPair().getPrivate()));
        Tlskit.Background server = Tlskit.start("server", "-p", "0", "-d", "-c", cert.toString(), "-k",
                key.toString(), "-v", "1.2");
        Tlskit.Result client = Tlskit.run("client", "-p", String.valueOf(server.port()), "-A",
                dir.resolve("ca.pem").toString());
        assertEquals(0, client.exitCode(), client.err());
        assertTrue(client.out().contains("SSL cipher suite is TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), client.out());
        assertEquals(0, server.await(LIMIT).exitCode());
    }
}
