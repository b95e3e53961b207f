package dev.tlskit.cli.interop;

import static dev.tlskit.cli.interop.Interop.at;
import static dev.tlskit.cli.interop.Interop.tlskit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.cli.interop.Interop.Peer;
import dev.tlskit.cli.interop.Interop.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlskit scan} against {@code openssl s_server} in known configurations, each started once for the class:
 * the scan must report exactly the configured versions, suites (and their order), groups and the findings they
 * imply.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScanOpenSslTest {

    @TempDir
    static Path dir;
    private static final List<Peer> peers = new ArrayList<>();
    static int serverOrder;
    static int serverOrderReversed;
    static int clientOrder;
    static int noTls13;
    static int groups;
    static int legacy;
    static int weakDh;
    static int tls13Only;
    static int ecdsa;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void startServers() throws Exception {
        Interop.requireBinary("openssl");
        Interop.demo(dir);
        serverOrder = start("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305",
                "-serverpref");
        serverOrderReversed = start("-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256",
                "-serverpref");
        clientOrder = start("-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256");
        noTls13 = start("-no_tls1_3");
        groups = start("-groups", "X25519:P-384");
        legacy = start("-cipher", "ALL:@SECLEVEL=0", "-tls1");
        tls13Only = start("-tls1_3");
        ecdsa = startWith("server", "-no_tls1_3");
        Interop.run(dir, null, Duration.ofSeconds(30), "openssl", "dhparam", "-out", "dh1024.pem", "1024");
        weakDh = start("-no_tls1_3", "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", "-dhparam", "dh1024.pem");
    }

    /** An {@code openssl s_server} with the RSA demo server certificate and {@code options}; its port. */
    static int start(String... options) throws Exception {
        return startWith("server-rsa", options);
    }

    /** An s_server with the demo certificate {@code name} ({@code server-rsa}, {@code server} (ECDSA P-256)). */
    static int startWith(String name, String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-cert", name + ".pem", "-key", name + ".key"));
        all.addAll(List.of(options));
        return Interop.sServer(dir, peers, all);
    }

    @AfterAll
    static void stopServers() {
        peers.forEach(Peer::close);
    }

    /** Scans 127.0.0.1:port with the demo CA; the JSON document. */
    static Object scan(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "127.0.0.1:" + port, "-A", dir.resolve("ca.pem").toString(),
                "--json", "--timeout", "5"));
        args.addAll(List.of(more));
        Run r = tlskit(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.describe());
        return Interop.parseJson(r.out().strip());
    }

    static List<String> versions(Object doc) {
        List<String> out = new ArrayList<>();
        for (Object v : (List<?>) at(doc, "versions")) {
            if (Boolean.TRUE.equals(at(v, "supported"))) {
                out.add((String) at(v, "version"));
            }
        }
        return out;
    }

    /** The suites of one version as OpenSSL names, in the reported order. */
    static List<String> suites(Object doc, String version) {
        for (Object v : (List<?>) at(doc, "cipherSuites")) {
            if (version.equals(at(v, "version"))) {
                List<String> out = new ArrayList<>();
                for (Object s : (List<?>) at(v, "suites")) {
                    out.add((String) (at(s, "openssl") != null ? at(s, "openssl") : at(s, "name")));
                }
                return out;
            }
        }
        return List.of();
    }

    static Object order(Object doc, String version) {
        for (Object v : (List<?>) at(doc, "cipherSuites")) {
            if (version.equals(at(v, "version"))) {
                return at(v, "order");
            }
        }
        return "no such version";
    }

    static List<String> findingIds(Object doc) {
        return ((List<?>) at(doc, "findings")).stream().map(f -> (String) at(f, "id")).toList();
    }

    @Test
    void reportsTheConfiguredSuitesInTheServersOrder() {
        Object doc = scan(serverOrder);
        assertEquals(List.of("TLS 1.2"), versions(doc));
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"), suites(doc, "TLS 1.2"));
        assertEquals("server", order(doc, "TLS 1.2"));
        assertTrue(findingIds(doc).contains("no-tls13"), findingIds(doc).toString());
        assertEquals(Boolean.TRUE, at(doc, "certificate", "trusted"));
        assertEquals(Boolean.TRUE, at(doc, "certificate", "hostnameMatches"));
        assertEquals("handshake", at(doc, "certificate", "source"));
        assertTrue(((Number) at(doc, "wallMs")).longValue() >= 0);
    }

    @Test
    void followsTheServersOrderWhenItIsReversed() {
        Object doc = scan(serverOrderReversed);
        assertEquals(List.of("ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-GCM-SHA256"), suites(doc, "TLS 1.2"));
        assertEquals("server", order(doc, "TLS 1.2"));
    }

    @Test
    void saysWhenTheServerHonoursTheClientsOrder() {
        Object doc = scan(clientOrder);
        // the client's order: registry order (0xC02F before 0xCCA8), whatever -cipher says
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"), suites(doc, "TLS 1.2"));
        assertEquals("client", order(doc, "TLS 1.2"));
    }

    @Test
    void noTls13ServerHasOnlyTls12AndTheFindingSaysSo() {
        Object doc = scan(noTls13);
        // OpenSSL 3.0 at its default security level 1 refuses TLS 1.0 and 1.1 (with internal_error)
        assertEquals(List.of("TLS 1.2"), versions(doc));
        assertTrue(findingIds(doc).contains("no-tls13"));
        assertFalse(suites(doc, "TLS 1.2").isEmpty());
        assertEquals(Boolean.TRUE, at(doc, "features", "secureRenegotiation"));
        assertEquals(Boolean.TRUE, at(doc, "features", "extendedMasterSecret"));
        List<?> sigs = (List<?>) at(doc, "signatureSchemes", "schemes");
        assertEquals("TLS 1.2", at(doc, "signatureSchemes", "version"));
        assertTrue(sigs.contains("rsa_pkcs1_sha256") && sigs.contains("rsa_pss_rsae_sha256"), sigs.toString());
        assertFalse(sigs.contains("rsa_pkcs1_sha1"), "SECLEVEL 1 refuses SHA-1 signatures: " + sigs);
        assertFalse(sigs.contains("ecdsa_secp256r1_sha256"), "an RSA key cannot make ECDSA signatures: " + sigs);
    }

    @Test
    void aTls13OnlyServerSignsWithRsaPssAlone() {
        Object doc = scan(tls13Only);
        assertEquals(List.of("TLS 1.3"), versions(doc));
        // an RSA key signs TLS 1.3 handshakes with RSA-PSS only (RFC 8446 section 4.2.3)
        assertEquals("TLS 1.3", at(doc, "signatureSchemes", "version"));
        assertEquals(List.of("rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512"),
                at(doc, "signatureSchemes", "schemes"));
        assertNull(at(doc, "features", "fallbackScsv"), "one version: nothing to fall back to");
        List<String> ids = findingIds(doc);
        assertFalse(ids.contains("no-tls13") || ids.contains("no-secure-renegotiation"), ids.toString());
    }

    @Test
    void reportsExactlyTheConfiguredGroups() {
        Object doc = scan(groups);
        assertEquals(List.of("TLS 1.2", "TLS 1.3"), versions(doc));
        assertEquals(List.of("secp384r1", "x25519"), at(doc, "groups", "tls13"));
        assertEquals(List.of("secp384r1", "x25519"), at(doc, "groups", "ecdhe"));
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"),
                suites(doc, "TLS 1.3"));
        assertTrue(findingIds(doc).contains("no-post-quantum"));
        assertEquals("TLS 1.2", at(doc, "signatureSchemes", "version"), "1.2 when there: its ServerKeyExchange says");
        assertEquals(Boolean.TRUE, at(doc, "features", "fallbackScsv"), "OpenSSL refuses TLS_FALLBACK_SCSV on 1.2");
        assertFalse(findingIds(doc).contains("no-tls13"));
    }

    /**
     * A TLS 1.2 server with an ECDSA (P-256) certificate needs that curve among the client's groups (RFC 8422
     * section 5.1), so a curve offered alone is refused although the server uses it. The scan's ECDHE groups must be
     * the curves {@code openssl s_client} sees in the ServerKeyExchange ("Server Temp Key") offering each before
     * P-256, not P-256 alone (as sslscan says of this server).
     */
    @Test
    void ecdsaServersCurvesAreTheOnesOpenSslSeesOfferedBeforeTheCertificatesCurve() throws Exception {
        java.util.Set<String> openssl = new java.util.TreeSet<>();
        Pattern tempKey = Pattern.compile("Server Temp Key: (?:ECDH, )?([^,]+),");
        for (String group : List.of("P-256", "P-384", "P-521", "X25519", "X448")) {
            String offer = group.equals("P-256") ? group : group + ":P-256";
            Interop.Result r = Interop.run(dir, new byte[0], Duration.ofSeconds(10), "openssl", "s_client",
                    "-connect", "127.0.0.1:" + ecdsa, "-tls1_2", "-groups", offer);
            java.util.regex.Matcher m = tempKey.matcher(r.output());
            assertTrue(m.find(), offer + ": " + r.output());
            openssl.add(dev.tlskit.engine.wire.NamedGroup.named(m.group(1)).ianaName());
        }
        assertEquals(5, openssl.size(), "openssl used each curve it offered first: " + openssl);
        Object doc = scan(ecdsa);
        assertEquals(openssl, new java.util.TreeSet<>((List<?>) at(doc, "groups", "ecdhe")));
    }

    @Test
    void oldVersionsAndWeakSuitesAreFindings() {
        Object doc = scan(legacy);
        assertEquals(List.of("TLS 1.0"), versions(doc));
        List<String> ids = findingIds(doc);
        assertTrue(ids.containsAll(List.of("tls10-enabled", "anonymous-suites", "no-forward-secrecy", "no-tls13")),
                ids.toString());
        assertTrue(suites(doc, "TLS 1.0").contains("ADH-AES128-SHA"), suites(doc, "TLS 1.0").toString());
        // the engine (SunJSSE) refuses TLS 1.0: the certificate comes from the plaintext Certificate message
        assertEquals("plaintext", at(doc, "certificate", "source"));
    }

    @Test
    void dhUnder2048BitsIsAFinding() {
        Object doc = scan(weakDh);
        assertEquals(1024, ((Number) at(doc, "groups", "dhBits")).intValue());
        assertEquals(List.of("DHE-RSA-AES128-GCM-SHA256"), suites(doc, "TLS 1.2"));
        assertTrue(findingIds(doc).contains("weak-dh"));
    }

    /**
     * The same server through {@code sslscan --xml=-}: versions, suites per version and groups per version must
     * agree (as sets: sslscan lists suites in its own order). Not compared, on purpose: sslscan's
     * {@code <renegotiation>} (it renegotiates for real; tlskit reports RFC 5746 support from the ServerHello) and
     * its certificate block. sslscan offers only the suites its OpenSSL knows, tlskit the whole IANA registry:
     * against an OpenSSL server, which cannot pick a suite OpenSSL lacks, the lists agree.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"serverOrder", "noTls13", "groups", "legacy", "weakDh"})
    void agreesWithSslscan(String server) throws Exception {
        Interop.requireBinary("sslscan");
        int port = switch (server) {
            case "serverOrder" -> serverOrder;
            case "noTls13" -> noTls13;
            case "groups" -> groups;
            case "legacy" -> legacy;
            default -> weakDh;
        };
        Interop.Result xml = Interop.run(dir, null, Duration.ofSeconds(30), "sslscan", "--no-colour", "--xml=-",
                "127.0.0.1:" + port);
        String x = xml.output();
        java.util.Set<String> sslscanVersions = new java.util.TreeSet<>();
        java.util.regex.Matcher m = Pattern.compile("<protocol type=\"(\\w+)\" version=\"([\\d.]+)\" enabled=\"1\"")
                .matcher(x);
        while (m.find()) {
            sslscanVersions.add((m.group(1).equals("ssl") ? "SSL " + m.group(2) + ".0" : "TLS " + m.group(2)));
        }
        java.util.Set<String> sslscanSuites = new java.util.TreeSet<>();
        m = Pattern.compile("<cipher status=\"\\w+\" sslversion=\"(\\w+)v([\\d.]+)\"[^>]* id=\"0x([0-9A-Fa-f]{4})\"")
                .matcher(x);
        while (m.find()) {
            sslscanSuites.add(m.group(1).replace("SSL", "SSL ").replace("TLS", "TLS ") + m.group(2) + " 0x"
                    + m.group(3).toUpperCase(java.util.Locale.ROOT));
        }
        java.util.Set<String> sslscanGroups = new java.util.TreeSet<>();
        m = Pattern.compile("<group sslversion=\"TLSv([\\d.]+)\"[^>]* id=\"0x([0-9A-Fa-f]{4})\"").matcher(x);
        while (m.find()) {
            sslscanGroups.add((m.group(1).equals("1.3") ? "tls13 " : "ecdhe ") + m.group(2).toLowerCase(java.util.Locale.ROOT));
        }

        assertFalse(sslscanVersions.isEmpty() || sslscanSuites.isEmpty(), "sslscan found nothing:\n" + x);
        Object doc = scan(port);
        assertEquals(sslscanVersions, new java.util.TreeSet<>(versions(doc)), "versions; sslscan said:\n" + x);
        java.util.Set<String> ours = new java.util.TreeSet<>();
        for (Object v : (List<?>) at(doc, "cipherSuites")) {
            for (Object s : (List<?>) at(v, "suites")) {
                ours.add(at(v, "version") + " " + at(s, "code"));
            }
        }
        assertEquals(sslscanSuites, ours, "suites; sslscan said:\n" + x);
        java.util.Set<String> ourGroups = new java.util.TreeSet<>();
        for (String kind : List.of("tls13", "ecdhe")) {
            for (Object g : (List<?>) at(doc, "groups", kind)) {
                ourGroups.add(kind + " " + String.format("%04x",
                        dev.tlskit.engine.wire.NamedGroup.named((String) g).code()));
            }
        }
        assertEquals(sslscanGroups, ourGroups, "groups; sslscan said:\n" + x);
    }

    @Test
    void failOnExitsFiveAtOrAboveTheSeverity() {
        String ca = dir.resolve("ca.pem").toString();
        Run critical = tlskit("scan", "127.0.0.1:" + legacy, "-A", ca, "--fail-on", "critical");
        assertEquals(5, critical.exitCode(), critical.describe());
        assertTrue(critical.out().contains("critical"), critical.out());
        Run high = tlskit("scan", "127.0.0.1:" + serverOrder, "-A", ca, "--fail-on", "high");
        assertEquals(0, high.exitCode(), high.describe());
        Run bad = tlskit("scan", "127.0.0.1:" + serverOrder, "--fail-on", "severe");
        assertEquals(2, bad.exitCode(), bad.describe());
        assertTrue(bad.err().startsWith("tlskit: error: --fail-on severe"), bad.err());
    }

    @Test
    void textReportIsGroupedBySection() {
        Run r = tlskit("scan", "127.0.0.1:" + groups, "-A", dir.resolve("ca.pem").toString());
        assertEquals(0, r.exitCode(), r.describe());
        String out = r.out();
        int at = -1;
        for (String section : List.of("Versions", "Cipher suites", "Groups", "Features", "Certificate", "Findings")) {
            int i = out.indexOf("\n" + section + "\n");
            assertTrue(i > at, section + " missing or out of order:\n" + out);
            at = i;
        }
        assertTrue(out.contains("TLS 1.3: SECP384R1, X25519"), out);
        assertFalse(out.contains("\u001b["), "no colour without a TTY");
        assertTrue(out.matches("(?s)Scan of 127\\.0\\.0\\.1:\\d+ \\(127\\.0\\.0\\.1\\): \\d+ probes in \\d+ ms\n.*"), out);
    }

    @Test
    void targetsFromAFileComeOutInInputOrderWithTheWorstExitCode() throws Exception {
        int nobody = Interop.freePort();
        Path list = dir.resolve("targets.txt");
        Files.writeString(list, "# three targets\n127.0.0.1:" + groups + "\n\n127.0.0.1:" + nobody + "\n127.0.0.1:"
                + serverOrder + "\n", StandardCharsets.UTF_8);
        Run r = tlskit("scan", "--targets", list.toString(), "--json", "-A", dir.resolve("ca.pem").toString());
        assertEquals(1, r.exitCode(), r.describe());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        List<Object> docs = new ArrayList<>();
        for (String l : lines) {
            docs.add(Interop.parseJson(l));
        }
        assertEquals("127.0.0.1:" + groups, at(docs.get(0), "target"));
        assertEquals("127.0.0.1:" + nobody, at(docs.get(1), "target"));
        assertEquals("127.0.0.1:" + serverOrder, at(docs.get(2), "target"));
        assertTrue(((String) at(docs.get(1), "error")).contains("refused"), r.out());
        assertNull(((Map<?, ?>) docs.get(0)).get("error"));
        assertEquals(List.of("TLS 1.2"), versions(docs.get(2)));
        assertTrue(r.err().contains("tlskit: error: scan 127.0.0.1:" + nobody + ": connection refused"), r.err());
    }
}
