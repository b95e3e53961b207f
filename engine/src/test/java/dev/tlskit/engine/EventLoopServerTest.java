package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.HandshakeSummary;
import dev.tlskit.engine.model.IpFamily;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The event-loop server: many connections on few threads, hostile peers, limits, timeouts, shutdown. */
@Timeout(120)
class EventLoopServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static EventLoopServer start(TlsProvider provider, EventLoopSettings settings,
            SessionHandler handler) throws IOException {
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        return EventLoopServer.start(server, LOOPBACK, settings, handler);
    }

    private static TlsContext client(TlsProvider provider, Duration readTimeout) {
        return TlsContext.create(TestPki.anonymousClient(provider, TlsVersion.TLS_1_3)
                .handshakeTimeout(Duration.ofSeconds(20)).readTimeout(readTimeout).build());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void echoesEveryByteInOrderForManyConcurrentClientsOnBoundedThreads(TlsProvider provider) throws Exception {
        int clients = provider == TlsProvider.JDK ? 200 : 50;
        int messages = 100;
        EventLoopSettings settings = new EventLoopSettings(2, 10_000, Duration.ofSeconds(30), null);
        EchoHandler echo = new EchoHandler();
        try (EventLoopServer server = start(provider, settings, echo)) {
            int port = server.localAddress().getPort();
            TlsContext ctx = client(provider, Duration.ofSeconds(30));
            ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
            AtomicInteger maxServerThreads = new AtomicInteger();
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    long seed = i;
                    results.add(pool.submit(() -> {
                        try (TlsConnection c = TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY)) {
                            maxServerThreads.accumulateAndGet(server.threadCount(), Math::max);
                            return echoRandomMessages(c, new Random(seed), messages, pool);
                        }
                    }));
                }
                long total = 0;
                for (Future<Long> r : results) {
                    total += r.get(100, TimeUnit.SECONDS);
                }
                assertTrue(total > 0);
                assertEquals(clients, echo.opened.get());
                assertTrue(server.stats().bytesIn() >= total, "the server counted what it read");
                // Two loops and at most two handshake workers: no thread per connection.
                assertTrue(maxServerThreads.get() <= 4, "server threads: " + maxServerThreads.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Sends {@code n} messages of log-uniform random sizes (1 B .. 64 KiB) from a writer thread while this thread
     * reads the echo, and checks every byte in order. Returns the bytes sent.
     */
    private static long echoRandomMessages(TlsConnection c, Random random, int n, ExecutorService pool)
            throws Exception {
        List<byte[]> sent = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < n; i++) {
            int size = Math.max(1, (int) Math.round(Math.pow(2, random.nextDouble() * 16)));
            byte[] m = new byte[Math.min(size, 65536)];
            random.nextBytes(m);
            sent.add(m);
            total += m.length;
        }
        Future<?> writer = pool.submit(() -> {
            for (byte[] m : sent) {
                c.write(m);
            }
            return null;
        });
        for (byte[] m : sent) {
            byte[] back = new byte[m.length];
            int got = 0;
            while (got < back.length) {
                int r = c.read(back, got, back.length - got);
                assertTrue(r > 0, "echo ended early");
                got += r;
            }
            assertArrayEquals(m, back);
        }
        writer.get(30, TimeUnit.SECONDS);
        return total;
    }

    @Test
    void hostilePeersAreClosedWhileAHealthyClientKeepsEchoing() throws Exception {
        EventLoopSettings settings = new EventLoopSettings(2, 10_000, Duration.ofMillis(1500), null);
        EchoHandler echo = new EchoHandler();
        int garbage = 100;
        int truncated = 100;
        int slow = 50;
        int silent = 100;
        int hostile = garbage + truncated + slow + silent;
        echo.closedLatch = new CountDownLatch(hostile);
        long fdsBefore = openFileDescriptors();
        try (EventLoopServer server = start(TlsProvider.JDK, settings, echo)) {
            int port = server.localAddress().getPort();
            // The healthy client: every round trip must finish within 3 s, all through the attack.
            TlsContext ctx = client(TlsProvider.JDK, Duration.ofSeconds(3));
            AtomicBoolean attackOver = new AtomicBoolean();
            AtomicLong roundTrips = new AtomicLong();
            CompletableFuture<Void> healthy = CompletableFuture.runAsync(() -> {
                try (TlsConnection c = TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY)) {
                    byte[] ping = "ping\n".getBytes();
                    byte[] back = new byte[ping.length];
                    while (!attackOver.get() || roundTrips.get() < 10) {
                        c.write(ping);
                        int got = 0;
                        while (got < back.length) {
                            got += c.read(back, got, back.length - got);
                        }
                        assertArrayEquals(ping, back);
                        roundTrips.incrementAndGet();
                    }
                } catch (TlsException e) {
                    throw new AssertionError("the healthy client stalled or failed: " + e.getMessage(), e);
                }
            });
            List<Socket> sockets = new ArrayList<>();
            Random random = new Random(42);
            byte[] clientHelloStart = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};
            try {
                for (int i = 0; i < garbage; i++) {
                    byte[] junk = new byte[64];
                    random.nextBytes(junk);
                    junk[0] = 0x47; // never a valid record type
                    sockets.add(rawConnect(port, junk));
                }
                for (int i = 0; i < truncated; i++) {
                    sockets.add(rawConnect(port, clientHelloStart));
                }
                for (int i = 0; i < silent; i++) {
                    sockets.add(rawConnect(port, new byte[0]));
                }
                List<Socket> slowSockets = new ArrayList<>();
                for (int i = 0; i < slow; i++) {
                    slowSockets.add(rawConnect(port, new byte[0]));
                }
                sockets.addAll(slowSockets);
                // Slowloris: one byte of a ClientHello at a time, slower than the handshake timeout allows.
                for (int b = 0; b < clientHelloStart.length && echo.closedLatch.getCount() > 0; b++) {
                    for (Socket s : slowSockets) {
                        try {
                            s.getOutputStream().write(clientHelloStart[b]);
                        } catch (IOException closedAlready) {
                            // The server gave up on it: that is the point.
                        }
                    }
                    echo.closedLatch.await(400, TimeUnit.MILLISECONDS); // pacing the attack, not synchronising
                }
                assertTrue(echo.closedLatch.await(30, TimeUnit.SECONDS),
                        "every hostile connection is closed; left: " + echo.closedLatch.getCount());
                assertEquals(hostile, echo.failed.get());
                assertEquals(1, server.stats().open(), "only the healthy connection is left open");
                for (Socket s : sockets) {
                    assertEndsSoon(s);
                }
            } finally {
                attackOver.set(true);
                for (Socket s : sockets) {
                    s.close();
                }
            }
            healthy.get(30, TimeUnit.SECONDS);
            assertTrue(roundTrips.get() >= 10);
            assertTrue(server.threadCount() <= 4, "threads: " + server.threadCount());
        }
        long fdsAfter = openFileDescriptors();
        if (fdsBefore >= 0) {
            assertTrue(fdsAfter <= fdsBefore + 20, "file descriptors before " + fdsBefore + ", after " + fdsAfter);
        }
    }

    private static Socket rawConnect(int port, byte[] first) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        if (first.length > 0) {
            OutputStream out = s.getOutputStream();
            out.write(first);
            out.flush();
        }
        return s;
    }

    /** The server ended this connection: reads reach end of stream (after an alert, maybe) or a reset. */
    private static void assertEndsSoon(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] sink = new byte[1024];
        try {
            while (in.read(sink) >= 0) {
                // an alert record, then end of stream
            }
        } catch (java.net.SocketException reset) {
            // Also an end.
        }
    }

    private static long openFileDescriptors() {
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            return list.count();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    @Test
    void gracefulShutdownSendsCloseNotifyToEveryPeer() throws Exception {
        EchoHandler echo = new EchoHandler();
        EventLoopServer server = start(TlsProvider.JDK, EventLoopSettings.defaults(), echo);
        int port = server.localAddress().getPort();
        TlsContext ctx = client(TlsProvider.JDK, Duration.ofSeconds(10));
        List<TlsConnection> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TlsConnection c = TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY);
            c.write("x".getBytes());
            assertEquals('x', c.read(new byte[1], 0, 1) == 1 ? 'x' : '?');
            clients.add(c);
        }
        server.close();
        for (TlsConnection c : clients) {
            assertEquals(-1, c.read(new byte[16], 0, 16));
            assertFalse(c.truncated(), "close_notify arrived before the socket closed");
            c.close();
        }
        assertEquals(0, server.stats().open());
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        EchoHandler echo = new EchoHandler();
        EventLoopSettings settings = new EventLoopSettings(1, 2, Duration.ofSeconds(10), null);
        try (EventLoopServer server = start(TlsProvider.JDK, settings, echo)) {
            int port = server.localAddress().getPort();
            TlsContext ctx = client(TlsProvider.JDK, Duration.ofSeconds(5));
            try (TlsConnection a = TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY);
                    TlsConnection b = TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY)) {
                TlsException e = assertThrows(TlsException.class,
                        () -> TlsConnection.connect(ctx, "localhost", port, IpFamily.ANY));
                assertNotNull(e.getMessage());
                assertEquals(1, server.stats().rejected());
                a.write("still served".getBytes());
                assertTrue(a.read(new byte[64], 0, 64) > 0);
            }
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        EchoHandler echo = new EchoHandler();
        echo.closedLatch = new CountDownLatch(1);
        EventLoopSettings settings = new EventLoopSettings(1, 10, Duration.ofSeconds(10),
                Duration.ofMillis(300));
        try (EventLoopServer server = start(TlsProvider.JDK, settings, echo)) {
            TlsContext ctx = client(TlsProvider.JDK, Duration.ofSeconds(10));
            try (TlsConnection c = TlsConnection.connect(ctx, "localhost", server.localAddress().getPort(),
                    IpFamily.ANY)) {
                assertEquals(-1, c.read(new byte[16], 0, 16), "the server closed the idle connection");
                assertFalse(c.truncated());
                assertTrue(echo.closedLatch.await(10, TimeUnit.SECONDS));
                assertEquals(0, echo.failed.get(), "an idle close is not a failure");
            }
        }
    }

    @Test
    void sessionSummaryIsAvailableWhenOpened() throws Exception {
        CompletableFuture<HandshakeSummary> summary = new CompletableFuture<>();
        SessionHandler handler = new SessionHandler() {
            @Override
            public void opened(Session session) {
                summary.complete(session.summary());
            }

            @Override
            public void received(Session session, ByteBuffer data) {
                session.write(data);
            }
        };
        try (EventLoopServer server = start(TlsProvider.BC, EventLoopSettings.defaults(), handler)) {
            TlsContext ctx = client(TlsProvider.JDK, Duration.ofSeconds(10));
            try (TlsConnection c = TlsConnection.connect(ctx, "localhost", server.localAddress().getPort(),
                    IpFamily.ANY)) {
                HandshakeSummary s = summary.get(10, TimeUnit.SECONDS);
                assertEquals("TLSv1.3", s.protocol());
                assertEquals("X25519", s.group());
                assertEquals(c.summary().cipherSuite(), s.cipherSuite());
            }
        }
    }
}
