package dev.tlskit.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.cli.interop.Interop;
import dev.tlskit.cli.interop.Interop.Background;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile clients, differential: the same raw bytes ({@link HostileCases}) go to {@code openssl s_server} and to
 * tlskit's servers, and tlskit's answer (the first alert, the ServerHello, closing, silence) must be OpenSSL's,
 * except where {@link KnownDifferences} says otherwise (its second table on Java 25+). Each run writes the whole
 * table to {@code target/hostile-table.md}, and the README's rows for the known differences (OpenSSL's answers
 * filled in) to {@code target/hostile-readme-rows.md}.
 *
 * <p>Targets, each started once: {@value #OPENSSL_PROCESSES} {@code openssl s_server} processes (it serves one
 * connection at a time, and a silent case holds it for the whole read limit), {@code tlskit server -d} on the
 * {@code jdk}, the {@code bc} and the {@code boringssl} provider (the blocking transport) and {@code tlskit
 * echoserver} on {@code jdk} (the event loop). The tlskit servers run in-process with {@code -C N}, N the
 * connections this class makes, so they end by themselves (with {@code -i} an in-process server could not be
 * stopped; the serving loop is the same).
 * After every case, every target must still complete a real handshake.
 *
 * <p>Cases run before the handshake ends are raw bytes; the few after it ({@code tls13-*}/{@code tls12-*}
 * tampering, KeyUpdate) complete a real handshake with a SunJSSE client engine first ({@link EncryptedProbe}), and
 * those whose records JSSE does not write (zero-length application data, a plaintext over 2^14, an inner content
 * type 0, a one-byte alert) with Bouncy Castle's low-level client, whose keys protect records of our own
 * ({@link OwnRecordProbe}). The client-auth cases ({@code tls12-client-auth-*}) go to a second set of targets that
 * ask for a client certificate: {@code openssl s_server -Verify 1}, {@code tlskit server} without {@code -d} (jdk,
 * bc, boringssl) and {@code echoserver --client-auth need}, one lane each.
 */
class HostilePeerTest {

    static final int OPENSSL_PROCESSES = 4;
    private static final Duration LIMIT = Duration.ofSeconds(3);
    /** A tlskit server's line about one client: {@code tlskit: error: client 127.0.0.1:PORT: why}. */
    private static final Pattern LOGGED = Pattern.compile("client 127\\.0\\.0\\.1:(\\d+): (.*)");
    private static final List<String> TLSKIT_TARGETS = KnownDifferences.TARGETS;

