package dev.tlskit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.EventLoopSettings;
import dev.tlskit.engine.model.FailureAlert;
import dev.tlskit.engine.model.Session;
import dev.tlskit.engine.model.SessionHandler;
import dev.tlskit.engine.model.TlsException;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.Alert;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.ContentType;
import dev.tlskit.engine.wire.Record;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one failure path, on both providers and both TCP transports: a ClientHello that does not parse is answered
 * with exactly one fatal decode_error alert record (RFC 8446 section 6.2), never with silence (BCJSSE drops its
 * alert), user_canceled or close_notify (SunJSSE, when its delegated task fails), and the server's failure names
 * the alert it sent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailurePathTest {
    /** How a ClientHello is broken. */
    enum Breakage {
        /** cipher_suites length 0x02f2, far past the message (the case that made SunJSSE say user_canceled). */
        SUITES_LENGTH_PAST_MESSAGE,
        /** extensions length past the message (the case BCJSSE answered with silence). */
        EXTENSIONS_LENGTH_PAST_MESSAGE,
        /** compression methods without null (SunJSSE accepted it; the engine's own check rejects it). */
        NO_NULL_COMPRESSION
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (TlsProvider p : TlsProvider.values()) {
            for (Breakage b : Breakage.values()) {
                out.add(Arguments.of(p, b));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} blocking: {1}")
    @MethodSource("cases")
    void blockingServerAnswersAnUnparsableHelloWithFatalDecodeError(TlsProvider provider, Breakage breakage)
            throws Exception {
        TlsContext server = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        try (Loopback loop = new Loopback()) {
            CompletableFuture<TlsConnection> accepted = loop.accept(server);
            List<Alert> answer = sendAndReadAlerts(loop.port(), brokenHello(breakage));
            assertEquals(List.of(Alert.fatal(AlertDescription.DECODE_ERROR)), answer,
                    "exactly one fatal decode_error, nothing else");
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    accepted::get);
            TlsException failure = (TlsException) e.getCause();
            assertEquals(TlsException.Kind.HANDSHAKE, failure.kind(), failure.getMessage());
            assertNotNull(failure.alert(), failure.getMessage());
            assertEquals(new FailureAlert(Direction.SENT, Alert.fatal(AlertDescription.DECODE_ERROR)), failure.alert());
            assertTrue(failure.getMessage().contains("sent alert decode_error"), failure.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} event loop: {1}")
    @MethodSource("cases")
    void eventLoopAnswersAnUnparsableHelloWithFatalDecodeError(TlsProvider provider, Breakage breakage)
            throws Exception {
        TlsContext context = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        CompletableFuture<TlsException> closed = new CompletableFuture<>();
        SessionHandler handler = new SessionHandler() {
            @Override
            public void received(Session session, ByteBuffer data) {}

            @Override
            public void closed(Session session, TlsException failure) {
                closed.complete(failure);
            }
        };
        try (EventLoopServer server = EventLoopServer.start(context,
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), EventLoopSettings.defaults(),
                handler)) {
            List<Alert> answer = sendAndReadAlerts(server.localAddress().getPort(), brokenHello(breakage));
            assertEquals(List.of(Alert.fatal(AlertDescription.DECODE_ERROR)), answer,
                    "exactly one fatal decode_error, nothing else");
            TlsException failure = closed.get(10, TimeUnit.SECONDS);
            assertNotNull(failure);
            assertEquals(new FailureAlert(Direction.SENT, Alert.fatal(AlertDescription.DECODE_ERROR)), failure.alert(),
                    failure.getMessage());
        }
    }

    /** A real ClientHello from a client engine of the same provider, broken as asked. */
    static byte[] brokenHello(Breakage breakage) throws Exception {
        TlsContext client = TlsContext.create(TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).build());
        SSLEngine engine = client.newEngine("localhost", 443);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(1 << 15);
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] h = new byte[out.remaining()];
        out.get(h);
        // record header 5, handshake header 4, legacy_version 2, random 32
        int sessionIdAt = 5 + 4 + 2 + 32;
        int suitesAt = sessionIdAt + 1 + (h[sessionIdAt] & 0xFF);
        int suitesLength = ((h[suitesAt] & 0xFF) << 8) | (h[suitesAt + 1] & 0xFF);
        int compressionAt = suitesAt + 2 + suitesLength;
        int extensionsAt = compressionAt + 1 + (h[compressionAt] & 0xFF);
        switch (breakage) {
            case SUITES_LENGTH_PAST_MESSAGE -> {
                h[suitesAt] = 0x02;
                h[suitesAt + 1] = (byte) 0xF2;
            }
            case EXTENSIONS_LENGTH_PAST_MESSAGE -> h[extensionsAt] = (byte) 0x7F;
            case NO_NULL_COMPRESSION -> h[compressionAt + 1] = 1;
            default -> throw new IllegalArgumentException(breakage.name());
        }
        return h;
    }

    /** Sends {@code bytes}, then reads every record until the server closes; returns the alerts, in order. */
    static List<Alert> sendAndReadAlerts(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            List<Alert> alerts = new ArrayList<>();
            while (true) {
                Record r;
                try {
                    r = Record.read(s.getInputStream());
                } catch (SocketTimeoutException | java.net.SocketException gone) {
                    break;
                }
                if (r == null) {
                    break;
                }
                if (r.type() != ContentType.ALERT) {
                    throw new AssertionError("expected only alert records, got content type " + r.contentType());
                }
                alerts.add(Alert.parse(r.body()));
            }
            return alerts;
        }
    }
}
