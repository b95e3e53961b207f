package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.KeyLog;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The boringssl provider against itself and the other two, client and server, over loopback: versions, suites,
 * groups (X25519MLKEM768 by default), SNI, ALPN, client authentication, verification, resumption and the key log.
 */
class BoringProviderTest {
    private static final TlsProvider B = TlsProvider.BORINGSSL;

    /** Every client × server pair with boringssl on at least one side, for both versions. */
    static Stream<Arguments> pairsWithBoring() {
        List<Arguments> pairs = new ArrayList<>();
        for (TlsProvider c : TlsProvider.values()) {
            for (TlsProvider s : TlsProvider.values()) {
                if (c == B || s == B) {
                    for (TlsVersion v : TlsVersion.values()) {
                        pairs.add(Arguments.of(c, s, v));
                    }
                }
            }
        }
        return pairs.stream();
    }

    /** One exchange: the client says hello, the server answers; both summaries, client first. */
    static HandshakeSummary[] exchange(TlsContext server, TlsContext client, String host) throws Exception {
        try (Loopback loop = new Loopback()) {
            return exchange(loop, server, client, host);
        }
    }

    static HandshakeSummary[] exchange(Loopback loop, TlsContext server, TlsContext client, String host)
            throws Exception {
        CompletableFuture<HandshakeSummary> served = loop.serve(server, c -> {
            assertEquals("hello wolfssl!", Reads.text(c::read, 14));
            c.write("I hear you fa shizzle!".getBytes(UTF_8));
            while (c.read(new byte[16], 0, 16) >= 0) {
                // until the client's close_notify
            }
            return c.summary();
        });
        HandshakeSummary clientSummary;
        try (TlsConnection c = TlsConnection.connect(client, host, loop.port(), IpFamily.IPV4)) {
            c.write("hello wolfssl!".getBytes(UTF_8));
            assertEquals("I hear you fa shizzle!", Reads.text(c::read, 22));
            clientSummary = c.summary();
        }
        return new HandshakeSummary[] {clientSummary, served.get(10, TimeUnit.SECONDS)};
    }

