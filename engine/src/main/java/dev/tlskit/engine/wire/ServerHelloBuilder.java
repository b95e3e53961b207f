package dev.tlskit.engine.wire;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a ServerHello (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3), for peers that answer a client
 * byte by byte: test servers, hostile ones included. Every field is taken as given, whether or not it makes
 * sense, so a test can send exactly the mistake it means to send. Nothing is checked but that each field fits its
 * length prefix.
 *
 * <pre>{@code
 * byte[] hello = ServerHelloBuilder.tls13(0x1301)
 *         .sessionId(clientSessionId)
 *         .keyShare(0x001D, x25519PublicKey)
 *         .record();
 * }</pre>
 */
public final class ServerHelloBuilder {
    /** RFC 8446 section 4.2.1. */
    static final int SUPPORTED_VERSIONS = 43;
    /** RFC 8446 section 4.2.8. */
    static final int KEY_SHARE = 51;
    /** The random that makes a ServerHello a HelloRetryRequest: SHA-256("HelloRetryRequest"), RFC 8446 4.1.3. */
    private static final byte[] HELLO_RETRY_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Extension(int type, byte[] data) {}

    private int legacyVersion = ProtocolVersion.TLS12.code();
    private byte[] random;
    private byte[] sessionId = new byte[0];
    private int cipherSuite;
    private int compressionMethod;
    private final List<Extension> extensions = new ArrayList<>();
    private boolean extensionsBlock = true;

    private ServerHelloBuilder(int cipherSuite) {
        this.cipherSuite = u16(cipherSuite, "cipher suite");
    }

    /** A TLS 1.2 ServerHello choosing {@code cipherSuite}: legacy_version 0x0303, no extensions until added. */
    public static ServerHelloBuilder tls12(int cipherSuite) {
        return new ServerHelloBuilder(cipherSuite);
    }

    /**
     * A TLS 1.3 ServerHello choosing {@code cipherSuite}: legacy_version 0x0303 and a supported_versions
     * extension naming 0x0304; the key share, which the client needs too, is the caller's ({@link #keyShare}).
     */
    public static ServerHelloBuilder tls13(int cipherSuite) {
        return new ServerHelloBuilder(cipherSuite).supportedVersion(ProtocolVersion.TLS13.code());
    }

    /** The legacy_version field. If unset: 0x0303. */
    public ServerHelloBuilder legacyVersion(int version) {
        this.legacyVersion = u16(version, "legacy_version");
        return this;
    }

    /** The 32-byte random. If unset: 32 fresh random bytes. */
    public ServerHelloBuilder random(byte[] random) {
        if (random.length != 32) {
            throw new IllegalArgumentException("a ServerHello random has 32 bytes, not " + random.length);
        }
        this.random = random.clone();
        return this;
    }

    /**
     * The random of a HelloRetryRequest (RFC 8446 4.1.3): the message then means "send another ClientHello"; its
     * key share is {@link #keyShareRequest}.
     */
    public ServerHelloBuilder helloRetryRequest() {
        return random(HELLO_RETRY_RANDOM);
    }

    /** The legacy_session_id_echo (TLS 1.3) or session_id (TLS 1.2), 0 to 32 bytes. If unset: empty. */
    public ServerHelloBuilder sessionId(byte[] sessionId) {
        if (sessionId.length > 255) {
            throw new IllegalArgumentException("a session id fits in 255 bytes, not " + sessionId.length);
        }
        this.sessionId = sessionId.clone();
        return this;
    }

    /** The compression method. If unset: 0 (null). */
    public ServerHelloBuilder compressionMethod(int method) {
        this.compressionMethod = u8(method, "compression method");
        return this;
    }

    /** Appends an extension as given, after those added before. */
    public ServerHelloBuilder extension(int type, byte[] data) {
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("extension " + type + " has " + data.length + " bytes, over 65535");
        }
        extensions.add(new Extension(u16(type, "extension type"), data.clone()));
        return this;
    }

    /** Appends a supported_versions extension selecting {@code version}. */
    public ServerHelloBuilder supportedVersion(int version) {
        u16(version, "version");
        return extension(SUPPORTED_VERSIONS, new byte[] {(byte) (version >> 8), (byte) version});
    }

    /** Appends a key_share extension: the server's share for {@code group} (RFC 8446 4.2.8). */
    public ServerHelloBuilder keyShare(int group, byte[] keyExchange) {
        u16(group, "group");
        if (keyExchange.length > 0xFFFF) {
            throw new IllegalArgumentException("a key share fits in 65535 bytes, not " + keyExchange.length);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        put16(b, group);
        put16(b, keyExchange.length);
        b.writeBytes(keyExchange);
        return extension(KEY_SHARE, b.toByteArray());
    }

    /**
     * Appends the key_share extension of a HelloRetryRequest: only the group the client is to send a share for
     * (RFC 8446 4.2.8).
     */
    public ServerHelloBuilder keyShareRequest(int group) {
        u16(group, "group");
        return extension(KEY_SHARE, new byte[] {(byte) (group >> 8), (byte) group});
    }

    /**
     * Leaves the extensions block out altogether when there are no extensions (a TLS 1.2 ServerHello may end after
     * the compression method). If unset: the block is written, with length 0 when empty.
     */
    public ServerHelloBuilder omitEmptyExtensions() {
        this.extensionsBlock = false;
        return this;
    }

    /** The handshake message: type server_hello, a 3-byte length, then the body. */
    public byte[] message() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        put16(body, legacyVersion);
        body.writeBytes(random != null ? random : fresh());
        body.write(sessionId.length);
        body.writeBytes(sessionId);
        put16(body, cipherSuite);
        body.write(compressionMethod);
        if (extensionsBlock || !extensions.isEmpty()) {
            ByteArrayOutputStream ext = new ByteArrayOutputStream();
            for (Extension e : extensions) {
                put16(ext, e.type());
                put16(ext, e.data().length);
                ext.writeBytes(e.data());
            }
            put16(body, ext.size());
            body.writeBytes(ext.toByteArray());
        }
        return HandshakeType.SERVER_HELLO.message(body.toByteArray());
    }

    /** {@link #message()} in one plaintext handshake record (version 0x0303). */
    public byte[] record() {
        return plaintextRecord(ContentType.HANDSHAKE, message());
    }

    /**
     * One plaintext record: content type, version 0x0303, a 2-byte length, {@code fragment}. (Until the wire
     * package has its record writer.)
     */
    private static byte[] plaintextRecord(ContentType type, byte[] fragment) {
        if (fragment.length > 0xFFFF) {
            throw new IllegalArgumentException("a record fragment fits in 65535 bytes, not " + fragment.length);
        }
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(type.code());
        put16(r, ProtocolVersion.TLS12.code());
        put16(r, fragment.length);
        r.writeBytes(fragment);
        return r.toByteArray();
    }

    private static byte[] fresh() {
        byte[] r = new byte[32];
        RANDOM.nextBytes(r);
        return r;
    }

    private static void put16(ByteArrayOutputStream b, int v) {
        b.write(v >> 8);
        b.write(v);
    }

    private static int u16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + v + " does not fit in 2 bytes");
        }
        return v;
    }

    private static int u8(int v, String what) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(what + " " + v + " does not fit in 1 byte");
        }
        return v;
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
