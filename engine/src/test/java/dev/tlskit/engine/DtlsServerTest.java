package dev.tlskit.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.DtlsServerSettings;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The multi-peer DTLS server as an echo server, with real clients and a raw socket posing as one. */
class DtlsServerTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    static DtlsServer echoServer(EchoHandler echo, String bind) throws Exception {
        TlsContext context = TlsContext.create(DtlsFixtures.server(ClientAuth.NEED).build());
        return DtlsServer.start(context, new InetSocketAddress(InetAddress.getByName(bind), 0),
                DtlsServerSettings.defaults(), echo);
    }

    @Test
    @Timeout(20)
    void echoes64KiBSplitToTheMtu() throws Exception {
        EchoHandler echo = new EchoHandler();
        try (DtlsServer server = echoServer(echo, "127.0.0.1")) {
            byte[] message = new byte[64 * 1024];
            new Random(8).nextBytes(message);
            TlsContext client = TlsContext.create(DtlsFixtures.client().build());
            try (DtlsConnection c = DtlsConnection.connect(client, "127.0.0.1", server.localAddress().getPort(),
                    IpFamily.IPV4)) {
                assertTrue(c.maxDatagramPayload() < TlsConfig.DEFAULT_MTU, "records fit the MTU");
                c.write(message);
                assertArrayEquals(message, Reads.upTo(c::read, message.length));
                assertEquals("DTLSv1.2", c.summary().protocol());
            }
        }
    }

    @Test
    @Timeout(30)
    void servesTwentyPeersAtOnceOverIpv6() throws Exception {
        EchoHandler echo = new EchoHandler();
        try (DtlsServer server = echoServer(echo, "::1")) {
            TlsContext client = TlsContext.create(DtlsFixtures.client().build());
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "peer " + i;
                all.add(CompletableFuture.supplyAsync(() -> {
                    try (DtlsConnection c = DtlsConnection.connect(client, "::1", server.localAddress().getPort(),
                            IpFamily.IPV6)) {
                        c.write(text.getBytes(UTF_8));
                        return new String(Reads.upTo(c::read, text.length()), UTF_8);
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, pool));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("peer " + i, all.get(i).get(25, TimeUnit.SECONDS));
            }
            assertEquals(20, echo.opened.get());
            assertEquals(20, server.stats().handshakes());
        }
    }

    @Test
    @Timeout(20)
    void answersClientHelloWithoutCookieWithHelloVerifyRequestAndKeepsNoSession() throws Exception {
        EchoHandler echo = new EchoHandler();
        try (DtlsServer server = echoServer(echo, "127.0.0.1");
                DatagramSocket raw = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] clientHello = firstClientHello();
            raw.setSoTimeout(5000);
            raw.send(new DatagramPacket(clientHello, clientHello.length, server.localAddress()));
            byte[] buf = new byte[2048];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            raw.receive(reply);
            assertEquals(22, buf[0], "a handshake record");
            assertEquals(3, buf[13], "HelloVerifyRequest");
            assertEquals(1, server.stats().helloVerifyRequests());
            assertEquals(0, server.stats().open());
            assertEquals(0, echo.opened.get() + echo.closed.get());
        }
    }

    /** What a DTLS client sends first: a ClientHello without a cookie, made by a real client engine. */
    static byte[] firstClientHello() throws Exception {
        TlsContext client = TlsContext.create(DtlsFixtures.client().build());
        SSLEngine engine = client.newEngine("localhost", 1);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(65_536);
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    @Test
    @Timeout(20)
    void handshakeSurvivesALostFirstFlight() throws Exception {
        EchoHandler echo = new EchoHandler();
        try (DtlsServer server = echoServer(echo, "127.0.0.1");
                LossyRelay relay = new LossyRelay(server.localAddress(), (fromClient, index, d) -> index == 0)) {
            exchangeThrough(relay);
            assertTrue(relay.dropped() >= 2, "dropped " + relay.dropped());
        }
    }

    @Test
    @Timeout(20)
    void handshakeSurvivesLosingEveryThirdDatagram() throws Exception {
        EchoHandler echo = new EchoHandler();
        AtomicInteger all = new AtomicInteger();
        try (DtlsServer server = echoServer(echo, "127.0.0.1");
                LossyRelay relay = new LossyRelay(server.localAddress(), (fromClient, index, d) -> {
                    int n = all.getAndIncrement();
                    return n < 40 && n % 3 == 2;
                })) {
            exchangeThrough(relay);
            assertTrue(relay.dropped() >= 2, "dropped " + relay.dropped());
        }
    }

    @Test
    @Timeout(20)
    void handshakeSurvivesALostFinishedFlightFromTheServer() throws Exception {
        EchoHandler echo = new EchoHandler();
        AtomicInteger finishedDropped = new AtomicInteger();
        // The first copy of the server's ChangeCipherSpec/Finished: SunJSSE sends its last flight twice at once, and
        // the second copy completes the client's handshake.
        try (DtlsServer server = echoServer(echo, "127.0.0.1");
                LossyRelay relay = new LossyRelay(server.localAddress(), (fromClient, index, d) ->
                        !fromClient && (d[0] == 20 || d[0] == 22 && d[4] != 0)
                                && finishedDropped.getAndIncrement() < 2)) {
            exchangeThrough(relay);
            assertTrue(relay.dropped() >= 1, "dropped " + relay.dropped());
        }
    }

    @Test
    @Timeout(20)
    void handshakeSurvivesLosingBothCopiesOfTheServersFinished() throws Exception {
        EchoHandler echo = new EchoHandler();
        AtomicInteger finishedDropped = new AtomicInteger();
        // Both copies of the server's Finished (the only handshake record of epoch 1 it sends): the client resends
        // its last flight, and the server, whose handshake is already over, must resend its own (SunJSSE does not).
        try (DtlsServer server = echoServer(echo, "127.0.0.1");
                LossyRelay relay = new LossyRelay(server.localAddress(), (fromClient, index, d) ->
                        !fromClient && d[0] == 22 && d[4] != 0 && finishedDropped.getAndIncrement() < 2)) {
            exchangeThrough(relay);
            assertEquals(2, relay.dropped(), "dropped " + relay.dropped());
        }
    }

    private static void exchangeThrough(LossyRelay relay) throws Exception {
        TlsContext client = TlsContext.create(DtlsFixtures.client().build());
        try (DtlsConnection c = DtlsConnection.connect(client, "127.0.0.1", relay.port(), IpFamily.IPV4)) {
            assertEquals("DTLSv1.2", c.summary().protocol());
            // Application data may be lost too after the handshake: resend until the echo comes back.
            c.readTimeout(java.time.Duration.ofMillis(500));
            for (int attempt = 0; ; attempt++) {
                c.write("ping".getBytes(UTF_8));
                try {
                    assertEquals("ping", new String(Reads.upTo(c::read, 4), UTF_8));
                    return;
                } catch (TlsException lost) {
                    if (attempt == 10) {
                        throw lost;
                    }
                }
            }
        }
    }
}
