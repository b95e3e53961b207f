package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.Tlskit;
import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlskit scan} against tlskit's own event-loop server, on both providers, with and without restrictions. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanTlskitServerTest {
    @TempDir
    static Path dir;
    static Peer restricted;
    static Peer bc;
    static int restrictedPort;
    static int bcPort;

    /**
     * Each server in a JVM of its own: on Java 17 SunJSSE takes named groups only JVM-wide (FACTS.md), which
     * would leak into the other server and into the scanner's own handshake.
     */
    @BeforeAll
    static void startServers() throws Exception {
        Interop.demo(dir);
        restricted = Interop.start(dir, null, Interop.tlskitCommand("echoserver", "-p", "0", "--provider", "jdk",
                "-l", "TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES256-GCM-SHA384", "--groups", "x25519:secp256r1"));
        bc = Interop.start(dir, null, Interop.tlskitCommand("echoserver", "-p", "0", "--provider", "bc"));
        restrictedPort = Integer.parseInt(restricted.await(Tlskit.LISTENING, Duration.ofSeconds(20)).group(2));
        bcPort = Integer.parseInt(bc.await(Tlskit.LISTENING, Duration.ofSeconds(20)).group(2));
    }

    @AfterAll
    static void stop() {
        if (restricted != null) {
            restricted.close();
        }
        if (bc != null) {
            bc.close();
        }
    }

    static Object scan(int port) {
        Run r = tlskit("scan", "127.0.0.1:" + port, "-A", dir.resolve("ca.pem").toString(), "--json");
        assertEquals(0, r.exitCode(), r.describe());
        return Interop.parseJson(r.out().strip());
    }

    static List<?> suiteNames(Object doc, int index) {
        return ((List<?>) at(doc, "cipherSuites", index, "suites")).stream().map(s -> at(s, "name")).toList();
    }

    static List<String> findingIds(Object doc) {
        return ((List<?>) at(doc, "findings")).stream().map(f -> (String) at(f, "id")).toList();
    }

    @Test
    void reportsExactlyTheSuitesAndGroupsTheServerWasGiven() throws Exception {
        Object doc = scan(restrictedPort);
        assertEquals("TLS 1.2", at(doc, "cipherSuites", 0, "version"));
        assertEquals(List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), suiteNames(doc, 0));
        assertEquals("TLS 1.3", at(doc, "cipherSuites", 1, "version"));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256"), suiteNames(doc, 1));
        assertEquals(List.of("secp256r1", "x25519"), at(doc, "groups", "tls13"));
        // TLS 1.2: supported_groups also names the curves the client can verify (RFC 8422 section 5.1); offered
        // x25519 alone, a P-256 ECDSA server refuses, offered before secp256r1 it uses x25519
        assertEquals(List.of("secp256r1", "x25519"), at(doc, "groups", "ecdhe"));
        assertEquals(Boolean.TRUE, at(doc, "certificate", "trusted"));
        // SunJSSE (17) does not implement TLS_FALLBACK_SCSV: a TLS 1.2 hello carrying it is accepted
        assertEquals(Boolean.FALSE, at(doc, "features", "fallbackScsv"));
        assertTrue(findingIds(doc).contains("no-fallback-scsv"), findingIds(doc).toString());
    }

    @Test
    void seesThePostQuantumHybridOnBouncyCastle() throws Exception {
        Object doc = scan(bcPort);
        List<?> groups = (List<?>) at(doc, "groups", "tls13");
        assertTrue(groups.contains("X25519MLKEM768"), groups.toString());
        assertFalse(findingIds(doc).contains("no-post-quantum"), findingIds(doc).toString());
        assertEquals(Boolean.TRUE, at(doc, "features", "fallbackScsv"));
    }
}
