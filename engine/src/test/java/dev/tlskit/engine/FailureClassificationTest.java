package dev.tlskit.engine;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.certs.Identity;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.Verification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tlskit.certs.HeldCertificate;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a connection fails ends in a TlsException of the right kind, with a message that says why. */
class FailureClassificationTest {

    /** The server side's failure, unwrapped from its future (null if the server side succeeded). */
    private static TlsException serverFailure(CompletableFuture<?> served) throws Exception {
        try {
            served.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return assertInstanceOf(TlsException.class, e.getCause(), "server side threw " + e.getCause());
        }
    }

    private static String lower(Throwable t) {
        return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    }

    /** Runs a server with {@code serverConfig} and connects {@code clientConfig} to localhost: both failures. */
    private static TlsException[] handshakeFails(TlsConfig serverConfig, TlsConfig clientConfig, String host)
            throws Exception {
        TlsContext server = TlsContext.create(serverConfig);
        TlsContext client = TlsContext.create(clientConfig);
        try (Loopback loop = new Loopback()) {
            CompletableFuture<Object> served = loop.serve(server, c -> c.read(new byte[1], 0, 1));
            TlsException clientSide = assertThrows(TlsException.class, () -> {
                try (TlsConnection c = TlsConnection.connect(client, host, loop.port(), IpFamily.IPV4)) {
                    // In TLS 1.3 a client finishes before the server has judged it; the verdict comes with a read.
                    c.read(new byte[1], 0, 1);
                }
            });
            return new TlsException[] {clientSide, serverFailure(served)};
        }
    }

