package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tlskit against OpenSSL 3: tlskit client → {@code openssl s_server}, {@code openssl s_client} → tlskit server.
 *
 * <p>Peer behaviour these tests rely on (checked with OpenSSL 3.0):
 * <ul>
 *   <li>{@code s_server -accept 127.0.0.1:0} binds a free port and prints {@code Interop.S_SERVER_ACCEPT 127.0.0.1:PORT} once it
 *       listens: that line is the readiness signal (no port race, and no probe connection eating a -naccept).</li>
 *   <li>{@code s_server -rev} answers each <em>line</em> reversed: it waits for a newline, so the tlskit client
 *       sends {@code -m "text\n"} (the default message has no newline and would time out).</li>
 *   <li>{@code -r} resends the fixed {@code resuming wolfssl!} without newline, so resumption runs against
 *       {@code s_server -www} with {@code tlskit client -g}; the page s_server returns states {@code Reused,} or
 *       {@code New,}, which is the server's own view of the resumption.</li>
 *   <li>On TLS 1.2 s_server checks the curve of an EC client certificate against its {@code -groups}
 *       ({@code tls12_check_peer_sigalg: wrong curve}, illegal_parameter alert): the group tests use the RSA demo
 *       client certificate.</li>
 *   <li>{@code s_client} reads stdin: the message is piped in and {@code -ign_eof} keeps it reading after stdin's
 *       EOF until tlskit closes.</li>
 * </ul>
 */
class OpenSslInteropTest extends OpenSslPeers {
    private static final String REPLY = "I hear you fa shizzle!";
    private static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET");

