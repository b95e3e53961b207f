package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.Verification;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DTLS 1.2 between the blocking client and the one-peer server, over loopback UDP. */
class DtlsConnectionTest {
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dtls-test-server");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    static TlsContext dtlsServer() {
        return TlsContext.create(DtlsFixtures.server(ClientAuth.NEED).build());
    }

    static TlsContext dtlsClient() {
        return TlsContext.create(DtlsFixtures.client().build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    @Timeout(20)
    void completesMutualAuthHandshakeAndExchangesMessages(String loopback) throws Exception {
        TlsContext server = dtlsServer();
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(loopback), 0));
        CompletableFuture<HandshakeSummary> served = CompletableFuture.supplyAsync(() -> {
            try (DtlsConnection c = DtlsConnection.accept(server, socket)) {
                assertEquals("hello wolfssl!", Reads.text(c::read, 14));
                c.write("I hear you fa shizzle!".getBytes(UTF_8));
                return c.summary();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, pool);
        HandshakeSummary clientSummary;
        try (DtlsConnection c = DtlsConnection.connect(dtlsClient(), loopback, socket.getLocalPort(), IpFamily.ANY)) {
            clientSummary = c.summary();
            c.write("hello wolfssl!".getBytes(UTF_8));
            assertEquals("I hear you fa shizzle!", Reads.text(c::read, 22));
        }
        HandshakeSummary serverSummary = served.get(10, TimeUnit.SECONDS);
        for (HandshakeSummary s : List.of(clientSummary, serverSummary)) {
            assertEquals("DTLSv1.2", s.protocol());
            assertTrue(s.cipherSuite().startsWith("TLS_"), s.cipherSuite());
            assertNotNull(s.group(), "group");
            assertEquals(Verification.VERIFIED, s.verification());
            assertFalse(s.peerChain().isEmpty(), "peer chain");
            assertTrue(s.records().stream().anyMatch(r -> r.messages().contains("Server Key Exchange")),
                    s.records()::toString);
        }
        assertEquals("CN=localhost", clientSummary.peerChain().get(0).getSubjectX500Principal().getName()
                .replaceAll(",.*", ""));
        assertTrue(clientSummary.records().stream().anyMatch(r -> r.messages().contains("Hello Verify Request")),
                clientSummary.records()::toString);
    }

    @Test
    @Timeout(20)
    void unreachablePeerFailsWithNetworkErrorWithinTheTimeout() throws Exception {
        int port;
        try (DatagramSocket nobody = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = nobody.getLocalPort();
        }
        TlsContext client = TlsContext.create(DtlsFixtures.client().handshakeTimeout(Duration.ofSeconds(2)).build());
        long start = System.nanoTime();
        TlsException e = assertThrows(TlsException.class,
                () -> DtlsConnection.connect(client, "127.0.0.1", port, IpFamily.IPV4));
        assertEquals(TlsException.Kind.NETWORK, e.kind(), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "gave up in time");
    }

    @Test
    @Timeout(20)
    void silentPeerFailsWithTimeoutAfterRetransmitting() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            TlsContext client = TlsContext.create(DtlsFixtures.client().handshakeTimeout(Duration.ofSeconds(1))
                    .build());
            TlsException e = assertThrows(TlsException.class,
                    () -> DtlsConnection.connect(client, "127.0.0.1", silent.getLocalPort(), IpFamily.IPV4));
            assertEquals(TlsException.Kind.NETWORK, e.kind());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            int clientHellos = 0;
            silent.setSoTimeout(200);
            byte[] buf = new byte[2048];
            try {
                while (true) {
                    silent.receive(new java.net.DatagramPacket(buf, buf.length));
                    clientHellos++;
                }
            } catch (java.net.SocketTimeoutException drained) {
                // all datagrams read
            }
            assertTrue(clientHellos >= 2, "the ClientHello was resent: " + clientHellos);
        }
    }

    @Test
    void refusesDtlsOnBouncyCastle() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DtlsFixtures.client().provider(TlsProvider.BC).build());
        assertEquals("DTLS needs the jdk provider (Bouncy Castle's JSSE has no DTLS)", e.getMessage());
    }

    @Test
    void refusesTls13WithDtlsAndMtuOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> DtlsFixtures.client().versions(java.util.Set.of(TlsVersion.TLS_1_3)).build());
        assertThrows(IllegalArgumentException.class, () -> DtlsFixtures.client().mtu(100));
        assertThrows(IllegalArgumentException.class, () -> DtlsFixtures.client().mtu(70_000));
        assertEquals(TlsConfig.DEFAULT_MTU, DtlsFixtures.client().build().mtu());
    }
}
