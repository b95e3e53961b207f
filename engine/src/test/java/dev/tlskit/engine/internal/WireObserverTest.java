package dev.tlskit.engine.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.Direction;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.model.TraceEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire observer fed the bytes of real handshakes (captured from two engines), whole and byte by byte. */
class WireObserverTest {

    /** How the captured bytes are handed to a fresh observer. */
    enum Feeding {
        /** One byte per call: every header and message split at every possible point. */
        BYTE_BY_BYTE,
        /** Consecutive bytes of one direction joined into one call, several records at once. */
        BIG_CHUNKS
    }

    private static List<EnginePair.Chunk> handshakeTranscript(TlsConfig client, TlsConfig server) throws Exception {
        EnginePair pair = new EnginePair(TlsContext.create(client), TlsContext.create(server));
        pair.handshake();
        assertEquals("ping", pair.send(true, "ping"));
        assertEquals("pong", pair.send(false, "pong"));
        return pair.transcript();
    }

    /** Replays a transcript into a new observer for one side of the connection. */
    private static WireObserver replay(List<EnginePair.Chunk> transcript, boolean asClient, Feeding feeding,
            List<TraceEvent> events) {
        WireObserver observer = new WireObserver(asClient, events == null ? null : events::add);
        List<EnginePair.Chunk> chunks = feeding == Feeding.BIG_CHUNKS ? merged(transcript) : transcript;
        for (EnginePair.Chunk c : chunks) {
            boolean sent = c.fromClient() == asClient;
            if (feeding == Feeding.BYTE_BY_BYTE) {
                for (byte b : c.bytes()) {
                    feed(observer, sent, ByteBuffer.wrap(new byte[] {b}));
                }
            } else {
                feed(observer, sent, ByteBuffer.wrap(c.bytes()));
            }
        }
        return observer;
    }

    private static void feed(WireObserver observer, boolean sent, ByteBuffer bytes) {
        int before = bytes.position();
        if (sent) {
            observer.sent(bytes);
        } else {
            observer.received(bytes);
        }
        assertEquals(before, bytes.position(), "the observer must not consume the caller's buffer");
    }

    private static List<EnginePair.Chunk> merged(List<EnginePair.Chunk> transcript) {
        List<EnginePair.Chunk> out = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        Boolean direction = null;
        for (EnginePair.Chunk c : transcript) {
            if (direction != null && direction != c.fromClient()) {
                out.add(new EnginePair.Chunk(direction, run.toByteArray()));
                run.reset();
            }
            direction = c.fromClient();
            run.write(c.bytes(), 0, c.bytes().length);
        }
        if (direction != null) {
            out.add(new EnginePair.Chunk(direction, run.toByteArray()));
        }
        return out;
    }

    private static List<String> messages(WireObserver observer) {
        List<String> all = new ArrayList<>();
        observer.handshakeRecords().forEach(e -> all.addAll(e.messages()));
        return all;
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void detectsX25519InTls13ServerHelloKeyShare(Feeding feeding) throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());