    private static Instant now() {
        return Instant.now();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void rejectsUntrustedServerChain(TlsProvider provider) throws Exception {
        HeldCertificate otherCa = TestPki.newCa();
        HeldCertificate leaf = TestPki.localhostLeaf(otherCa);

        TlsException[] e = handshakeFails(TestPki.serverWith(provider, leaf, otherCa.certificate()).build(),
                TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build(), "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), e[0].getMessage());
        assertTrue(lower(e[0]).contains("untrusted"), e[0].getMessage());
        assertEquals(TlsException.Kind.VERIFICATION, e[1].kind(), "server hears the client's alert: " + e[1].getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void rejectsServerCertificateForAnotherHost(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("other.example").serverAuth().signedBy(ca).build();

        for (String host : List.of("localhost", "127.0.0.1")) {
            TlsException[] e = handshakeFails(TestPki.serverWith(provider, leaf).build(),
                    TlsConfig.forClient().provider(provider).trustAnchors(List.of(ca.certificate())).build(), host);

            assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), host + ": " + e[0].getMessage());
            assertTrue(lower(e[0]).contains("hostname mismatch"), host + ": " + e[0].getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void rejectsExpiredServerCertificate(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = TestPki.localhostLeaf(ca, now().minus(Duration.ofDays(30)), now().minus(Duration.ofDays(1)));

        TlsException[] e = handshakeFails(TestPki.serverWith(provider, leaf).build(),
                TlsConfig.forClient().provider(provider).trustAnchors(List.of(ca.certificate())).build(), "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), e[0].getMessage());
        assertTrue(lower(e[0]).contains("expired"), e[0].getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void rejectsServerCertificateNotYetValid(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = TestPki.localhostLeaf(ca, now().plus(Duration.ofDays(1)), now().plus(Duration.ofDays(30)));

        TlsException[] e = handshakeFails(TestPki.serverWith(provider, leaf).build(),
                TlsConfig.forClient().provider(provider).trustAnchors(List.of(ca.certificate())).build(), "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), e[0].getMessage());
        assertTrue(lower(e[0]).contains("not yet valid"), e[0].getMessage());
    }

    static Stream<Arguments> providerPairsAndVersions() {
        List<Arguments> all = new ArrayList<>();
        for (TlsProvider c : TlsProvider.values()) {
            for (TlsProvider s : TlsProvider.values()) {
                for (TlsVersion v : TlsVersion.values()) {
                    all.add(Arguments.of(c, s, v));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("providerPairsAndVersions")
    @Timeout(20)
    void rejectsClientWithoutCertificateWhenServerNeedsOne(TlsProvider clientProvider, TlsProvider serverProvider,
            TlsVersion version) throws Exception {
        TlsException[] e = handshakeFails(TestPki.server(serverProvider, version, ClientAuth.NEED).build(),
                TestPki.anonymousClient(clientProvider, version).build(), "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[1].kind(), "server: " + e[1].getMessage());
        assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), "client: " + e[0].getMessage());
        // jdk servers send bad_certificate (1.2 and 1.3), bc servers certificate_required (1.3) or a bare
        // handshake_failure (1.2): either way the client is told it was about its certificate.
        // Whose certificate: the client is told the server asked for one and it sent none; the server that the
        // client sent none.
        assertTrue(e[0].getMessage().startsWith("the server asked for a client certificate and none was sent"),
                "client: " + e[0].getMessage());
        assertTrue(e[1].getMessage().startsWith("no certificate from the client: it sent"),
                "server: " + e[1].getMessage());
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("providerPairsAndVersions")
    @Timeout(20)
    void clientWhoseCertificateTheServerRejectsIsToldWhichOne(TlsProvider clientProvider,
            TlsProvider serverProvider, TlsVersion version) throws Exception {
        // The server trusts a CA that did not issue the demo client certificate.
        Identity id = DemoMaterial.server();
        TlsConfig server = TlsConfig.forServer(id.privateKey(), id.chain()).provider(serverProvider)
                .versions(Set.of(version)).trustAnchors(List.of(TestPki.newCa().certificate()))
                .clientAuth(ClientAuth.NEED).build();
        TlsException[] e = handshakeFails(server, TestPki.client(clientProvider, version).build(), "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[0].kind(), "client: " + e[0].getMessage());
        String subject = DemoMaterial.client().chain().get(0).getSubjectX500Principal().getName();
        // JSSE sends a certificate only if its issuer is one the server named; then the server refuses none sent.
        assertTrue(e[0].getMessage().contains(subject), "client: " + e[0].getMessage());
        assertTrue(e[0].getMessage().startsWith("the server"), "client: " + e[0].getMessage());
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("providerPairsAndVersions")
    @Timeout(20)
    void serverWhoseCertificateTheClientRejectsSaysItWasOurs(TlsProvider clientProvider,
            TlsProvider serverProvider, TlsVersion version) throws Exception {
        TlsConfig client = TlsConfig.forClient().provider(clientProvider).versions(Set.of(version))
                .trustAnchors(List.of(TestPki.newCa().certificate())).build();
        TlsException[] e = handshakeFails(TestPki.server(serverProvider, version, ClientAuth.NONE).build(), client,
                "localhost");

        assertEquals(TlsException.Kind.VERIFICATION, e[1].kind(), "server: " + e[1].getMessage());
        assertTrue(e[1].getMessage().startsWith("the client rejected our certificate: alert "),
                "server: " + e[1].getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void failsWithoutCommonVersion(TlsProvider provider) throws Exception {
        TlsException[] e = handshakeFails(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build(),
                TestPki.anonymousClient(provider, TlsVersion.TLS_1_2).build(), "localhost");

        assertEquals(TlsException.Kind.HANDSHAKE, e[0].kind(), e[0].getMessage());
        assertEquals(TlsException.Kind.HANDSHAKE, e[1].kind(), e[1].getMessage());
        assertTrue(lower(e[0]).contains("protocol_version") || lower(e[0]).contains("version"), e[0].getMessage());
    }

    // boringssl cannot choose TLS 1.3 suites: BoringProviderTest checks that such a list is refused.
    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "BC"})
    @Timeout(20)
    void failsWithoutCommonCipherSuite(TlsProvider provider) throws Exception {
        TlsException[] e = handshakeFails(
                TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE)
                        .cipherSuites(List.of("TLS_AES_256_GCM_SHA384")).build(),
                TestPki.anonymousClient(provider, TlsVersion.TLS_1_3)
                        .cipherSuites(List.of("TLS_AES_128_GCM_SHA256")).build(), "localhost");

        assertEquals(TlsException.Kind.HANDSHAKE, e[0].kind(), e[0].getMessage());
        assertEquals(TlsException.Kind.HANDSHAKE, e[1].kind(), e[1].getMessage());
        assertTrue(lower(e[0]).contains("handshake_failure") || lower(e[0]).contains("cipher"), e[0].getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void clientFailsWhenServerDoesNotSpeakTls(TlsProvider provider) throws Exception {
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            loop.serveRaw(s -> {
                s.getInputStream().read(new byte[512]);
                s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(UTF_8));
                s.getOutputStream().flush();
                s.shutdownOutput();
                s.getInputStream().readAllBytes();
                return null;
            });
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4));

            assertEquals(TlsException.Kind.HANDSHAKE, e.kind(), e.getMessage());
            assertTrue(lower(e).contains("does not speak tls"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void serverFailsWhenClientDoesNotSpeakTls(TlsProvider provider) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        try (Loopback loop = new Loopback();
                java.net.Socket raw = new java.net.Socket(InetAddress.getByName("127.0.0.1"), loop.port())) {
            CompletableFuture<Object> served = loop.serve(server, c -> c.read(new byte[1], 0, 1));
            raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(UTF_8));
            raw.shutdownOutput();

            TlsException e = serverFailure(served);

            assertEquals(TlsException.Kind.HANDSHAKE, e.kind(), e.getMessage());
            assertTrue(lower(e).contains("does not speak tls"), e.getMessage());
        }
    }

    @Test
    @Timeout(20)
    void refusedConnectionIsANetworkFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TlsContext client = TlsContext.create(TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).build());

        TlsException e = assertThrows(TlsException.class,
                () -> TlsConnection.connect(client, "127.0.0.1", port, IpFamily.ANY));

        assertEquals(TlsException.Kind.NETWORK, e.kind(), e.getMessage());
        assertTrue(lower(e).contains("refused"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void silentPeerTimesOutTheHandshake(TlsProvider provider) throws Exception {
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3)
                .handshakeTimeout(Duration.ofMillis(300)).build());
        CountDownLatch clientDone = new CountDownLatch(1);
        try (Loopback loop = new Loopback()) {
            // Accepts, reads the ClientHello, says nothing until the client has given up.
            CompletableFuture<Integer> silent = loop.serveRaw(s -> {
                InputStream in = s.getInputStream();
                int n = in.read(new byte[4096]);
                clientDone.await(10, TimeUnit.SECONDS);
                return n;
            });
            TlsException e;
            try {
                e = assertThrows(TlsException.class,
                        () -> TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4));
            } finally {
                clientDone.countDown();
            }

            assertEquals(TlsException.Kind.NETWORK, e.kind(), e.getMessage());
            assertTrue(lower(e).contains("timed out"), e.getMessage());
            assertTrue(silent.get(10, TimeUnit.SECONDS) > 0, "the client did send its hello");
        }
    }

    @Test
    @Timeout(20)
    void unknownHostIsANetworkFailure() throws Exception {
        TlsContext client = TlsContext.create(TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).build());

        TlsException e = assertThrows(TlsException.class,
                () -> TlsConnection.connect(client, "no-such-host.invalid", 443, IpFamily.ANY));

        assertEquals(TlsException.Kind.NETWORK, e.kind(), e.getMessage());
        assertTrue(lower(e).contains("no-such-host.invalid"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void insecureClientAcceptsUntrustedChainAndSaysSo(TlsProvider provider) throws Exception {
        HeldCertificate selfSigned = HeldCertificate.builder().addDnsName("other.example").serverAuth().build();
        TlsContext server = TlsContext.create(TestPki.serverWith(provider, selfSigned).build());
        TlsContext client = TlsContext.create(TlsConfig.forClient().provider(provider).insecure()
                .versions(Set.of(TlsVersion.TLS_1_3)).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<String> served = loop.serve(server, c -> Reads.text(c::read, 2));
            try (TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4)) {
                c.write("ok".getBytes(UTF_8));
                assertEquals(Verification.SKIPPED, c.summary().verification());
                assertFalse(c.summary().hostnameVerified());
                assertEquals(selfSigned.certificate(), c.summary().peerChain().get(0));
            }
            assertEquals("ok", served.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void refusesAServerThatAsksForClientCertificatesWithoutAnchors() {
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("localhost").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsConfig.forServer(leaf.keyPair().getPrivate(), List.of(leaf.certificate()))
                        .clientAuth(ClientAuth.NEED).build());
        assertTrue(e.getMessage().contains("trust anchors"), e.getMessage());
        if (e.getMessage().isEmpty()) {
            fail();
        }
    }
}
