package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code tlskit scan} reads past the ServerHello, against {@code openssl s_server}: the certificates of a
 * server with an RSA and an ECDSA one, OCSP stapling and SCTs (in the TLS 1.2 ServerHello and in TLS 1.3's
 * encrypted Certificate), ALPN and early data on a TLS 1.3-only server (EncryptedExtensions, NewSessionTicket),
 * and real resumption; and that no progress line goes to a pipe.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanFeaturesTest {
    @TempDir
    static Path dir;
    private static final List<Peer> peers = new ArrayList<>();
    static int dual;
    static int stapled;
    static int stapled13;
    static int tls13Only;
    static int noResumption;
    static int dual13;
    static int dual13P256;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void startServers() throws Exception {
        Interop.requireBinary("openssl");
        Interop.demo(dir);
        Run certgen = tlskit("certgen", "-o", dir.resolve("cg").toString());
        assertEquals(0, certgen.exitCode(), certgen.describe());
        ocspResponse(dir.resolve("cg"));
        Files.writeString(dir.resolve("cg/sct.pem"), sctServerInfo(), StandardCharsets.US_ASCII);

        dual = start("-cert", "server-rsa.pem", "-key", "server-rsa.key", "-dcert", "server.pem", "-dkey", "server.key");
        List<String> staple = List.of("-cert", "cg/server.pem", "-key", "cg/server.key", "-status_file",
                "cg/resp.der", "-serverinfo", "cg/sct.pem");
        stapled = start(staple.toArray(new String[0]));
        List<String> staple13 = new ArrayList<>(staple);
        staple13.add("-tls1_3");
        stapled13 = start(staple13.toArray(new String[0]));
        tls13Only = start("-cert", "server.pem", "-key", "server.key", "-tls1_3", "-early_data", "-alpn",
                "h2,http/1.1");
        dual13 = start("-cert", "server-rsa.pem", "-key", "server-rsa.key", "-dcert", "server.pem", "-dkey",
                "server.key", "-tls1_3");
        dual13P256 = start("-cert", "server-rsa.pem", "-key", "server-rsa.key", "-dcert", "server.pem", "-dkey",
                "server.key", "-tls1_3", "-groups", "P-256");
        noResumption = start("-cert", "server.pem", "-key", "server.key", "-no_cache", "-no_ticket");
    }

    /** An OCSP response for cg/server.pem, signed by its CA: index.txt, then {@code openssl ocsp -respout}. */
    private static void ocspResponse(Path cg) throws Exception {
        String serial = Interop.run(cg, null, Duration.ofSeconds(10), "openssl", "x509", "-in", "server.pem",
                "-noout", "-serial").output().strip().replaceFirst("^serial=", "");
        Files.writeString(cg.resolve("index.txt"), "V\t301231235959Z\t\t" + serial + "\tunknown\t/CN=localhost\n");
        Interop.Result r = Interop.run(cg, null, Duration.ofSeconds(10), "openssl", "ocsp", "-index", "index.txt",
                "-rsigner", "ca.pem", "-rkey", "ca.key", "-CA", "ca.pem", "-issuer", "ca.pem", "-cert", "server.pem",
                "-respout", "resp.der", "-ndays", "1");
        assertTrue(Files.size(cg.resolve("resp.der")) > 0, r.output());
    }

    /**
     * A serverinfo file (SSL_CTX_use_serverinfo_file's V2 format: a 4-byte context, then type, length, data) with
     * a signed_certificate_timestamp extension holding one made-up SCT (RFC 6962 section 3.2; a scan reads, it does
     * not verify), for the TLS 1.2 ServerHello and the TLS 1.3 leaf CertificateEntry: context ClientHello 0x80 |
     * TLS 1.2 ServerHello 0x100 | TLS 1.3 Certificate 0x1000 | ignore on resumption 0x40.
     */
    private static String sctServerInfo() {
        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(0); // v1
        sct.writeBytes(new byte[32]); // log id
        sct.writeBytes(ByteBuffer.allocate(8).putLong(1).array()); // timestamp
        sct.writeBytes(new byte[] {0, 0, 4, 3, 0, 4, 'a', 'b', 'c', 'd'}); // no extensions; ecdsa sha256 signature
        byte[] one = sct.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 2 + 2 + one.length);
        b.putInt(0x11C0).putShort((short) 18).putShort((short) (4 + one.length));
        b.putShort((short) (2 + one.length)).putShort((short) one.length).put(one);
        return "-----BEGIN SERVERINFOV2 FOR signed_certificate_timestamp-----\n"
                + Base64.getMimeEncoder().encodeToString(b.array())
                + "\n-----END SERVERINFOV2 FOR signed_certificate_timestamp-----\n";
    }

    static int start(String... options) throws Exception {
        return Interop.sServer(dir, peers, List.of(options));
    }

    @AfterAll
    static void stopServers() {
        peers.forEach(Peer::close);
    }

    static Object scan(int port) {
        Run r = tlskit("scan", "127.0.0.1:" + port, "-d", "--json");
        assertEquals(0, r.exitCode(), r.describe());
        return Interop.parseJson(r.out().strip());
    }

    @Test
    void findsBothCertificatesOfAServerWithAnRsaAndAnEcdsaOne() {
        Object doc = scan(dual);
        List<?> keys = (List<?>) at(doc, "certificateKeys");
        assertEquals(2, keys.size(), keys.toString());
        for (Object k : keys) {
            List<?> by = (List<?>) at(k, "selectedBy");
            if ("RSA".equals(at(k, "keyAlgorithm"))) {
                assertEquals(List.of("TLS 1.2 RSA suites", "TLS 1.3 RSA signature schemes"), by);
                assertEquals(2048, ((Number) at(k, "keyBits")).intValue());
            } else {
                assertEquals("EC", at(k, "keyAlgorithm"));
                assertEquals(List.of("TLS 1.2 ECDSA suites", "TLS 1.3 ECDSA signature schemes"), by);
                assertEquals(256, ((Number) at(k, "keyBits")).intValue());
            }
        }
        assertEquals(Boolean.FALSE, at(doc, "features", "ocspStapling"));
        assertEquals(Boolean.FALSE, at(doc, "features", "signedCertificateTimestamps"));
    }

    /**
     * TLS 1.3 only: the scheme offered alone must be the one the encrypted CertificateVerify uses; the scan's TLS
     * 1.3 client reads it with an x25519 key share, or a secp256r1 one from a server without x25519.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"x25519", "P-256 only"})
    void tls13SignatureSchemesComeFromTheCertificateVerify(String groups) {
        Object doc = scan(groups.equals("x25519") ? dual13 : dual13P256);
        if (!groups.equals("x25519")) {
            assertEquals(List.of("secp256r1"), at(doc, "groups", "tls13"));
        }
        assertEquals("TLS 1.3", at(doc, "signatureSchemes", "version"));
        // P-256 signs with ecdsa_secp256r1_sha256 only (TLS 1.3 ties the curve to the hash); an rsaEncryption
        // key with RSA-PSS "rsae" only: no secp384r1, ed25519, rsa_pss_pss or PKCS#1 scheme
        assertEquals(List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384",
                "rsa_pss_rsae_sha512"), at(doc, "signatureSchemes", "schemes"));
        assertEquals(2, ((List<?>) at(doc, "certificateKeys")).size());
    }

    @Test
    void seesStaplingAndSctsInTheTls12ServerHello() {
        Object doc = scan(stapled);
        assertEquals(Boolean.TRUE, at(doc, "features", "ocspStapling"));
        assertEquals(Boolean.TRUE, at(doc, "features", "signedCertificateTimestamps"));
    }

    @Test
    void seesStaplingAndSctsInTls13sEncryptedCertificate() {
        Object doc = scan(stapled13);
        assertEquals(List.of("TLS 1.3"), ScanOpenSslTest.versions(doc));
        assertEquals(Boolean.TRUE, at(doc, "features", "ocspStapling"));
        assertEquals(Boolean.TRUE, at(doc, "features", "signedCertificateTimestamps"));
        assertEquals(1, ((List<?>) at(doc, "certificateKeys")).size());
    }

    @Test
    void readsAlpnAndEarlyDataOfATls13OnlyServer() {
        Object doc = scan(tls13Only);
        assertEquals(List.of("TLS 1.3"), ScanOpenSslTest.versions(doc));
        assertEquals(List.of("h2", "http/1.1"), at(doc, "features", "alpn"));
        assertEquals(Boolean.TRUE, at(doc, "features", "earlyData"));
        assertTrue(((String) at(doc, "features", "earlyDataNote")).startsWith("up to "), doc.toString());
        assertNull(at(doc, "features", "resumption", "tls12"), "no TLS 1.2 to resume");
        assertEquals(Boolean.TRUE, at(doc, "features", "resumption", "tls13", "resumed"));
    }

    @Test
    void aServerWithoutEarlyDataSaysSo() {
        Object doc = scan(dual);
        assertEquals(Boolean.FALSE, at(doc, "features", "earlyData"));
        assertEquals(List.of(), at(doc, "features", "alpn"));
    }

    @Test
    void resumptionIsRealPerVersion() {
        Object on = scan(dual);
        assertEquals(Boolean.TRUE, at(on, "features", "resumption", "tls12", "resumed"));
        assertEquals(Boolean.TRUE, at(on, "features", "resumption", "tls13", "resumed"));
        Object off = scan(noResumption);
        assertEquals(Boolean.FALSE, at(off, "features", "resumption", "tls12", "resumed"));
        assertEquals(Boolean.FALSE, at(off, "features", "resumption", "tls13", "resumed"));
    }

    @Test
    void printsNoProgressLineOnAPipe() throws Exception {
        Run r = Interop.tlskitProcess(Duration.ofSeconds(40), env -> env.put("TERM", "xterm"), "scan",
                "127.0.0.1:" + dual, "-d");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("Scan of 127.0.0.1:" + dual), r.out());
        assertEquals("tlskit: warning: -d: the server's certificate and hostname are NOT verified\n", r.err());
    }
}
