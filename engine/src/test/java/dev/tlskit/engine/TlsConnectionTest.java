package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.certs.DemoMaterial;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.Verification;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Real handshakes over loopback sockets. */
class TlsConnectionTest {

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("dev.tlskit.engine.TestPki#providerMatrix")
    @Timeout(20)
    void completesMutualAuthHandshakeAndExchangesMessages(TlsProvider clientProvider, TlsProvider serverProvider,
            TlsVersion version) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(serverProvider, version, ClientAuth.NEED).build());
        TlsContext client = TlsContext.create(TestPki.client(clientProvider, version).serverName("localhost").build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, c -> {
                assertEquals("hello wolfssl!", Reads.text(c::read, 14));
                c.write("I hear you fa shizzle!".getBytes(UTF_8));
                return c.summary();
            });
            HandshakeSummary clientSummary;
            try (TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4)) {
                clientSummary = c.summary();
                c.write("hello wolfssl!".getBytes(UTF_8));
                assertEquals("I hear you fa shizzle!", Reads.text(c::read, 22));
            }
            HandshakeSummary serverSummary = served.get(10, TimeUnit.SECONDS);

            for (HandshakeSummary s : List.of(clientSummary, serverSummary)) {
                assertEquals(version.jsseName(), s.protocol());
                assertTrue(s.cipherSuite().startsWith("TLS_"), s.cipherSuite());
                assertNotNull(s.group(), "group");
                assertEquals(Verification.VERIFIED, s.verification());
                assertEquals("localhost", s.serverName());
                assertFalse(s.resumed());
                assertFalse(s.records().isEmpty());
            }
            assertEquals(clientSummary.cipherSuite(), serverSummary.cipherSuite());
            assertEquals(clientSummary.group(), serverSummary.group());
            assertEquals(clientProvider, clientSummary.provider());
            assertEquals(serverProvider, serverSummary.provider());
            assertEquals(DemoMaterial.server().leaf().getSubjectX500Principal(),
                    clientSummary.peerChain().get(0).getSubjectX500Principal());
            assertEquals(DemoMaterial.client().leaf().getSubjectX500Principal(),
                    serverSummary.peerChain().get(0).getSubjectX500Principal());
            assertEquals(DemoMaterial.client().leaf(), clientSummary.localChain().get(0));
            assertTrue(clientSummary.hostnameVerified());
            assertFalse(serverSummary.hostnameVerified());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void reportsTheSniNameActuallySent(TlsProvider provider) throws Exception {
        // Connecting by IP literal, nothing configured: no SNI goes out, and neither side claims one.
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, TlsConnection::summary);
            try (TlsConnection c = TlsConnection.connect(client, "127.0.0.1", loop.port(), IpFamily.ANY)) {
                assertNull(c.summary().serverName());
                assertEquals(Verification.VERIFIED, c.summary().verification());
            }
            HandshakeSummary s = served.get(10, TimeUnit.SECONDS);
            assertNull(s.serverName());
            assertEquals(Verification.NO_PEER_CERTIFICATE, s.verification());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(20)
    void clientAndServerAgreeOnTheSniNameByDefault(TlsProvider provider) throws Exception {
        // Connecting to "localhost" with no SNI configured: whatever the provider sends, both summaries say the same.
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<HandshakeSummary> served = loop.serve(server, TlsConnection::summary);
            String sent;
            try (TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4)) {
                sent = c.summary().serverName();
            }
            assertEquals(sent, served.get(10, TimeUnit.SECONDS).serverName());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    @Timeout(30)
    void readerWaitingDoesNotBlockWriterOnTheSameConnection(TlsProvider provider) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3).build());
        byte[] payload = new byte[1 << 20];
        new Random(42).nextBytes(payload);
        try (Loopback loop = new Loopback()) {
            // The server echoes everything back until the client closes.
            CompletableFuture<Integer> echoed = loop.serve(server, c -> {
                byte[] buf = new byte[16 * 1024];
                int total = 0;
                int n;
                while ((n = c.read(buf, 0, buf.length)) > 0) {
                    c.write(buf, 0, n);
                    total += n;
                }
                return total;
            });
            try (TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4)) {
                // The reader starts first and sits in read() with nothing to read yet.
                CompletableFuture<byte[]> reader = loop.async(() -> {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    while (got.size() < payload.length) {
                        int n = c.read(buf, 0, buf.length);
                        if (n < 0) {
                            break;
                        }
                        got.write(buf, 0, n);
                    }
                    return got.toByteArray();
                });
                // 1 MB through an echo: more than the socket buffers hold, so the writer only finishes if the
                // reader drains at the same time.
                for (int off = 0; off < payload.length; off += 16 * 1024) {
                    c.write(payload, off, 16 * 1024);
                }
                assertArrayEquals(payload, reader.get(20, TimeUnit.SECONDS));
            }
            assertEquals(payload.length, echoed.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    @Timeout(20)
    void peerReadsEndOfStreamAfterCloseNotify(TlsProvider provider, TlsVersion version) throws Exception {
        try (Loopback loop = new Loopback()) {
            Ends ends = connect(loop, provider, version);
            TlsConnection c = ends.client();
            try (TlsConnection s = ends.server()) {
                c.write("bye".getBytes(UTF_8));
                CompletableFuture<Void> closing = loop.async(() -> {
                    c.close();
                    return null;
                });
                assertEquals("bye", Reads.text(s::read, 3));
                assertEquals(-1, s.read(new byte[10], 0, 10));
                assertTrue(s.peerClosed());
                assertFalse(s.truncated(), "a close_notify arrived: not a truncation");
                s.close();
                closing.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    @Timeout(20)
    void flagsTruncationWhenThePeerJustClosesTcp(TlsProvider provider, TlsVersion version) throws Exception {
        try (Loopback loop = new Loopback()) {
            Ends ends = connect(loop, provider, version);
            TlsConnection c = ends.client();
            try (TlsConnection s = ends.server()) {
                c.write("partial".getBytes(UTF_8));
                c.abort();
                assertEquals("partial", Reads.text(s::read, 7));
                assertEquals(-1, s.read(new byte[10], 0, 10));
                assertTrue(s.truncated(), "no close_notify came before the end of the stream");
            }
        }
    }

    @Test
    @Timeout(20)
    void streamsCarryBytesAndCloseTheConnection() throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<String> served = loop.serve(server, c -> new String(c.inputStream().readAllBytes(), UTF_8));
            TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4);
            try (var out = c.outputStream()) {
                out.write('a');
                out.write("bc".getBytes(UTF_8));
            }
            assertEquals("abc", served.get(10, TimeUnit.SECONDS));
            assertEquals(-1, c.read(new byte[1], 0, 1), "reads after close() end the stream");
        }
    }

    /** Both ends of one connection, open: a client that sends no certificate and a server that asks for none. */
    private record Ends(TlsConnection client, TlsConnection server) {}

    private static Ends connect(Loopback loop, TlsProvider provider, TlsVersion version) throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, version, ClientAuth.NONE).build());
        TlsContext client = TlsContext.create(TestPki.anonymousClient(provider, version).build());
        CompletableFuture<TlsConnection> accepted = loop.accept(server);
        TlsConnection c = TlsConnection.connect(client, "localhost", loop.port(), IpFamily.IPV4);
        return new Ends(c, accepted.get(10, TimeUnit.SECONDS));
    }

    static Stream<Arguments> providersAndVersions() {
        List<Arguments> all = new ArrayList<>();
        for (TlsProvider p : TlsProvider.values()) {
            for (TlsVersion v : TlsVersion.values()) {
                all.add(Arguments.of(p, v));
            }
        }
        return all.stream();
    }
}
