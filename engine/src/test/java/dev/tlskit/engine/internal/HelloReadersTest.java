package dev.tlskit.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlskit.engine.TestPki;
import dev.tlskit.engine.TlsContext;
import dev.tlskit.engine.model.ClientAuth;
import dev.tlskit.engine.model.TlsConfig;
import dev.tlskit.engine.model.TlsProvider;
import dev.tlskit.engine.model.TlsVersion;
import dev.tlskit.engine.wire.AlertDescription;
import dev.tlskit.engine.wire.ClientHello;
import dev.tlskit.engine.wire.Extension;
import dev.tlskit.engine.wire.ExtensionType;
import dev.tlskit.engine.wire.HandshakeType;
import dev.tlskit.engine.wire.KeyShareEntry;
import dev.tlskit.engine.wire.MalformedHelloException;
import dev.tlskit.engine.wire.NamedGroup;
import dev.tlskit.engine.wire.ProtocolVersion;
import dev.tlskit.engine.wire.ServerHello;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire package's hello readers on hellos two real SSLEngines sent, and on broken copies of them. */
class HelloReadersTest {

    /**
     * The plaintext handshake message bodies of one type sent by one side, in order. TLS 1.2 protects what
     * follows ChangeCipherSpec; TLS 1.3 protects only application_data records (its ChangeCipherSpec is a dummy).
     */
    private static List<byte[]> messages(List<EnginePair.Chunk> transcript, boolean fromClient, int type) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        boolean encrypted = false;
        for (EnginePair.Chunk c : transcript) {
            if (c.fromClient() != fromClient) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(c.bytes());
            while (b.remaining() >= 5 && !encrypted) {
                int contentType = b.get() & 0xFF;
                b.getShort();
                byte[] body = new byte[b.getShort() & 0xFFFF];
                b.get(body);
                if (contentType == 22) {
                    handshake.write(body, 0, body.length);
                } else if (contentType == 23 || (contentType == 20 && !tls13(transcript))) {
                    encrypted = true;
                }
            }
        }
        List<byte[]> out = new ArrayList<>();
        ByteBuffer all = ByteBuffer.wrap(handshake.toByteArray());
        while (all.remaining() >= 4) {
            int t = all.get() & 0xFF;
            int len = ((all.get() & 0xFF) << 16) | ((all.get() & 0xFF) << 8) | (all.get() & 0xFF);
            if (len > all.remaining()) {
                break;
            }
            byte[] body = new byte[len];
            all.get(body);
            if (t == type) {
                out.add(body);
            }
        }
        return out;
    }

    /** Whether the server's first record carries a TLS 1.3 ServerHello (supported_versions). */
    private static boolean tls13(List<EnginePair.Chunk> transcript) {
        for (EnginePair.Chunk c : transcript) {
            if (!c.fromClient()) {
                byte[] b = c.bytes();
                ServerHello sh = ServerHello.read(ByteBuffer.wrap(b, 9, b.length - 9));
                return sh.selectedVersion() == ProtocolVersion.TLS13.code();
            }
        }
        return false;
    }

    private static List<EnginePair.Chunk> transcript(TlsConfig client, TlsConfig server) throws Exception {
        EnginePair pair = new EnginePair(TlsContext.create(client), TlsContext.create(server));
        pair.handshake();
        return pair.transcript();
    }

    private static ClientHello clientHello(TlsProvider provider) throws Exception {
        // JSSE sends SNI only for a name with a dot, so name one (and do not check it against the certificate)
        List<EnginePair.Chunk> t = transcript(TestPki.client(provider, TlsVersion.TLS_1_3)
                        .serverName("www.tlskit.test").verifyHostname(false).build(),
                TestPki.server(provider, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        return ClientHello.parse(ByteBuffer.wrap(messages(t, true, HandshakeType.CLIENT_HELLO.code()).get(0)), false);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void readsTheClientHelloOfEachProvider(TlsProvider provider) throws Exception {
        ClientHello hello = clientHello(provider);

        assertEquals(ProtocolVersion.TLS12.code(), hello.legacyVersion());
        assertEquals(32, hello.random().length);
        assertNull(hello.cookie());
        assertTrue(hello.cipherSuites().contains(0x1301), hello.cipherSuites().toString());
        assertArrayEquals(new byte[] {0}, hello.compressionMethods());
        assertEquals("www.tlskit.test", hello.serverName());
        assertEquals(List.of(ProtocolVersion.TLS13.code()), hello.supportedVersions());
        assertTrue(hello.offersTls13());
        assertTrue(hello.supportedGroups().contains(NamedGroup.X25519.code()));
        assertFalse(hello.signatureSchemes().isEmpty());
        // bc and boringssl send X25519MLKEM768's share first (their hybrid default), then X25519's; jdk X25519's,
        // then P-256's
        KeyShareEntry x25519 = hello.keyShares().stream().filter(e -> e.group() == NamedGroup.X25519.code())
                .findFirst().orElseThrow();
        assertEquals(NamedGroup.X25519.clientShareLength(), x25519.keyLength());
        KeyShareEntry first = hello.keyShares().get(0);
        NamedGroup preferred = provider != TlsProvider.JDK ? NamedGroup.X25519MLKEM768 : NamedGroup.X25519;
        assertEquals(preferred.code(), first.group());
        assertEquals(preferred.clientShareLength(), first.keyLength());
        assertFalse(hello.offersPsk());
        assertTrue(hello.applicationProtocols().isEmpty());
    }

    @Test
    void readsTheServerHelloOfTls13AndTls12() throws Exception {
        List<EnginePair.Chunk> t13 = transcript(TestPki.client(TlsProvider.JDK, TlsVersion.TLS_1_3).build(),
                TestPki.server(TlsProvider.JDK, TlsVersion.TLS_1_3, ClientAuth.NONE).build());
        ServerHello sh = ServerHello.parse(ByteBuffer.wrap(messages(t13, false, 2).get(0)));
        assertEquals(ProtocolVersion.TLS13.code(), sh.selectedVersion());
        assertEquals(NamedGroup.X25519.code(), sh.keyShareGroup());
        assertEquals(32, sh.keyShare().keyLength());
        assertFalse(sh.isHelloRetryRequest());
        assertFalse(sh.pskSelected());
        assertNull(sh.downgradeSentinel());

        List<EnginePair.Chunk> t12 = transcript(TestPki.client(TlsProvider.BC, TlsVersion.TLS_1_2).build(),
                TestPki.server(TlsProvider.BC, TlsVersion.TLS_1_2, ClientAuth.NONE).build());
        ServerHello sh12 = ServerHello.parse(ByteBuffer.wrap(messages(t12, false, 2).get(0)));
        assertEquals(-1, sh12.selectedVersion());
        assertEquals(ProtocolVersion.TLS12.code(), sh12.negotiatedVersion());
        assertEquals(-1, sh12.keyShareGroup());
        assertTrue(dev.tlskit.engine.wire.CipherSuite.of(sh12.cipherSuite()).forwardSecrecy());
    }

    @Test
    void detectsAHelloRetryRequest() throws Exception {
        // The bc client sends a key share for its first group only; a server that takes only the second asks again.
        List<EnginePair.Chunk> t = transcript(
                TestPki.client(TlsProvider.BC, TlsVersion.TLS_1_3).namedGroups(List.of("x25519", "secp256r1")).build(),
                TestPki.server(TlsProvider.BC, TlsVersion.TLS_1_3, ClientAuth.NONE)
                        .namedGroups(List.of("secp256r1")).build());
        List<byte[]> serverHellos = messages(t, false, 2);
        ServerHello hrr = ServerHello.parse(ByteBuffer.wrap(serverHellos.get(0)));
        assertTrue(hrr.isHelloRetryRequest());
        assertEquals(NamedGroup.SECP256R1.code(), hrr.keyShareGroup());
        assertNull(hrr.keyShare(), "a HelloRetryRequest names a group, it carries no share");

        ClientHello second = ClientHello.parse(ByteBuffer.wrap(messages(t, true, 1).get(1)), false);
        assertEquals(NamedGroup.SECP256R1.code(), second.keyShares().get(0).group());
        assertEquals(65, second.keyShares().get(0).keyLength());
        assertEquals(1, second.keyShares().size());
    }

    // ------------------------------------------------------------------ strict checks on broken hellos

    private static ClientHello base() throws Exception {
        return clientHello(TlsProvider.JDK);
    }

    private static MalformedHelloException rejected(byte[] body) {
        return assertThrows(MalformedHelloException.class, () -> ClientHello.parse(ByteBuffer.wrap(body), false));
    }

    @Test
    void rejectsADuplicatedExtension() throws Exception {
        ClientHello h = base();
        List<Extension> ext = new ArrayList<>(h.extensions());
        ext.add(0, h.extension(ExtensionType.SERVER_NAME));
        MalformedHelloException e = rejected(encode(h, h.compressionMethods(), ext));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("extensions", e.field());
        assertTrue(e.reason().contains("server_name"), e.reason());
    }

    @Test
    void rejectsAHelloWithoutNullCompression() throws Exception {
        ClientHello h = base();
        MalformedHelloException e = rejected(encode(h, new byte[] {1}, h.extensions()));
        assertEquals(AlertDescription.DECODE_ERROR, e.alert());
        assertEquals("legacy_compression_methods", e.field());
    }

    @Test
    void rejectsAKeyShareForAGroupNotOffered() throws Exception {
        ClientHello h = base();
        List<Extension> ext = new ArrayList<>();
        for (Extension x : h.extensions()) {
            // offer secp384r1 only, keep the x25519 share
            ext.add(x.type() == ExtensionType.SUPPORTED_GROUPS.code()
                    ? new Extension(x.type(), new byte[] {0, 2, 0, 0x18}) : x);
        }
        MalformedHelloException e = rejected(encode(h, h.compressionMethods(), ext));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertEquals("key_share", e.field());
        assertTrue(e.reason().contains("X25519"), e.reason());
    }

    @Test
    void rejectsAPreSharedKeyThatIsNotLast() throws Exception {
        ClientHello h = base();
        List<Extension> ext = new ArrayList<>(h.extensions());
        ext.add(0, new Extension(ExtensionType.PRE_SHARED_KEY.code(), new byte[0]));
        assertEquals("pre_shared_key", rejected(encode(h, h.compressionMethods(), ext)).field());
    }

    @Test
    void rejectsAKeyShareOfTheWrongSizeOrAPointNotUncompressed() throws Exception {
        ClientHello h = base(); // jdk: shares for x25519 and secp256r1
        byte[] shortX25519 = {0, 35, 0, 0x1D, 0, 31};
        MalformedHelloException e = rejected(encode(h, h.compressionMethods(),
                replaced(h, ExtensionType.KEY_SHARE, Arrays.copyOf(shortX25519, 6 + 31))));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.reason().contains("31 bytes, not 32"), e.reason());

        byte[] compressed = new byte[6 + 65];
        System.arraycopy(new byte[] {0, 69, 0, 0x17, 0, 65, 2}, 0, compressed, 0, 7);
        e = rejected(encode(h, h.compressionMethods(), replaced(h, ExtensionType.KEY_SHARE, compressed)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.reason().contains("not an uncompressed point"), e.reason());
    }

    @Test
    void rejectsServerExtensionsThatDoNotParse() throws Exception {
        ClientHello h = base();
        // ALPN list length 5 over a 4-byte list; server_name host length past the list; an odd signature list
        for (ExtensionType type : List.of(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION,
                ExtensionType.SERVER_NAME, ExtensionType.SIGNATURE_ALGORITHMS)) {
            byte[] broken = type == ExtensionType.SERVER_NAME ? new byte[] {0, 6, 0, 0, 9, 'a', 'b', 'c'}
                    : type == ExtensionType.SIGNATURE_ALGORITHMS ? new byte[] {0, 3, 4, 3, 8}
                    : new byte[] {0, 5, 3, 'h', '/', '1'};
            MalformedHelloException e = rejected(encode(h, h.compressionMethods(), replaced(h, type, broken)));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert(), type.name());
        }
    }

    @Test
    void rejectsAPreSharedKeyWithoutIdentitiesOrWithAShortBinder() throws Exception {
        ClientHello h = base();
        byte[] noIdentities = {0, 0, 0, 33, 32, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
        byte[] shortBinder = {0, 7, 0, 1, 'x', 0, 0, 0, 0, 0, 2, 1, 0};
        for (byte[] psk : List.of(noIdentities, shortBinder)) {
            List<Extension> ext = new ArrayList<>(h.extensions());
            ext.add(new Extension(ExtensionType.PRE_SHARED_KEY.code(), psk));
            MalformedHelloException e = rejected(encode(h, h.compressionMethods(), ext));
            assertEquals(AlertDescription.DECODE_ERROR, e.alert());
            assertEquals("pre_shared_key", e.field());
        }
    }

    /** The hello's extensions with {@code type}'s data replaced (or added). */
    private static List<Extension> replaced(ClientHello h, ExtensionType type, byte[] data) {
        List<Extension> ext = new ArrayList<>();
        for (Extension x : h.extensions()) {
            if (x.type() != type.code()) {
                ext.add(x);
            }
        }
        ext.add(0, new Extension(type.code(), data));
        return ext;
    }

    @Test
    void namesTheFieldOfATruncatedOrPaddedHello() throws Exception {
        ClientHello h = base();
        byte[] good = encode(h, h.compressionMethods(), h.extensions());

        MalformedHelloException cut = rejected(Arrays.copyOf(good, good.length - 1));
        assertEquals(AlertDescription.DECODE_ERROR, cut.alert());
        assertTrue(cut.reason().contains("truncated") || cut.reason().contains("left over"), cut.getMessage());

        MalformedHelloException padded = rejected(Arrays.copyOf(good, good.length + 1));
        assertEquals("extensions", padded.field());

        byte[] odd = good.clone();
        int suitesAt = 2 + 32 + 1 + h.sessionId().length;
        odd[suitesAt + 1] |= 1; // cipher_suites length made odd
        assertEquals("cipher_suites", rejected(odd).field());
    }

    @Test
    void readsLenientlyWhatAStrictParseRejects() throws Exception {
        ClientHello h = base();
        byte[] good = encode(h, h.compressionMethods(), h.extensions());
        ClientHello partial = ClientHello.read(ByteBuffer.wrap(Arrays.copyOf(good, good.length - 1)), false);
        assertEquals(h.cipherSuites(), partial.cipherSuites());
        assertTrue(partial.extensions().isEmpty(), "the extensions block is cut, so none is trusted");
        assertNull(partial.serverName());
        ClientHello nothing = ClientHello.read(ByteBuffer.wrap(new byte[] {3}), false);
        assertTrue(nothing.cipherSuites().isEmpty());
        assertEquals(h.serverName(), ClientHello.read(ByteBuffer.wrap(good), false).serverName());
    }

    /** A ClientHello body re-encoded with other compression methods and extensions. */
    private static byte[] encode(ClientHello h, byte[] compression, List<Extension> extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, h.legacyVersion());
        out.writeBytes(h.random());
        out.write(h.sessionId().length);
        out.writeBytes(h.sessionId());
        u16(out, h.cipherSuites().size() * 2);
        h.cipherSuites().forEach(s -> u16(out, s));
        out.write(compression.length);
        out.writeBytes(compression);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (Extension e : extensions) {
            u16(ext, e.type());
            u16(ext, e.data().length);
            ext.writeBytes(e.data());
        }
        u16(out, ext.size());
        out.writeBytes(ext.toByteArray());
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
