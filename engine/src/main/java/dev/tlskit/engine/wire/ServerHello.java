package dev.tlskit.engine.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A ServerHello (or a TLS 1.3 HelloRetryRequest, which is a ServerHello with a fixed random) read from a handshake
 * message body (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3). {@link #parse} is strict, {@link #read}
 * lenient, as for {@link ClientHello}.
 *
 * @param legacyVersion legacy_version ({@code 0x0303} from TLS 1.3 servers)
 * @param random the 32-byte random
 * @param sessionId legacy_session_id_echo (TLS 1.2: the session being resumed, or a new id)
 * @param cipherSuite the chosen suite's code point, -1 when unreadable
 * @param compressionMethod the chosen method (0), -1 when unreadable
 * @param extensions in the order sent
 */
public record ServerHello(
        int legacyVersion, byte[] random, byte[] sessionId, int cipherSuite, int compressionMethod,
        List<Extension> extensions) implements HandshakeMessage {

    /** The random of a HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446 section 4.1.3). */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    /** "DOWNGRD": the first 7 of the last 8 random bytes of a TLS 1.3 server negotiating less. */
    private static final byte[] DOWNGRADE = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

    public ServerHello {
        extensions = List.copyOf(extensions);
    }

    /** @throws MalformedHelloException at the first syntax error or duplicated extension */
    public static ServerHello parse(ByteBuffer body) {
        ServerHello hello = decode(new Cursor(body), false);
        ExtensionDecoders.checkNoDuplicates(hello.extensions);
        return hello;
    }

    /** Reads what can be read, never throwing. */
    public static ServerHello read(ByteBuffer body) {
        return decode(new Cursor(body), true);
    }

    private static ServerHello decode(Cursor c, boolean lenient) {
        int version = -1;
        byte[] random = new byte[0];
        byte[] sid = new byte[0];
        int suite = -1;
        int compression = -1;
        List<Extension> extensions = List.of();
        try {
            version = c.u16("legacy_version");
            random = c.bytes(32, "random");
            sid = c.vector8("legacy_session_id_echo");
            if (sid.length > 32 && !lenient) {
                throw MalformedHelloException.decode("legacy_session_id_echo", "length " + sid.length + " exceeds 32");
            }
            suite = c.u16("cipher_suite");
            compression = c.u8("legacy_compression_method");
            extensions = ExtensionDecoders.block(c, lenient);
        } catch (MalformedHelloException e) {
            if (!lenient) {
                throw e;
            }
        }
        return new ServerHello(version, random, sid, suite, compression, extensions);
    }

    /** The first extension of this type, or null. */
    public Extension extension(ExtensionType type) {
        return ExtensionDecoders.find(extensions, type.code());
    }

    /** Whether this is a HelloRetryRequest (the special random). */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** supported_versions' selected_version ({@code 0x0304}), or -1 when absent or malformed. */
    public int selectedVersion() {
        Extension e = extension(ExtensionType.SUPPORTED_VERSIONS);
        return e != null && e.data().length == 2 ? u16(e.data(), 0) : -1;
    }

    /** The version this hello settles on: the selected_version when present, else legacy_version. */
    public int negotiatedVersion() {
        int selected = selectedVersion();
        return selected >= 0 ? selected : legacyVersion;
    }

    /**
     * The key_share group: the server's share's group in a ServerHello, the group asked for in a
     * HelloRetryRequest; -1 when absent or malformed.
     */
    public int keyShareGroup() {
        Extension e = extension(ExtensionType.KEY_SHARE);
        return e != null && e.data().length >= 2 ? u16(e.data(), 0) : -1;
    }

    /** The server's key share (null in a HelloRetryRequest, when absent or malformed). */
    public KeyShareEntry keyShare() {
        Extension e = extension(ExtensionType.KEY_SHARE);
        if (e == null || isHelloRetryRequest()) {
            return null;
        }
        try {
            Cursor c = new Cursor(e.data());
            KeyShareEntry entry = new KeyShareEntry(c.u16("key_share"), c.vector16("key_share"));
            c.end("key_share");
            return entry;
        } catch (MalformedHelloException malformed) {
            return null;
        }
    }

    /** Whether the server accepted a pre-shared key (TLS 1.3 resumption). */
    public boolean pskSelected() {
        return extension(ExtensionType.PRE_SHARED_KEY) != null;
    }

    /** The ALPN protocol the server chose, or null. */
    public String applicationProtocol() {
        Extension e = extension(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        if (e == null) {
            return null;
        }
        try {
            List<String> names = ExtensionDecoders.alpn(e.data());
            return names.size() == 1 ? names.get(0) : null;
        } catch (MalformedHelloException malformed) {
            return null;
        }
    }

    /**
     * The TLS 1.3 downgrade sentinel in the random (RFC 8446 section 4.1.3): {@link ProtocolVersion#TLS12} for
     * "DOWNGRD\x01", {@link ProtocolVersion#TLS11} for "DOWNGRD\x00" (1.1 or older), else null.
     */
    public ProtocolVersion downgradeSentinel() {
        if (random.length != 32 || !Arrays.equals(random, 24, 31, DOWNGRADE, 0, 7)) {
            return null;
        }
        return switch (random[31]) {
            case 1 -> ProtocolVersion.TLS12;
            case 0 -> ProtocolVersion.TLS11;
            default -> null;
        };
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
