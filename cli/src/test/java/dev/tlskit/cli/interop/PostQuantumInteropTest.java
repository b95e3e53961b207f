package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tlskit.cli.interop.Interop.Background;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Result;
import dev.tlskit.cli.interop.Interop.Run;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Post-quantum key exchange against real peers: headless Chromium (which offers X25519MLKEM768 first, with a
 * 1216-byte share) fetching a page from the bc server; OpenSSL 3.0's {@code s_server}, which has no ML-KEM group,
 * against the hybrid-first bc client; and the jdk provider, which on Java 17 and Temurin 25 has no ML-KEM group
 * either, refusing one in a JVM of its own (on Java 17 naming groups sets the JVM-wide jdk.tls.namedGroups).
 */
class PostQuantumInteropTest extends DemoPeers {
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    // ---------------------------------------------------------------- Chromium → tlskit server

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"bc", "boringssl"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void chromiumNegotiatesX25519MLKEM768WithTheServerAndGetsThePage(String provider) throws Exception {
        Interop.requireBinary("chromium");
        Path certs = dir.resolve("chromium-certs-" + provider);
        Run made = tlskit("certgen", "-o", certs.toString(), "127.0.0.1");
        assertEquals(0, made.exitCode(), made::describe);
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(certs.resolve("server.pem"))) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        // Chromium trusts exactly this key (no verification turned off): base64 SHA-256 of the leaf's SPKI
        String spki = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));

        // -C 2: Chromium may open a second connection beside the one that fetches the page
        Background server = Interop.tlskitInBackground("server", "-p", "0", "-C", "2", "-g", "--provider", provider,
                "-c", certs.resolve("server.pem").toString(), "-k", certs.resolve("server.key").toString(), "-d",
                "--json");
        cleanup.add(server);
        int port = server.port();
        Path profile = Files.createTempDirectory(dir, "chromium-profile-");
        Result page = Interop.run(dir, null, Duration.ofSeconds(60), "chromium", "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--ignore-certificate-errors-spki-list=" + spki, "--dump-dom", "https://127.0.0.1:" + port + "/");

        assertEquals(0, page.exitCode(), page.output());
        assertTrue(page.output().contains("<h1>tlskit server</h1>"), "the page arrived:\n" + page.output());
        assertTrue(page.output().contains("X25519MLKEM768"), "the page names the group:\n" + page.output());
        server.close();
        Object served = server.out().lines().filter(l -> l.contains("\"request\"")).findFirst()
                .map(Interop::parseJson).orElseThrow(() -> new AssertionError("no request served:\n" + server.out()
                        + "\n" + server.err()));
        assertEquals("X25519MLKEM768", at(served, "handshake", "group"), served::toString);
        assertEquals(Boolean.TRUE, at(served, "handshake", "postQuantum"));
        assertEquals(Boolean.FALSE, at(served, "handshake", "helloRetry"), "Chromium sent the hybrid's share");
        assertEquals("TLSv1.3", at(served, "handshake", "protocol"));
    }

    // ---------------------------------------------------------------- tlskit bc and boringssl clients → openssl s_server 3.0

    private Peer sServer(String... extra) throws Exception {
        Interop.requireBinary("openssl");
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", "server.pem", "-key", "server.key", "-naccept", "1", "-rev"));
        cmd.addAll(List.of(extra));
        Peer p = Interop.start(dir, null, cmd);
        cleanup.add(p);
        return p;
    }

    private static String[] client(String provider, Peer sServer, String... more) throws Exception {
        int port = Integer.parseInt(sServer.await(Interop.S_SERVER_ACCEPT, Interop.PEER_START).group(1));
        List<String> a = new ArrayList<>(List.of("client", "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-A", dir.resolve("ca.pem").toString(), "-x", "--provider", provider, "-m", "pq\n", "--json"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"bc", "boringssl"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theHybridFirstClientLandsOnX25519FromItsKeyShareWithSServer30(String provider) throws Exception {
        Run r = tlskit(client(provider, sServer()));

        assertEquals(0, r.exitCode(), r::describe);
        Object doc = Interop.parseJson(r.out());
        assertEquals("X25519", at(doc, "handshake", "group"), r::describe);
        assertEquals(Boolean.FALSE, at(doc, "handshake", "postQuantum"));
        assertEquals(Boolean.FALSE, at(doc, "handshake", "helloRetry"), "s_server took the X25519 share it was sent");
        assertEquals("qp", at(doc, "reply").toString().trim());
    }

    // bc only: boringssl sends shares for the first two groups (here X25519MLKEM768 and secp384r1), so s_server 3.0
    // takes secp384r1 from the first hello and there is no HelloRetryRequest to see
    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"bc"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClientWithOnlyAHybridShareReachesSServer30ThroughAHelloRetryRequest(String provider) throws Exception {
        Run r = tlskit(client(provider, sServer(), "--groups", "X25519MLKEM768:secp384r1", "--trace", "--verbose"));

        assertEquals(0, r.exitCode(), r::describe);
        Object doc = Interop.parseJson(r.out());
        assertEquals("SECP384R1", at(doc, "handshake", "group"), r::describe);
        assertEquals(Boolean.TRUE, at(doc, "handshake", "helloRetry"), r::describe);
        assertTrue(r.err().contains("tlskit: key exchange SECP384R1, after a HelloRetryRequest\n"), r::describe);
    }

    @ParameterizedTest(name = "--provider {0}")
    @ValueSource(strings = {"bc", "boringssl"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sServerLimitedToP256AsksTheHybridFirstClientAgain(String provider) throws Exception {
        Run r = tlskit(client(provider, sServer("-groups", "P-256"), "--expect-group", "P-256"));

        assertEquals(0, r.exitCode(), r::describe);
        Object doc = Interop.parseJson(r.out());
        assertEquals("SECP256R1", at(doc, "handshake", "group"), r::describe);
        assertEquals(Boolean.TRUE, at(doc, "handshake", "helloRetry"), "no P-256 share in the first hello");
    }

    // ---------------------------------------------------------------- jdk: detected, refused in one line

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"client, this JDK", "server, this JDK", "client, Temurin 25", "server, Temurin 25"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theJdkProviderRefusesMlKemGroupsItsSunJsseLacksInOneLine(String command, String jdk) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (jdk.equals("Temurin 25")) {
            assumeTrue(Files.isExecutable(TEMURIN_25), "no Temurin 25 at " + TEMURIN_25);
            java = TEMURIN_25.toString();
        }
        List<String> cmd = new ArrayList<>(Interop.tlskitCommand(command, "-p", command.equals("client") ? "1" : "0",
                "--provider", "jdk", "--groups", "x25519mlkem768:x25519"));
        cmd.set(0, java);
        Run r = Interop.runApart(Interop.RUN_LIMIT, env -> { }, cmd);

        assertEquals(2, r.exitCode(), r::describe);
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), "one line, not even the demo certificate's warning: " + r.describe());
        assertTrue(lines.get(0).matches("tlskit: error: named group X25519MLKEM768 not implemented by the jdk provider"
                + " \\(SunJSSE on Java [\\d.]+\\); use --provider bc"), lines.get(0));
    }
}