    /** {@code openssl s_server} with the demo server identity, requiring and verifying a client certificate. */
    private Peer sServer(String accept, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", accept,
                "-cert", "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify", "1",
                "-verify_return_error"));
        cmd.addAll(List.of(extra));
        Peer p = Interop.start(dir, null, cmd);
        cleanup.add(p);
        return p;
    }

    private static int port(Peer sServer) throws Exception {
        return Integer.parseInt(sServer.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));
    }

    private static String[] clientArgs(int port, String... more) {
        return clientArgs("127.0.0.1", port, more);
    }

    private static String[] clientArgs(String host, int port, String... more) {
        List<String> a = new ArrayList<>(List.of("client", "-h", host, "-p", String.valueOf(port),
                "-A", dir.resolve("ca.pem").toString(), "-c", dir.resolve("client.pem").toString(),
                "-k", dir.resolve("client.key").toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private Background server(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", dir.resolve("server.pem").toString(),
                "-k", dir.resolve("server.key").toString(), "-A", dir.resolve("ca.pem").toString()));
        a.addAll(List.of(args));
        return tlskitServer(a);
    }

    // ------------------------------------------------------------------ tlskit client → openssl s_server

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @MethodSource("everyVersionOnEveryProvider")
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientCompletesMutualAuthWithSServer(String version, String provider) throws Exception {
        Peer s = sServer("127.0.0.1:0", "-rev");
        int port = port(s);

        Run r = tlskit(clientArgs(port, "-v", version, "--provider", provider, "-m", "hello openssl\n"));

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("SSL version is TLSv" + version + "\n"), r::describe);
        assertTrue(r.out().contains("SSL cipher suite is TLS_"), r::describe);
        assertTrue(r.out().contains("SSL curve name is X25519\n"), r::describe);
        assertTrue(r.out().contains("lssnepo olleh"), "s_server -rev's reversed line is the reply\n" + r.describe());
        // s_server's side: it verified tlskit's client certificate
        String server = s.await(Pattern.compile("Verification: OK"), Duration.ofSeconds(5)).group();
        assertTrue(s.output().contains("Peer certificate: CN = tlskit demo client"), s.output());
        assertTrue(s.output().contains("Protocol version: TLSv" + version), s.output() + server);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientHttpGetReadsSServerWwwPage() throws Exception {
        Peer s = sServer("127.0.0.1:0", "-www");
        int port = port(s);

        Run r = tlskit(clientArgs(port, "-g"));

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("SSL version is TLSv1.3\n"), r::describe);
        assertTrue(r.out().contains("HTTP/1.0 200 ok"), r::describe);
        assertTrue(r.out().contains("New, TLSv1.3, Cipher is TLS_"), r::describe);
        assertTrue(r.out().contains("</HTML>") || r.out().contains("</BODY></HTML>"),
                "-g prints the whole page, to the server's close\n" + r.describe());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientReachesSServerOverIpv6() throws Exception {
        Interop.requireIpv6Loopback();
        Peer s = sServer("[::1]:0", "-rev");
        int port = port(s);

        Run r = tlskit(clientArgs("::1", port, "-m", "over six\n"));

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("SSL version is TLSv1.3\n"), r::describe);
        assertTrue(r.out().contains("xis revo"), r::describe);
    }

    // ------------------------------------------------------------------ negotiated group

    @ParameterizedTest(name = "s_server -groups {0}, TLS {2}, provider {3}")
    @CsvSource({
        "X25519, X25519,    1.3, jdk", "X25519, X25519,    1.2, jdk", "X25519, X25519,    1.3, bc", "X25519, X25519,    1.2, bc",
        "X25519, X25519,    1.3, boringssl", "X25519, X25519,    1.2, boringssl", "P-384,  SECP384R1, 1.3, boringssl",
        "P-256,  SECP256R1, 1.3, jdk", "P-256,  SECP256R1, 1.2, jdk", "P-256,  SECP256R1, 1.3, bc", "P-256,  SECP256R1, 1.2, bc",
        "P-384,  SECP384R1, 1.3, jdk", "P-384,  SECP384R1, 1.2, jdk", "P-384,  SECP384R1, 1.3, bc", "P-384,  SECP384R1, 1.2, bc",
    })
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientPrintsTheGroupSServerWasLimitedTo(String opensslGroup, String printed, String version,
            String provider) throws Exception {
        // No --groups on the client: with the jdk provider it would set the JVM-wide jdk.tls.namedGroups.
        // RSA client certificate: on TLS 1.2 s_server rejects an EC client key whose curve is not in -groups.
        Peer s = sServer("127.0.0.1:0", "-rev", "-groups", opensslGroup);
        int port = port(s);

        Run r = tlskit("client", "-h", "127.0.0.1", "-p", String.valueOf(port), "-A", dir.resolve("ca.pem").toString(),
                "-c", dir.resolve("client-rsa.pem").toString(), "-k", dir.resolve("client-rsa.key").toString(),
                "-v", version, "--provider", provider, "-m", "group\n");

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("SSL version is TLSv" + version + "\n"), r::describe);
        assertTrue(r.out().contains("SSL curve name is " + printed + "\n"), r::describe);
    }

    // ------------------------------------------------------------------ --json

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientJsonDescribesHandshakeWithSServer() throws Exception {
        Peer s = sServer("127.0.0.1:0", "-www", "-naccept", "2");
        int port = port(s);

        Run r = tlskit(clientArgs("localhost", port, "-4", "-g", "-r", "--json"));

        assertEquals(0, r.exitCode(), r::describe);
        String json = r.out().strip();
        assertEquals(1, json.lines().count(), "exactly one JSON document, on one line\n" + r.describe());
        Object doc = Interop.parseJson(json);
        assertEquals("client", at(doc, "command"));
        assertEquals("TLSv1.3", at(doc, "handshake", "protocol"));
        assertTrue(((String) at(doc, "handshake", "cipherSuite")).startsWith("TLS_AES_"), json);
        assertEquals("X25519", at(doc, "handshake", "group"));
        assertEquals("verified", at(doc, "handshake", "verification"));
        assertEquals(Boolean.FALSE, at(doc, "handshake", "resumed"));
        assertEquals("CN=localhost", at(doc, "handshake", "peerChain", 0, "subject"));
        assertEquals("CN=tlskit demo CA (TEST ONLY),O=tlskit", at(doc, "handshake", "peerChain", 0, "issuer"));
        assertTrue(((List<?>) at(doc, "handshake", "peerChain", 0, "san")).contains("DNS:localhost"), json);
        assertEquals(Boolean.TRUE, at(doc, "resumption", "resumed"));
        assertEquals(Boolean.TRUE, at(doc, "resumption", "handshake", "resumed"));
        assertTrue(((String) at(doc, "resumption", "reply")).contains("Reused, TLSv1.3"),
                "s_server's page confirms the resumption\n" + json);
        // the certificate fingerprint in the JSON is the one openssl computes for the same file
        Result fp = Interop.run(dir, null, Duration.ofSeconds(10), "openssl", "x509", "-in", "server.pem",
                "-noout", "-fingerprint", "-sha256");
        String expected = fp.output().replaceAll("(?s).*=", "").replace(":", "").strip().toLowerCase();
        assertEquals(expected, at(doc, "handshake", "peerChain", 0, "sha256"));
        assertTrue(at(doc, "handshake", "peerChain") instanceof List<?> l && l.size() == 2, json);
        assertTrue(at(doc, "handshake") instanceof Map<?, ?>, json);
    }

    // ------------------------------------------------------------------ openssl s_client → tlskit server

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @MethodSource("everyVersionOnEveryProvider")
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void sClientCompletesMutualAuthWithServer(String version, String provider) throws Exception {
        Exchange e = sClient(server("--provider", provider), "hello from openssl", "-servername", "localhost",
                "-verify_hostname", "localhost", "-cert", "client.pem", "-key", "client.key", "-CAfile", "ca.pem",
                "-verify_return_error", "-ign_eof", version.equals("1.2") ? "-tls1_2" : "-tls1_3");
        Result c = e.client();
        Run s = e.server();

        assertEquals(0, c.exitCode(), c.output());
        assertTrue(c.output().contains(REPLY), c.output());
        assertTrue(c.output().contains("Verify return code: 0 (ok)"), c.output());
        assertTrue(c.output().contains("TLSv" + version), c.output());
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.out().contains("SSL version is TLSv" + version + "\n"), s::describe);
        assertTrue(s.out().contains("Client message: hello from openssl\n"), s::describe);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sClientReachesServerBoundToIpv6Loopback() throws Exception {
        Interop.requireIpv6Loopback();
        Exchange e = sClient("[::1]", server("--bind", "::1"), "hello over ::1", "-verify_ip", "::1", "-cert",
                "client.pem", "-key", "client.key", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof");
        Result c = e.client();
        Run s = e.server();

        assertEquals(0, c.exitCode(), c.output());
        assertTrue(c.output().contains(REPLY), c.output());
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.out().contains("Client message: hello over ::1\n"), s::describe);
    }

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @MethodSource("everyVersionOnEveryProvider")
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientWithoutCertificateIsToldTheServerAskedForOne(String version, String provider) throws Exception {
        // s_server -Verify 1 requires one; tlskit client -x sends none. It used to be "peer rejected the
        // certificate: alert ...", which reads as if our check of the server's certificate had failed.
        int port = port(sServer("127.0.0.1:0", "-rev"));

        Run r = tlskit("client", "-h", "127.0.0.1", "-p", String.valueOf(port), "-A", dir.resolve("ca.pem").toString(),
                "-v", version, "--provider", provider, "-x");

        assertEquals(4, r.exitCode(), r::describe);
        assertTrue(r.err().contains(": the server asked for a client certificate and none was sent"), r::describe);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void serverRejectsSClientWithoutCertificate() throws Exception {
        Exchange e = sClient(server("-v", "1.2"), "no cert", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof");
        Result c = e.client();
        Run s = e.server();

        assertTrue(c.exitCode() != 0, c.output());
        assertEquals(4, s.exitCode(), "mutual auth is on by default: no client certificate is exit 4\n" + s.describe());
        assertTrue(s.err().contains("tlskit: error: client "), s::describe);
        assertTrue(s.err().contains("no certificate from the client"), s::describe);
        assertTrue(!s.out().contains("Client message:"), s::describe);
    }

    @ParameterizedTest(name = "TLS {0}, provider {1}")
    @CsvSource({"1.3, jdk", "1.3, bc", "1.2, jdk", "1.2, bc", "1.3, boringssl", "1.2, boringssl"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void serverNamesTheAlertOfAClientThatRejectsItsCertificate(String version, String provider) throws Exception {
        // A CA the server's certificate does not chain to: s_client rejects it with unknown_ca. In TLS 1.3 its
        // alert goes out before its handshake keys are in use, a 2-byte plaintext record that SunJSSE tries to
        // decrypt ("Insufficient buffer remaining for AEAD cipher fragment"); the wire shows what it was.
        Path other = dir.resolve("other-ca.pem");
        if (!Files.exists(other)) {
            Result made = Interop.run(dir, null, Interop.RUN_LIMIT, "openssl", "req", "-x509", "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem",
                    "-subj", "/CN=another CA", "-days", "2");
            assertEquals(0, made.exitCode(), made.output());
        }
        Background server = tlskitServer(List.of("-c", dir.resolve("server.pem").toString(),
                "-k", dir.resolve("server.key").toString(), "-d", "-v", version, "--provider", provider));
        Exchange e = sClient(server, "", "-CAfile", "other-ca.pem", "-verify_return_error");
        Result c = e.client();
        Run s = e.server();
        assertTrue(c.exitCode() != 0, c.output());
        assertEquals(4, s.exitCode(), s::describe);
        assertTrue(s.err().contains("the client rejected our certificate: alert unknown_ca"), s::describe);
    }

    // ------------------------------------------------------------------ --keylog against OpenSSL's -keylogfile
    // Both ends of a connection derive the same secrets, so our key log and OpenSSL's must hold the same lines
    // (OpenSSL's starts with a comment). This checks every label, the exporter secret too, which no record uses.

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void clientKeyLogMatchesSServerKeyLog(String version) throws Exception {
        Path ours = dir.resolve("client-" + version + ".keys");
        Path theirs = dir.resolve("s_server-" + version + ".keys");
        int port = port(sServer("127.0.0.1:0", "-rev", "-keylogfile", theirs.toString()));

        Run r = tlskit(clientArgs(port, "-v", version, "--keylog", ours.toString(), "-m", "hello openssl\n"));

        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.out().contains("lssnepo olleh"), r::describe);
        assertTrue(r.err().contains("--keylog " + ours + ": writing TLS secrets (bc provider)"), r::describe);
        assertSameKeyLog(version, ours, theirs);
    }

    @ParameterizedTest(name = "TLS {0}")
    @ValueSource(strings = {"1.2", "1.3"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void serverKeyLogMatchesSClientKeyLog(String version) throws Exception {
        Path ours = dir.resolve("server-" + version + ".keys");
        Path theirs = dir.resolve("s_client-" + version + ".keys");
        Exchange e = sClient(server("--keylog", ours.toString()), "hello from openssl", "-servername", "localhost",
                "-cert", "client.pem", "-key", "client.key", "-CAfile", "ca.pem", "-verify_return_error", "-ign_eof",
                version.equals("1.2") ? "-tls1_2" : "-tls1_3", "-keylogfile", theirs.toString());
        Result c = e.client();
        Run s = e.server();

        assertEquals(0, c.exitCode(), c.output());
        assertEquals(0, s.exitCode(), s::describe);
        assertTrue(s.out().contains("Client message: hello from openssl\n"), s::describe);
        assertSameKeyLog(version, ours, theirs);
    }

    private static void assertSameKeyLog(String version, Path ours, Path theirs) throws IOException {
        Set<String> mine = keyLogLines(ours);
        Set<String> openssl = keyLogLines(theirs);
        Set<String> labels = new TreeSet<>();
        mine.forEach(l -> labels.add(l.substring(0, l.indexOf(' '))));
        assertEquals(version.equals("1.2") ? Set.of("CLIENT_RANDOM") : TLS13_LABELS, labels, String.join("\n", mine));
        assertEquals(openssl, mine, "OpenSSL's key log and ours, for the same connection");
    }

    /** The key log's lines, hex in lower case (OpenSSL's comment line dropped). */
    private static Set<String> keyLogLines(Path keyLog) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String l : Files.readAllLines(keyLog, StandardCharsets.US_ASCII)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                int space = l.indexOf(' ');
                out.add(l.substring(0, space) + l.substring(space).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