        assertEquals("X25519", replay(t, true, feeding, null).negotiatedGroup());
        assertEquals("X25519", replay(t, false, feeding, null).negotiatedGroup());
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void detectsX25519InTls12ServerKeyExchange(Feeding feeding) throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_2).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_2, ClientAuth.NONE).build());

        WireObserver client = replay(t, true, feeding, null);
        assertEquals("X25519", client.negotiatedGroup());
        assertTrue(messages(client).contains("Server Key Exchange"));
        assertEquals("X25519", replay(t, false, feeding, null).negotiatedGroup());
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void detectsTheGroupBcWasLimitedTo(TlsVersion version) throws Exception {
        // bc takes named groups per connection; the server's EC P-256 key adds secp256r1 to its own list.
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.BC, version).namedGroups(List.of("secp384r1")).build(),
                TestPki.server(TlsProvider.BC, version, ClientAuth.NONE).namedGroups(List.of("P-384")).build());

        for (Feeding feeding : Feeding.values()) {
            assertEquals("SECP384R1", replay(t, true, feeding, null).negotiatedGroup(), feeding.name());
            assertEquals("SECP384R1", replay(t, false, feeding, null).negotiatedGroup(), feeding.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void namesTls12HandshakeMessagesInOrder(Feeding feeding) throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_2).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_2, ClientAuth.NEED).build());

        List<String> names = messages(replay(t, true, feeding, null));
        names.removeIf("Application Data"::equals);

        // SunJSSE issues a stateless session ticket in 1.2 too, just before its ChangeCipherSpec.
        assertEquals(List.of("Client Hello", "Server Hello", "Certificate", "Server Key Exchange",
                "Certificate Request", "Server Hello Done", "Certificate", "Client Key Exchange",
                "Certificate Verify", "Change Cipher Spec", "Encrypted Handshake Message",
                "New Session Ticket", "Change Cipher Spec", "Encrypted Handshake Message"), names);
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void namesTls13PlaintextMessagesAndHidesTheEncryptedRest(Feeding feeding) throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NEED).build());
        List<TraceEvent> events = new ArrayList<>();

        WireObserver server = replay(t, false, feeding, events);

        List<String> names = messages(server);
        assertEquals(List.of("Client Hello", "Server Hello"), names.subList(0, 2), "all: " + names);
        assertFalse(names.contains("Certificate"), "1.3 certificates are encrypted: " + names);
        assertFalse(names.contains("Server Key Exchange"), "all: " + names);
        assertTrue(names.contains("Application Data"), "all: " + names);
        TraceEvent first = events.get(0);
        assertEquals(Direction.RECEIVED, first.direction());
        assertEquals("Handshake", first.contentType());
        assertTrue(events.stream().anyMatch(e -> e.direction() == Direction.SENT));
    }

    @ParameterizedTest
    @EnumSource(Feeding.class)
    void readsSniOffTheClientHello(Feeding feeding) throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.anonymousClient(TlsProvider.JDK, TlsVersion.TLS_1_3).insecure().serverName("sni.example").build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());

        assertEquals("sni.example", replay(t, false, feeding, null).serverName());
        assertEquals("sni.example", replay(t, true, feeding, null).serverName());
    }

    @Test
    void reportsAFullHandshakeAsNotResumed() throws Exception {
        List<EnginePair.Chunk> t = handshakeTranscript(
                TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_2).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_2, ClientAuth.NONE).build());

        assertFalse(replay(t, true, Feeding.BIG_CHUNKS, null).resumed());
        assertFalse(replay(t, false, Feeding.BYTE_BY_BYTE, null).resumed());
    }

    @Test
    void readsAPlaintextAlert() {
        WireObserver observer = new WireObserver(true, null);
        List<String> seen = new ArrayList<>();
        observer.received(ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 2, 40}));
        observer.sent(ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 0}));
        observer.handshakeRecords().forEach(e -> seen.addAll(e.messages()));

        assertEquals("fatal handshake_failure", observer.alertReceived());
        assertEquals("warning close_notify", observer.alertSent());
        assertEquals(List.of("Alert (fatal handshake_failure)", "Alert (warning close_notify)"), seen);
    }

    @Test
    void ignoresBytesThatAreNotTls() {
        WireObserver observer = new WireObserver(false, null);
        byte[] http = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertDoesNotThrow(() -> {
            observer.received(ByteBuffer.wrap(http));
            for (byte b : http) {
                observer.sent(ByteBuffer.wrap(new byte[] {b}));
            }
            observer.received(ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 1}));
        });
        assertNull(observer.negotiatedGroup());
        assertNull(observer.serverName());
        assertTrue(observer.handshakeRecords().isEmpty(), observer.handshakeRecords().toString());
    }

    @Test
    void survivesATruncatedClientHello() {
        // A handshake record whose ClientHello claims more extension bytes than it holds.
        byte[] body = {1, 0, 0, 40, 3, 3};
        byte[] message = new byte[44];
        System.arraycopy(body, 0, message, 0, body.length);
        byte[] record = new byte[5 + message.length];
        record[0] = 22;
        record[1] = 3;
        record[2] = 1;
        record[4] = (byte) message.length;
        System.arraycopy(message, 0, record, 5, message.length);
        WireObserver observer = new WireObserver(false, null);

        assertDoesNotThrow(() -> observer.received(ByteBuffer.wrap(record)));
        assertEquals(List.of("Client Hello"), messages(observer));
    }

    @Test
    void keepsOnlyHandshakeRecordsAfterHandshakeDone() {
        List<TraceEvent> events = new ArrayList<>();
        WireObserver observer = new WireObserver(true, events::add);
        observer.received(ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 1, 0}));
        observer.handshakeDone();
        observer.received(ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 1, 0}));

        assertEquals(1, observer.handshakeRecords().size());
        assertEquals(2, events.size(), "a listener still hears records after the handshake");
        assertEquals(Set.of("Application Data"), Set.copyOf(events.get(1).messages()));
    }
}
