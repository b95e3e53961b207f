package dev.tlskit.engine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.ClientHelloBuilder.Field;
import dev.tlskit.engine.wire.ClientHelloBuilder.Length;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClientHelloBuilderTest {
    private static final int SESSION_ID_OFFSET = 4 + 2 + 32; // in the handshake message
    private static final int X25519 = 29;
    private static final int SECP256R1 = 23;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsProvider.class)
    void aRealServerAnswersTheTls13HelloWithAServerHello(TlsProvider provider) throws Exception {
        assertEquals(HandshakeType.SERVER_HELLO.code(), firstServerMessage(provider, ClientHelloBuilder.tls13()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsProvider.class)
    void aRealServerAnswersTheTls12HelloWithAServerHello(TlsProvider provider) throws Exception {
        ClientHelloBuilder hello = ClientHelloBuilder.tls12();
        assertEquals(HandshakeType.SERVER_HELLO.code(), firstServerMessage(provider, hello));
    }

    @Test
    void writesTheFieldsInWireOrder() {
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 7);
        byte[] m = ClientHelloBuilder.empty().legacyVersion(0x0302).random(random).sessionId(new byte[] {9})
                .cipherSuites(0x1301).compressionMethods(0).extension(0x1234, new byte[] {5}).handshakeMessage();
        byte[] expected = new byte[4 + 2 + 32 + 2 + 4 + 2 + 2 + 5];
        ByteBuffer b = ByteBuffer.wrap(expected);
        b.put((byte) 1).put(new byte[] {0, 0, (byte) (expected.length - 4)});
        b.putShort((short) 0x0302).put(random).put((byte) 1).put((byte) 9);
        b.putShort((short) 2).putShort((short) 0x1301).put((byte) 1).put((byte) 0);
        b.putShort((short) 5).putShort((short) 0x1234).putShort((short) 1).put((byte) 5);
        assertArrayEquals(expected, m);
    }

    @Test
    void aLengthOverrideChangesTheFieldAndNothingElse() {
        ClientHelloBuilder hello = ClientHelloBuilder.tls13();
        byte[] before = hello.handshakeMessage();
        byte[] after = hello.length(Length.SESSION_ID, 33).handshakeMessage();
        assertEquals(32, before[SESSION_ID_OFFSET]);
        assertEquals(33, after[SESSION_ID_OFFSET]);
        after[SESSION_ID_OFFSET] = 32;
        assertArrayEquals(before, after);
        assertEquals(32, hello.lengthOf(Length.SESSION_ID), "lengthOf tells the true length");
    }

    @Test
    void theRecordAndHandshakeLengthsCanLie() {
        ClientHelloBuilder hello = ClientHelloBuilder.tls13();
        int real = hello.lengthOf(Length.HANDSHAKE);
        byte[] r = hello.length(Length.RECORD, 1).length(Length.HANDSHAKE, real + 1).record();
        assertEquals(1, ((r[3] & 0xFF) << 8) | (r[4] & 0xFF));
        assertEquals(real + 1, ((r[6] & 0xFF) << 16) | ((r[7] & 0xFF) << 8) | (r[8] & 0xFF));
        assertEquals(5 + 4 + real, r.length);
    }

    @Test
    void innerLengthsAreCountedInByteOrder() {
        ClientHelloBuilder hello = ClientHelloBuilder.empty().serverName("example.com");
        assertEquals(14, hello.innerLengthOf(0, 0), "server_name_list");
        assertEquals(11, hello.innerLengthOf(0, 1), "host_name");
        assertEquals(16, hello.extensionLengthOf(0));
        byte[] m = hello.innerLength(0, 1, 0xFFFF).handshakeMessage();
        int ext = m.length - 16;
        assertEquals((byte) 0xFF, m[ext + 3]);
        assertEquals((byte) 0xFF, m[ext + 4]);
        assertThrows(IllegalArgumentException.class, () -> hello.innerLength(0, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ClientHelloBuilder.empty().extension(0, new byte[0]).innerLength(0, 0, 1));
    }

    @Test
    void truncatesAtAFieldBoundaryWithConsistentLengths() {
        byte[] m = ClientHelloBuilder.tls13().truncateAfter(Field.RANDOM).handshakeMessage();
        assertEquals(4 + 34, m.length);
        assertEquals(34, m[3]);
        byte[] r = ClientHelloBuilder.tls13().truncateAt(3).record();
        assertEquals(5 + 4 + 3, r.length);
    }

    @Test
    void keySharesCarryRealPublicKeysOfTheirGroups() {
        ClientHelloBuilder hello = ClientHelloBuilder.tls13().keyShare(X25519, SECP256R1);
        assertEquals(2 + (4 + 32) + (4 + 65), hello.extensionLengthOf(51));
        assertEquals(32, hello.innerLengthOf(51, 1));
        assertEquals(65, hello.innerLengthOf(51, 2));
        assertNotNull(hello.keyPair(X25519));
        assertEquals("EC", hello.keyPair(SECP256R1).getPublic().getAlgorithm());
        Map<Integer, byte[]> raw = new LinkedHashMap<>();
        raw.put(X25519, new byte[32]);
        assertEquals(null, hello.keyShareEntries(raw).keyPair(X25519), "raw shares have no key pair");
    }

    @Test
    void helpersReplaceInPlaceAndRawExtensionsAppend() {
        ClientHelloBuilder hello = ClientHelloBuilder.empty().supportedGroups(X25519).serverName("a").alpn("h2");
        hello.supportedGroups(SECP256R1).extension(10, new byte[] {0, 2, 0, 29});
        assertArrayEquals(new int[] {10, 0, 16, 10}, hello.extensionTypes());
        hello.pskKeyExchangeModes(1).preSharedKey(new byte[4], 0, new byte[32]).extension(0x1234, new byte[0]);
        hello.preSharedKey(new byte[4], 0, new byte[32]);
        int[] types = hello.extensionTypes();
        assertEquals(41, types[types.length - 1], "pre_shared_key goes last");
        hello.withoutExtension(10);
        assertTrue(Arrays.stream(hello.extensionTypes()).noneMatch(t -> t == 10));
    }

    @Test
    void rejectsValuesTheirFieldsCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> ClientHelloBuilder.empty().length(Length.SESSION_ID, 256));
        assertThrows(IllegalArgumentException.class, () -> ClientHelloBuilder.empty().cipherSuites(0x10000));
        assertThrows(IllegalArgumentException.class, () -> ClientHelloBuilder.empty().sessionId(new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> ClientHelloBuilder.empty().keyShare(0x4242));
        assertThrows(IllegalArgumentException.class, () -> ClientHelloBuilder.empty().extensionLength(0, 1));
    }

    /** Feeds the hello to a server SSLEngine; the type of the first handshake message it answers. */
    private static int firstServerMessage(TlsProvider provider, ClientHelloBuilder hello) throws Exception {
        TlsContext context = TlsContext.create(TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE)
                .versions(java.util.Set.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3)).build());
        SSLEngine server = context.newEngine(null, -1);
        server.setUseClientMode(false);
        ByteBuffer in = ByteBuffer.wrap(hello.record());
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
        for (int i = 0; i < 20 && out.position() == 0; i++) {
            switch (server.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = server.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> server.wrap(ByteBuffer.allocate(0), out);
                default -> {
                    SSLEngineResult r = server.unwrap(in, app);
                    assertEquals(SSLEngineResult.Status.OK, r.getStatus(), r::toString);
                }
            }
        }
        assertTrue(out.position() > 9, "the server wrote nothing");
        assertEquals(ContentType.HANDSHAKE.code(), out.get(0));
        return out.get(5);
    }
}