    @TempDir
    static Path dir;

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static final List<Integer> opensslPorts = new ArrayList<>();
    private static final Map<String, Background> tlskit = new LinkedHashMap<>();
    /** The same targets asking for a client certificate ({@code server} without {@code -d}): the client-auth cases. */
    private static final Map<String, Background> clientAuthTlskit = new LinkedHashMap<>();
    /** case → target → answer. */
    private static final Map<String, Map<String, String>> answers = new ConcurrentHashMap<>();
    /** case → target → the local port of the probe, by which the tlskit servers name the client they log. */
    private static final Map<String, Map<String, Integer>> ports = new ConcurrentHashMap<>();
    /** target → survived (null) or why not. */
    private static final Map<String, String> survival = new ConcurrentHashMap<>();
    private static List<HostileCase> cases;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void attackEveryTarget() throws Exception {
        Interop.requireBinary("openssl");
        Interop.demo(dir);
        cases = HostileCases.all();
        List<HostileCase> plain = cases.stream().filter(c -> !c.clientAuth()).toList();
        List<HostileCase> withClientAuth = cases.stream().filter(HostileCase::clientAuth).toList();
        for (int i = 0; i < OPENSSL_PROCESSES; i++) {
            opensslPorts.add(startOpenSsl());
        }
        int opensslClientAuthPort = startOpenSsl("-Verify", "1", "-CAfile", "ca.pem");
        // warm-up handshake + every case + the survival handshake
        String connections = String.valueOf(plain.size() + 2);
        tlskit.put("jdk", Interop.tlskitInBackground("server", "-d", "-C", connections, "-p", "0",
                "--provider", "jdk"));
        tlskit.put("bc", Interop.tlskitInBackground("server", "-d", "-C", connections, "-p", "0",
                "--provider", "bc"));
        tlskit.put("echo", Interop.tlskitInBackground("echoserver", "-p", "0", "--provider", "jdk"));
        tlskit.put("boringssl", Interop.tlskitInBackground("server", "-d", "-C", connections, "-p", "0",
                "--provider", "boringssl"));
        String authConnections = String.valueOf(withClientAuth.size() + 2);
        clientAuthTlskit.put("jdk", Interop.tlskitInBackground("server", "-C", authConnections, "-p", "0",
                "--provider", "jdk"));
        clientAuthTlskit.put("bc", Interop.tlskitInBackground("server", "-C", authConnections, "-p", "0",
                "--provider", "bc"));
        clientAuthTlskit.put("echo", Interop.tlskitInBackground("echoserver", "--client-auth", "need", "-p", "0",
                "--provider", "jdk"));
        clientAuthTlskit.put("boringssl", Interop.tlskitInBackground("server", "-C", authConnections, "-p", "0",
                "--provider", "boringssl"));
        cleanup.addAll(tlskit.values());
        cleanup.addAll(clientAuthTlskit.values());
        for (Background b : tlskit.values()) {
            handshake(b.port(), false, null, null); // warm-up: the first TLS use of a provider loads a lot
        }
        for (Background b : clientAuthTlskit.values()) {
            handshake(b.port(), true, null, null);
        }

        ExecutorService pool = Executors.newFixedThreadPool(OPENSSL_PROCESSES + 1 + TLSKIT_TARGETS.size() * 5);
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int lane = 0; lane < OPENSSL_PROCESSES; lane++) {
                lanes.add(pool.submit(lane(plain, lane, OPENSSL_PROCESSES, "openssl", opensslPorts.get(lane))));
            }
            lanes.add(pool.submit(lane(withClientAuth, 0, 1, "openssl", opensslClientAuthPort)));
            for (String target : TLSKIT_TARGETS) {
                for (int lane = 0; lane < 4; lane++) {
                    lanes.add(pool.submit(lane(plain, lane, 4, target, tlskit.get(target).port())));
                }
                lanes.add(pool.submit(lane(withClientAuth, 0, 1, target, clientAuthTlskit.get(target).port())));
            }
            for (Future<?> f : lanes) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < opensslPorts.size(); i++) {
            survival.put("openssl #" + (i + 1), survives(opensslPorts.get(i), false, null, null));
        }
        survival.put("openssl -Verify", survives(opensslClientAuthPort, true, null, null));
        for (boolean auth : new boolean[] {false, true}) {
            Map<String, Background> servers = auth ? clientAuthTlskit : tlskit;
            String suffix = auth ? " asking for a client certificate" : "";
            survival.put("jdk" + suffix, survives(servers.get("jdk").port(), auth, "hello", "I hear you fa shizzle!"));
            survival.put("bc" + suffix, survives(servers.get("bc").port(), auth, "hello", "I hear you fa shizzle!"));
            survival.put("echo" + suffix, survives(servers.get("echo").port(), auth, "ping\n", "ping\n"));
            survival.put("boringssl" + suffix, survives(servers.get("boringssl").port(), auth, "hello",
                    "I hear you fa shizzle!"));
            quitEchoServer(servers.get("echo").port(), auth);
        }
        writeTable();
    }

    /** An {@code openssl s_server} on a free loopback port, with the demo server certificate; its port. */
    private static int startOpenSsl(String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-cert", "server.pem", "-key", "server.key"));
        all.addAll(List.of(options));
        return Interop.sServer(dir, cleanup, all);
    }

    private static Runnable lane(List<HostileCase> cases, int lane, int lanes, String target, int port) {
        return () -> {
            for (int i = lane; i < cases.size(); i += lanes) {
                HostileCase c = cases.get(i);
                Probe.Outcome o = Probe.run(port, c, LIMIT);
                answers.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>()).put(target, o.answer());
                ports.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>()).put(target, o.localPort());
            }
        };
    }

    @AfterAll
    static void stopTargets() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    static Stream<String> caseNames() {
        return HostileCases.all().stream().map(HostileCase::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void answersAsOpenSslDoes(String name) {
        Map<String, String> got = answers.get(name);
        String openssl = got.get("openssl");
        Map<String, String> known = KnownDifferences.forThisJdk().getOrDefault(name, Map.of());
        List<String> wrong = new ArrayList<>();
        for (String target : TLSKIT_TARGETS) {
            String cell = known.getOrDefault(target, "=");
            String expected = cell.equals("=") ? openssl : cell.replaceAll("\\s*\\[\\w+]$", "");
            String actual = got.get(target);
            if (!expected.equals(actual)) {
                wrong.add(target + ": expected <" + expected + "> but was <" + actual + ">"
                        + (actual.equals(openssl) ? " (OpenSSL's answer: set its cell to = in KnownDifferences)"
                                : ""));
            }
        }
        assertTrue(wrong.isEmpty(), name + " (OpenSSL: " + openssl + ")\n  " + String.join("\n  ", wrong));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void everyServerStillServesAfterEveryCase() {
        survival.forEach((target, why) -> assertEquals("ok", why, target + " no longer completes a handshake"));
        assertEquals(OPENSSL_PROCESSES + 1 + 2 * TLSKIT_TARGETS.size(), survival.size(), survival::toString);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void knownDifferencesNameRealCasesAndAreTheProvidersOrTheRfcs() {
        List<String> names = caseNames().toList();
        Map<String, Map<String, String>> both = new LinkedHashMap<>();
        both.putAll(KnownDifferences.parse(KnownDifferences.TABLE, TLSKIT_TARGETS));
        KnownDifferences.parse(KnownDifferences.ON_JAVA_25, KnownDifferences.SUNJSSE_TARGETS)
                .forEach((name, row) -> both.put(name + " (Java 25)", row));
        for (Map.Entry<String, Map<String, String>> row : both.entrySet()) {
            assertTrue(names.contains(row.getKey().replace(" (Java 25)", "")), "a known difference names no case: "
                    + row.getKey());
            for (String cell : row.getValue().values()) {
                // [tlskit] is no tag: a difference that is tlskit's own fault is fixed, not tabled
                assertTrue(cell.equals("=") || cell.matches(".+ \\[(provider|openssl)]"),
                        row.getKey() + ": a cell is = or an answer tagged [provider] or [openssl]: " + cell);
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void theReadmeListsTheKnownDifferencesAsTheTablesHere() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertEquals(readmeCells(KnownDifferences.parse(KnownDifferences.TABLE, TLSKIT_TARGETS)),
                documented(readme, "hostile-differences", TLSKIT_TARGETS.size()),
                "README.md's hostile-differences table differs from KnownDifferences.TABLE");
        assertEquals(readmeCells(KnownDifferences.parse(KnownDifferences.ON_JAVA_25, KnownDifferences.SUNJSSE_TARGETS)),
                documented(readme, "hostile-differences-java25", KnownDifferences.SUNJSSE_TARGETS.size()),
                "README.md's hostile-differences-java25 table differs from KnownDifferences.ON_JAVA_25");
    }

    /** case → target cells of the README table between {@code <!-- marker -->} lines (its OpenSSL column skipped). */
    private static Map<String, List<String>> documented(String readme, String marker, int targets) {
        int from = readme.indexOf("<!-- " + marker + " -->");
        int to = readme.indexOf("<!-- /" + marker + " -->");
        assertTrue(from >= 0 && to > from, "README.md has no " + marker + " table");
        Map<String, List<String>> documented = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([^`]+)` \\| [^|]*((?: \\| [^|]*){" + targets + "}) \\|");
        for (String line : readme.substring(from, to).lines().toList()) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                documented.put(m.group(1), Stream.of(m.group(2).substring(3).split(" \\| ", -1)).map(String::strip)
                        .toList());
            }
        }
        return documented;
    }

    /** The table's cells as the README writes them: (provider) and (RFC) for the tags. */
    private static Map<String, List<String>> readmeCells(Map<String, Map<String, String>> table) {
        Map<String, List<String>> here = new LinkedHashMap<>();
        table.forEach((name, row) -> here.put(name, row.values().stream().map(HostilePeerTest::readmeCell).toList()));
        return here;
    }

    private static String readmeCell(String cell) {
        return cell.replace(" [provider]", " (provider)").replace(" [openssl]", " (RFC)");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void theProbesWorkAgainstOpenSsl() {
        // Guards the probes: if these fail, the builder, the reader or the client engine is wrong, not the servers.
        Map<String, String> expected = Map.ofEntries(Map.entry("valid-tls13", "ServerHello TLS 1.3"),
                Map.entry("valid-tls12", "ServerHello TLS 1.2"),
                Map.entry("key_share-none-hrr-expected", "HelloRetryRequest"),
                Map.entry("tls12-application-data-mid-handshake", "fatal unexpected_message"),
                Map.entry("tls13-valid-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-key-update", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-flipped-tag-bit", "fatal bad_record_mac"),
                Map.entry("tls12-flipped-tag-bit", "fatal bad_record_mac"),
                // records of our own: the keys and sequence numbers are right, and a content type 0 is seen
                Map.entry("tls13-own-record-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls12-own-record-application-data", EncryptedProbe.CARRIES_ON),
                Map.entry("tls13-inner-content-type-0", "fatal unexpected_message"),
                // the client-auth targets ask for a certificate and check the signature
                Map.entry("tls12-client-auth-garbage-certificate-verify", "fatal decrypt_error"));
        expected.forEach((name, answer) -> assertEquals(answer, answers.get(name).get("openssl"), name));
    }

    // ------------------------------------------------------------------ output

    private static void writeTable() throws IOException {
        Map<String, Map<Integer, String>> logged = new LinkedHashMap<>();
        for (String t : TLSKIT_TARGETS) {
            Map<Integer, String> byPort = new LinkedHashMap<>();
            Matcher m = LOGGED.matcher(tlskit.get(t).err() + clientAuthTlskit.get(t).err());
            while (m.find()) {
                String why = m.group(2).strip().replaceAll("[\\p{Cntrl}|`]", "?");
                byPort.merge(Integer.parseInt(m.group(1)), why, (a, b) -> a + "; " + b);
            }
            logged.put(t, byPort);
        }
        StringBuilder md = new StringBuilder();
        md.append("Answers of each server to each case; **bold**: differs from OpenSSL; after the tlskit answer, the"
                + " error its server logged for that connection.\n\n");
        md.append("| case | OpenSSL | jdk | bc | echoserver (jdk) | boringssl |\n|---|---|---|---|---|---|\n");
        int[] differ = new int[TLSKIT_TARGETS.size()];
        for (HostileCase c : cases) {
            Map<String, String> a = answers.get(c.name());
            String openssl = a.get("openssl");
            md.append("| ").append(c.name()).append(" | ").append(openssl);
            for (int i = 0; i < TLSKIT_TARGETS.size(); i++) {
                String v = a.get(TLSKIT_TARGETS.get(i));
                boolean same = v.equals(openssl);
                differ[i] += same ? 0 : 1;
                md.append(" | ").append(same ? v : "**" + v + "**");
                String log = logged.get(TLSKIT_TARGETS.get(i)).get(ports.get(c.name()).get(TLSKIT_TARGETS.get(i)));
                if (log != null) {
                    md.append(" <br>`").append(log.length() > 90 ? log.substring(0, 90) + "..." : log).append('`');
                }
            }
            md.append(" |\n");
        }
        md.append("\n").append(cases.size()).append(" cases; differing from OpenSSL: jdk ").append(differ[0])
                .append(", bc ").append(differ[1]).append(", echoserver ").append(differ[2]).append(", boringssl ")
                .append(differ[3])
                .append(". Survival handshakes: ").append(survival).append('\n');
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("hostile-table.md"), md.toString());
        Files.writeString(target.resolve("hostile-readme-rows.md"), readmeRows(KnownDifferences.TABLE, TLSKIT_TARGETS)
                + "\n" + readmeRows(KnownDifferences.ON_JAVA_25, KnownDifferences.SUNJSSE_TARGETS));
        for (String t : TLSKIT_TARGETS) {
            Files.writeString(target.resolve("hostile-" + t + ".log"), tlskit.get(t).err());
            Files.writeString(target.resolve("hostile-" + t + "-client-auth.log"), clientAuthTlskit.get(t).err());
        }
    }

    /** The README's rows for a table of known differences, OpenSSL's answers as seen in this run. */
    private static String readmeRows(String table, List<String> targets) {
        Map<String, String> whys = KnownDifferences.whys(table);
        StringBuilder md = new StringBuilder();
        KnownDifferences.parse(table, targets).forEach((name, row) -> {
            md.append("| `").append(name).append("` | ").append(answers.get(name).get("openssl"));
            row.values().forEach(cell -> md.append(" | ").append(readmeCell(cell)));
            md.append(" | ").append(whys.get(name)).append(" |\n");
        });
        return md.toString();
    }

    // ------------------------------------------------------------------ real handshakes

    /** "ok" when a TLS 1.3 handshake with the server completes (and {@code request} gets {@code reply}). */
    private static String survives(int port, boolean clientCertificate, String request, String reply) {
        try {
            handshake(port, clientCertificate, request, reply);
            return "ok";
        } catch (IOException | RuntimeException | AssertionError e) {
            return e.toString();
        }
    }

    /**
     * A real TLS 1.3 handshake; with a request, its reply must follow. The server is not verified: the suite is
     * about the server's answers, not its name.
     */
    private static void handshake(int port, boolean clientCertificate, String request, String reply)
            throws IOException {
        try (SSLSocket s = connect(port, clientCertificate)) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            if (request != null) {
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] got = s.getInputStream().readNBytes(reply.length());
                assertEquals(reply, new String(got, StandardCharsets.US_ASCII), "reply on port " + port);
            }
        }
    }

    /** The echoserver ends on a 'quit' line from any client. */
    private static void quitEchoServer(int port, boolean clientCertificate) {
        try (SSLSocket s = connect(port, clientCertificate)) {
            s.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().read();
        } catch (IOException e) {
            // it went away as asked; AfterAll's close() tells if it did not
        }
    }

    /** A client context presenting the demo client certificate and trusting the demo CA. */
    private static SSLContext withClientCertificate() {
        try {
            char[] password = "hostile".toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(DemoMaterial.client().toKeyStore(password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("ca", DemoMaterial.ca());
            trust.init(anchors);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLSocket connect(int port, boolean clientCertificate) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress("127.0.0.1", port), (int) LIMIT.toMillis());
            raw.setSoTimeout((int) (2 * LIMIT.toMillis()));
            SSLContext context = clientCertificate ? withClientCertificate() : EncryptedProbe.insecure();
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(raw, "localhost", port, true);
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

}
