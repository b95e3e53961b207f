package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.HeldCertificate;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The SNI name a client sends is the name it verifies, and a server given one name refuses every other. */
class ServerNameTest {

    /** The server's handshake summary (or its failure) for one connection from {@code client} to {@code host}. */
    private static CompletableFuture<HandshakeSummary> serveOnce(Loopback loop, TlsContext server) {
        return loop.serve(server, TlsConnection::summary);
    }

    private static TlsException serverFailure(CompletableFuture<?> served) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> served.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(TlsException.class, e.getCause(), "server side threw " + e.getCause());
    }

    private static TlsConfig.Builder trustingClient(TlsProvider provider, HeldCertificate ca) {
        return TlsConfig.forClient().provider(provider).trustAnchors(List.of(ca.certificate()));
    }

    /** A client sending {@code sni} to {@code host} fails to verify a server with {@code leaf}: its failure. */
    private static TlsException verificationFailure(TlsProvider provider, HeldCertificate ca, HeldCertificate leaf,
            String sni, String host) throws Exception {
        TlsContext server = TlsContext.create(TestPki.serverWith(provider, leaf).build());
        TlsContext client = TlsContext.create(trustingClient(provider, ca).serverName(sni).build());
        try (Loopback loop = new Loopback()) {
            loop.serve(server, TlsConnection::summary);
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, host, loop.port(), IpFamily.IPV4).close());
            assertEquals(TlsException.Kind.VERIFICATION, e.kind(), e.getMessage());
            return e;
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void verifiesTheSniNameNotTheHost(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = TestPki.localhostLeaf(ca); // localhost, 127.0.0.1
        TlsException e = verificationFailure(provider, ca, leaf, "example.org", "127.0.0.1");
        assertTrue(e.getMessage().contains("certificate names localhost, 127.0.0.1; none matches example.org"),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void namesTheSniNameWhenNeitherMatches(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("example.org").serverAuth().signedBy(ca).build();
        TlsException e = verificationFailure(provider, ca, leaf, "foo.test", "localhost");
        assertTrue(e.getMessage().contains("certificate names example.org; none matches foo.test"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void acceptsACertificateForTheSniNameAtAnIpAddress(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        HeldCertificate leaf = HeldCertificate.builder().addDnsName("*.example.org").serverAuth().signedBy(ca).build();
        TlsContext server = TlsContext.create(TestPki.serverWith(provider, leaf).build());
        TlsContext client = TlsContext.create(trustingClient(provider, ca).serverName("www.example.org").build());

        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = serveOnce(loop, server);
            try (TlsConnection c = TlsConnection.connect(client, "127.0.0.1", loop.port(), IpFamily.IPV4)) {
                assertTrue(c.summary().hostnameVerified());
                assertEquals("www.example.org", c.summary().serverName());
            }
            assertEquals("www.example.org", served.get(10, TimeUnit.SECONDS).serverName());
        }
    }

    /** Each provider connecting to a dotless host name (it sends that name) and to an IP literal (no SNI). */
    static Stream<Arguments> hostsAndTheSniTheServerSees() {
        return Arrays.stream(TlsProvider.values()).flatMap(provider -> Stream.of(
                Arguments.of(provider, "localhost", "localhost"), Arguments.of(provider, "127.0.0.1", null)));
    }

    @ParameterizedTest(name = "{0}: {1} sends SNI {2}")
    @MethodSource("hostsAndTheSniTheServerSees")
    @Timeout(20)
    void sendsSniForADotlessHostNameAndNoneForAnIpLiteral(TlsProvider provider, String host, String sni)
            throws Exception {
        HeldCertificate ca = TestPki.newCa();
        TlsContext server = TlsContext.create(TestPki.serverWith(provider, TestPki.localhostLeaf(ca)).build());
        TlsContext client = TlsContext.create(trustingClient(provider, ca).build());

        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = serveOnce(loop, server);
            TlsConnection.connect(client, host, loop.port(), IpFamily.IPV4).close();

            assertEquals(sni, served.get(10, TimeUnit.SECONDS).serverName());
        }
    }

    /** A server that accepts only other.test, on the localhost certificate. */
    private static TlsContext otherTestServer(TlsProvider provider, HeldCertificate ca) {
        return TlsContext.create(TestPki.serverWith(provider, TestPki.localhostLeaf(ca)).serverName("other.test")
                .build());
    }

    /** What the client and the one-shot server threw when a client connecting to {@code host} was refused. */
    private record Refusal(TlsException client, TlsException server) {}

    private static Refusal refusedByAnOtherTestServer(TlsProvider provider, String host) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        TlsContext server = otherTestServer(provider, ca);
        TlsContext client = TlsContext.create(trustingClient(provider, ca).build());

        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = serveOnce(loop, server);
            TlsException e = assertThrows(TlsException.class,
                    () -> TlsConnection.connect(client, host, loop.port(), IpFamily.IPV4).close());
            assertTrue(e.getMessage().contains("unrecognized_name"), e.getMessage());
            return new Refusal(e, serverFailure(served));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void serverWithOneNameRefusesAClientThatSendsNone(TlsProvider provider) throws Exception {
        Refusal r = refusedByAnOtherTestServer(provider, "127.0.0.1");

        assertEquals(TlsException.Kind.HANDSHAKE, r.client().kind(), r.client().getMessage());
        assertTrue(r.server().getMessage().contains("sent no server name (SNI); this server accepts only other.test"),
                r.server().getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void serverWithOneNameRefusesAnotherName(TlsProvider provider) throws Exception {
        refusedByAnOtherTestServer(provider, "localhost");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void eventLoopServerWithOneNameRefusesAClientThatSendsNone(TlsProvider provider) throws Exception {
        HeldCertificate ca = TestPki.newCa();
        TlsContext server = otherTestServer(provider, ca);
        TlsContext client = TlsContext.create(trustingClient(provider, ca).build());
        CompletableFuture<TlsException> refused = new CompletableFuture<>();
        SessionHandler handler = new SessionHandler() {
            @Override
            public void received(Session session, java.nio.ByteBuffer data) {}

            @Override
            public void closed(Session session, TlsException failure) {
                refused.complete(failure);
            }
        };

        try (EventLoopServer loop = EventLoopServer.start(server,
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                EventLoopSettings.defaults(), handler)) {
            TlsException e = assertThrows(TlsException.class, () -> TlsConnection.connect(client, "127.0.0.1",
                    loop.localAddress().getPort(), IpFamily.IPV4).close());

            assertTrue(e.getMessage().contains("unrecognized_name"), e.getMessage());
            TlsException onServer = refused.get(10, TimeUnit.SECONDS);
            assertTrue(onServer != null && onServer.getMessage().contains("sent no server name (SNI); this server accepts only other.test"),
                    String.valueOf(onServer));
        }
    }
}