    private static TlsContext ctx(TlsConfig.Builder b) {
        return TlsContext.create(b.build());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("pairsWithBoring")
    @Timeout(30)
    void mutuallyAuthenticatedHandshakeAndDataAcrossProviders(TlsProvider client, TlsProvider server,
            TlsVersion version) throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(server, version, ClientAuth.NEED)),
                ctx(TestPki.client(client, version)), "localhost");
        for (HandshakeSummary side : s) {
            assertEquals(version.jsseName(), side.protocol());
            assertEquals(Verification.VERIFIED, side.verification());
            assertFalse(side.peerChain().isEmpty());
        }
        assertEquals(B, (client == B ? s[0] : s[1]).provider());
        assertEquals(s[0].cipherSuite(), s[1].cipherSuite());
        assertEquals(s[0].group(), s[1].group());
        assertEquals(DemoMaterial.client().chain().get(0), s[1].peerChain().get(0));
        assertEquals("localhost", s[1].serverName(), "SNI as the server saw it");
        assertTrue(s[0].hostnameVerified());
    }

    @Test
    @Timeout(30)
    void boringPairSpeaksX25519MlKem768ByDefault() throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(B, TlsVersion.TLS_1_3, ClientAuth.NONE)),
                ctx(TestPki.client(B, TlsVersion.TLS_1_3)), "localhost");
        assertEquals("X25519MLKEM768", s[0].group());
        assertEquals("X25519MLKEM768", s[1].group());
        assertFalse(s[0].helloRetried(), "a key share for the hybrid goes in the first ClientHello");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"BORINGSSL, BC", "BC, BORINGSSL"})
    @Timeout(30)
    void hybridGroupAgainstBouncyCastle(TlsProvider client, TlsProvider server) throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(server, TlsVersion.TLS_1_3, ClientAuth.NONE)),
                ctx(TestPki.client(client, TlsVersion.TLS_1_3)), "localhost");
        assertEquals("X25519MLKEM768", s[0].group());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"secp384r1, SECP384R1", "x25519, X25519", "P-256, SECP256R1", "X25519MLKEM768, X25519MLKEM768"})
    @Timeout(30)
    void configuredGroupIsTheOneNegotiated(String group, String shown) throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(B, TlsVersion.TLS_1_3, ClientAuth.NONE)),
                ctx(TestPki.client(B, TlsVersion.TLS_1_3).namedGroups(List.of(group))), "localhost");
        assertEquals(shown, s[0].group());
        assertEquals(shown, s[1].group());
    }

    @Test
    void groupBoringSslLacksIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ctx(TestPki.client(B, TlsVersion.TLS_1_3).namedGroups(List.of("ffdhe2048"))));
        assertTrue(e.getMessage().contains("ffdhe2048"), e.getMessage());
        assertTrue(e.getMessage().contains("boringssl"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "TLS_1_2, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_1_2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_1_2, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"})
    @Timeout(30)
    void configuredTls12SuiteIsTheOneNegotiatedInBothDirections(TlsVersion version, String suite) throws Exception {
        HandshakeSummary[] asClient = exchange(ctx(TestPki.server(TlsProvider.JDK, version, ClientAuth.NONE)),
                ctx(TestPki.client(B, version).cipherSuites(List.of(suite))), "localhost");
        assertEquals(suite, asClient[0].cipherSuite());
        HandshakeSummary[] asServer = exchange(
                ctx(TestPki.server(B, version, ClientAuth.NONE).cipherSuites(List.of(suite))),
                ctx(TestPki.client(TlsProvider.JDK, version)), "localhost");
        assertEquals(suite, asServer[1].cipherSuite());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    @Timeout(30)
    void tls13SuiteTheJdkClientAsksForIsTheOneBoringSslServes(String suite) throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(B, TlsVersion.TLS_1_3, ClientAuth.NONE)),
                ctx(TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3).cipherSuites(List.of(suite))), "localhost");
        assertEquals(suite, s[0].cipherSuite());
        assertEquals(suite, s[1].cipherSuite());
    }

    @Test
    @Timeout(30)
    void alpnAgreesOnTheServersChoice() throws Exception {
        HandshakeSummary[] s = exchange(
                ctx(TestPki.server(B, TlsVersion.TLS_1_3, ClientAuth.NONE).applicationProtocols(List.of("http/1.1"))),
                ctx(TestPki.client(B, TlsVersion.TLS_1_3).applicationProtocols(List.of("h2", "http/1.1"))),
                "localhost");
        assertEquals("http/1.1", s[0].applicationProtocol());
        assertEquals("http/1.1", s[1].applicationProtocol());
    }

    @Test
    @Timeout(30)
    void noAlpnWithoutAskingForIt() throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(B, TlsVersion.TLS_1_3, ClientAuth.NONE)),
                ctx(TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3)), "localhost");
        assertNull(s[0].applicationProtocol());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLS_1_2", "TLS_1_3"})
    @Timeout(30)
    void serverThatWantsAClientCertificateTakesAClientWithout(TlsVersion version) throws Exception {
        HandshakeSummary[] s = exchange(ctx(TestPki.server(B, version, ClientAuth.WANT)),
                ctx(TestPki.anonymousClient(TlsProvider.JDK, version)), "localhost");
        assertTrue(s[1].peerChain().isEmpty());
        assertEquals(Verification.NO_PEER_CERTIFICATE, s[1].verification());
        if (version == TlsVersion.TLS_1_2) {
            assertTrue(s[0].certificateRequestSeen(), "plaintext in 1.2");
        }
    }

    @Test
    @Timeout(30)
    void serverThatNeedsAClientCertificateRefusesAClientWithout() throws Exception {
        TlsContext server = ctx(TestPki.server(B, TlsVersion.TLS_1_2, ClientAuth.NEED));
        TlsContext client = ctx(TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_2));
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, TlsConnection::summary);
            assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4).close());
            ExecutionException e = assertThrows(ExecutionException.class, () -> served.get(10, TimeUnit.SECONDS));
            TlsException failure = (TlsException) e.getCause();
            assertEquals(TlsException.Kind.VERIFICATION, failure.kind(), failure.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void clientRejectsACertificateForAnotherNameThroughTlskitsCheck() throws Exception {
        TlsContext server = ctx(TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE));
        TlsContext client = ctx(TestPki.client(B, TlsVersion.TLS_1_3).serverName("example.org"));
        try (Loopback loop = new Loopback()) {
            loop.serve(server, TlsConnection::summary);
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4));
            assertEquals(TlsException.Kind.VERIFICATION, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("example.org"), e.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void clientRejectsAnUntrustedServer() throws Exception {
        TlsContext server = ctx(TestPki.serverWith(TlsProvider.JDK, TestPki.localhostLeaf(TestPki.newCa())));
        TlsContext client = ctx(TestPki.client(B, TlsVersion.TLS_1_3));
        try (Loopback loop = new Loopback()) {
            loop.serve(server, TlsConnection::summary);
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4));
            assertEquals(TlsException.Kind.VERIFICATION, e.kind(), e.getMessage());
            assertFalse(e.peerChain().isEmpty(), "the rejected chain, for --show-certs");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({"BORINGSSL, BORINGSSL, TLS_1_3", "BORINGSSL, BORINGSSL, TLS_1_2", "BORINGSSL, JDK, TLS_1_3",
        "BORINGSSL, JDK, TLS_1_2", "JDK, BORINGSSL, TLS_1_3", "JDK, BORINGSSL, TLS_1_2"})
    @Timeout(30)
    void resumesOnTheSecondConnection(TlsProvider client, TlsProvider server, TlsVersion version) throws Exception {
        TlsContext serverContext = ctx(TestPki.server(server, version, ClientAuth.NEED));
        TlsContext clientContext = ctx(TestPki.client(client, version));
        try (Loopback loop = new Loopback()) {
            HandshakeSummary[] first = exchange(loop, serverContext, clientContext, "localhost");
            HandshakeSummary[] second = exchange(loop, serverContext, clientContext, "localhost");
            assertFalse(first[0].resumed());
            assertTrue(second[0].resumed(), "client, second connection");
            assertTrue(second[1].resumed(), "server, second connection");
            assertEquals(first[0].peerChain().get(0), second[0].peerChain().get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLS_1_3, CLIENT_HANDSHAKE_TRAFFIC_SECRET:SERVER_HANDSHAKE_TRAFFIC_SECRET:CLIENT_TRAFFIC_SECRET_0:"
            + "SERVER_TRAFFIC_SECRET_0", "TLS_1_2, CLIENT_RANDOM"})
    @Timeout(30)
    void keyLogsOfBothSidesHoldTheSameSecrets(TlsVersion version, String labels, @TempDir Path dir)
            throws Exception {
        KeyLog clientLog = KeyLog.open(dir.resolve("client.keys"));
        KeyLog serverLog = KeyLog.open(dir.resolve("server.keys"));
        exchange(ctx(TestPki.server(B, version, ClientAuth.NONE).keyLog(serverLog)),
                ctx(TestPki.client(B, version).keyLog(clientLog)), "localhost");
        List<String> client = Files.readAllLines(dir.resolve("client.keys"), US_ASCII);
        List<String> server = Files.readAllLines(dir.resolve("server.keys"), US_ASCII);
        assertEquals(Set.copyOf(client), Set.copyOf(server));
        Set<String> seen = client.stream().map(l -> l.split(" ")[0]).collect(Collectors.toSet());
        for (String label : labels.split(":")) {
            assertTrue(seen.contains(label), label + " in " + seen);
        }
        for (String line : client) {
            assertTrue(line.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{96}|[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64}"), line);
        }
    }

    @Test
    void tls13SuiteListIsRefusedNamingTheSuite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ctx(TestPki.client(B, TlsVersion.TLS_1_3).cipherSuites(List.of("TLS_AES_256_GCM_SHA384"))));
        assertTrue(e.getMessage().startsWith("cipher suite TLS_AES_256_GCM_SHA384: the boringssl provider cannot"
                + " choose TLS 1.3 suites"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void tls12SuitesAloneMeanTls12() throws Exception {
        TlsConfig.Builder client = TlsConfig.forClient().provider(B).trustAnchors(List.of(DemoMaterial.ca()))
                .cipherSuites(List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        HandshakeSummary[] s = exchange(ctx(TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE)
                .versions(Set.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3))), ctx(client), "localhost");
        assertEquals("TLSv1.2", s[0].protocol());
    }

    @Test
    void dtlsOnBoringSslIsRefusedInOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPki.client(B, TlsVersion.TLS_1_2).dtls().build());
        assertEquals("DTLS needs the jdk provider (tlskit runs the boringssl provider for TLS only)", e.getMessage());
    }
}
