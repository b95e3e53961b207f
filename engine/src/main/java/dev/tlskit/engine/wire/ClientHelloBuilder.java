package dev.tlskit.engine.wire;

import static dev.tlskit.engine.wire.HelloWriter.u16;
import static dev.tlskit.engine.wire.HelloWriter.u8;

import dev.tlskit.engine.wire.HelloWriter.Written;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a ClientHello (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2) field by field, as a handshake message
 * or as a record: for probes that ask a server what it accepts, and for peers that misbehave on purpose. Every
 * field can be set to any value, every length field can be made to lie ({@link #length}, {@link #extensionLength},
 * {@link #innerLength}) and the message can be cut at a field boundary ({@link #truncateAfter}): the builder
 * checks ranges, never sense.
 *
 * <p>Start from {@link #tls13()} or {@link #tls12()} (what a current client sends) or {@link #empty()}.
 * Extensions go out in the order they were added. The helpers ({@link #serverName}, {@link #supportedGroups},
 * {@link #keyShare}...) replace the extension of their type where it is, or append it; {@link #extension} always
 * appends, so a second one of a type is a duplicate, on purpose. Key shares made by {@link #keyShare} hold real
 * public keys (JDK {@code KeyPairGenerator}), so a server really proceeds; {@link #keyPair} gives the private half.
 *
 * <p>Not thread-safe; each output method builds afresh from the current fields.
 */
public final class ClientHelloBuilder {
    /** A length field of the message or its record; {@link #length} overrides it. */
    public enum Length {
        /** The record header's two-byte length. */
        RECORD(2),
        /** The handshake header's three-byte length. */
        HANDSHAKE(3),
        SESSION_ID(1),
        CIPHER_SUITES(2),
        COMPRESSION_METHODS(1),
        /** The two-byte length of the whole extensions block. */
        EXTENSIONS(2);

        private final int width;

        Length(int width) {
            this.width = width;
        }

        /** Bytes in the field. */
        public int width() {
            return width;
        }
    }

    /** The fields of the ClientHello body in wire order, for {@link #truncateAfter}. */
    public enum Field {
        LEGACY_VERSION,
        RANDOM,
        /** The session id with its length byte. */
        SESSION_ID,
        CIPHER_SUITES,
        COMPRESSION_METHODS,
        /** Only the two length bytes of the extensions block, no extension. */
        EXTENSIONS_LENGTH,
        EXTENSIONS
    }

    private int recordVersion = ProtocolVersion.TLS10.code();
    private int legacyVersion = ProtocolVersion.TLS12.code();
    private byte[] random = HelloPresets.randomBytes(32);
    private byte[] sessionId = new byte[0];
    private int[] cipherSuites = new int[0];
    private int[] compressionMethods = {0};
    private final HelloExtensionList extensions = new HelloExtensionList();
    private final HelloDistortions distortions = new HelloDistortions();

    private ClientHelloBuilder() {}

    /** Legacy version 1.2, a fresh random, no session id, no suites, the null compression method, no extension. */
    public static ClientHelloBuilder empty() {
        return new ClientHelloBuilder();
    }

    /**
     * What a current client sends: TLS 1.3 and 1.2 suites, supported_versions 1.3 and 1.2, groups x25519,
     * secp256r1, secp384r1 with an x25519 key share, the common signature schemes, a 32-byte session id (RFC 8446
     * appendix D.4), ec_point_formats, extended_master_secret and renegotiation_info. No SNI and no ALPN unless
     * added.
     */
    public static ClientHelloBuilder tls13() {
        ClientHelloBuilder b = new ClientHelloBuilder();
        b.sessionId = HelloPresets.randomBytes(32);
        b.cipherSuites = HelloPresets.tls13AndTls12Suites();
        b.supportedGroups(NamedGroup.X25519.code(), NamedGroup.SECP256R1.code(), NamedGroup.SECP384R1.code());
        b.extension(ExtensionType.EC_POINT_FORMATS.code(), new byte[] {1, 0});
        b.signatureAlgorithms(HelloPresets.SIGNATURE_SCHEMES);
        b.extension(ExtensionType.EXTENDED_MASTER_SECRET.code(), new byte[0]);
        b.extension(ExtensionType.RENEGOTIATION_INFO.code(), new byte[] {0});
        b.supportedVersions(ProtocolVersion.TLS13.code(), ProtocolVersion.TLS12.code());
        b.keyShare(NamedGroup.X25519.code());
        return b;
    }

    /** A TLS 1.2 client's hello: {@link #tls13()} without the TLS 1.3 suites, supported_versions and key_share. */
    public static ClientHelloBuilder tls12() {
        ClientHelloBuilder b = tls13();
        b.sessionId = new byte[0];
        b.cipherSuites = HelloPresets.TLS12_SUITES.clone();
        // Removing key_share forgets its key pairs too.
        b.withoutExtension(ExtensionType.SUPPORTED_VERSIONS.code()).withoutExtension(ExtensionType.KEY_SHARE.code());
        return b;
    }

    // ------------------------------------------------------------------ fixed fields

    /** The record header's version (default {@code 0x0301}, as RFC 8446 section 5.1 has clients send). */
    public ClientHelloBuilder recordVersion(int version) {
        this.recordVersion = u16(version, "record version");
        return this;
    }

    /** {@code legacy_version} (default {@code 0x0303}). */
    public ClientHelloBuilder legacyVersion(int version) {
        this.legacyVersion = u16(version, "legacy_version");
        return this;
    }

    /** The 32 random bytes (default: fresh from SecureRandom). Any length is written as given. */
    public ClientHelloBuilder random(byte[] random) {
        this.random = random.clone();
        return this;
    }

    /** {@code legacy_session_id} (default: empty; 32 random bytes from {@link #tls13()}). At most 255 bytes. */
    public ClientHelloBuilder sessionId(byte[] sessionId) {
        if (sessionId.length > 0xFF) {
            throw new IllegalArgumentException("session id longer than 255 bytes: " + sessionId.length);
        }
        this.sessionId = sessionId.clone();
        return this;
    }

    /** The cipher suite code points, in preference order. */
    public ClientHelloBuilder cipherSuites(int... suites) {
        for (int s : suites) {
            u16(s, "cipher suite");
        }
        this.cipherSuites = suites.clone();
        return this;
    }

    /** The compression method bytes (default: {@code 0}, null, the only one RFC 8446 allows). */
    public ClientHelloBuilder compressionMethods(int... methods) {
        for (int m : methods) {
            u8(m, "compression method");
        }
        this.compressionMethods = methods.clone();
        return this;
    }

    // ------------------------------------------------------------------ extensions

    /** Appends extension {@code type} with {@code data} as given (a duplicate if the type is already there). */
    public ClientHelloBuilder extension(int type, byte[] data) {
        extensions.append(Written.raw(type, data));
        return this;
    }

    /** Removes every extension of {@code type}. */
    public ClientHelloBuilder withoutExtension(int type) {
        extensions.remove(type);
        return this;
    }

    /** Removes every extension. */
    public ClientHelloBuilder withoutExtensions() {
        extensions.clear();
        return this;
    }

    /** The extension types in wire order. */
    public int[] extensionTypes() {
        return extensions.types();
    }

    /** server_name (RFC 6066) with one host_name. Inner lengths: 0 server_name_list, 1 host_name. */
    public ClientHelloBuilder serverName(String host) {
        return put(HelloExtensions.serverName(host));
    }

    /** supported_groups (RFC 8446 section 4.2.7). Inner length: 0 named_group_list. */
    public ClientHelloBuilder supportedGroups(int... groups) {
        return put(HelloExtensions.u16List(ExtensionType.SUPPORTED_GROUPS, groups, "named group"));
    }

    /** signature_algorithms (RFC 8446 section 4.2.3). Inner length: 0 supported_signature_algorithms. */
    public ClientHelloBuilder signatureAlgorithms(int... schemes) {
        return put(HelloExtensions.u16List(ExtensionType.SIGNATURE_ALGORITHMS, schemes, "signature scheme"));
    }

    /** supported_versions (RFC 8446 section 4.2.1). Inner length: 0 versions (one byte). */
    public ClientHelloBuilder supportedVersions(int... versions) {
        return put(HelloExtensions.supportedVersions(versions));
    }

    /**
     * application_layer_protocol_negotiation (RFC 7301). Inner lengths: 0 protocol_name_list, then one per
     * protocol name (one byte each), in order.
     */
    public ClientHelloBuilder alpn(String... protocols) {
        return put(HelloExtensions.alpn(protocols));
    }

    /** psk_key_exchange_modes (RFC 8446 section 4.2.9), e.g. 1 (psk_dhe_ke). Inner length: 0 ke_modes. */
    public ClientHelloBuilder pskKeyExchangeModes(int... modes) {
        return put(HelloExtensions.pskKeyExchangeModes(modes));
    }

    /**
     * pre_shared_key (RFC 8446 section 4.2.11) with one identity and one binder, taken as given (no binder is
     * computed: a server that knows no such ticket ignores the offer). RFC 8446 wants it last: it is moved to the
     * end. Inner lengths: 0 identities, 1 identity, 2 binders, 3 binder (one byte).
     */
    public ClientHelloBuilder preSharedKey(byte[] identity, long obfuscatedTicketAge, byte[] binder) {
        extensions.putLast(HelloExtensions.preSharedKey(identity, obfuscatedTicketAge, binder));
        return this;
    }

    /**
     * key_share (RFC 8446 section 4.2.8) with a fresh real key per group, in order: x25519 (29), x448 (30),
     * secp256r1 (23), secp384r1 (24), secp521r1 (25). Inner lengths: 0 client_shares, then each entry's
     * key_exchange, in order.
     *
     * @throws IllegalArgumentException for a group this builder cannot make keys for
     */
    public ClientHelloBuilder keyShare(int... groups) {
        extensions.keyShare(groups);
        return this;
    }

    /**
     * key_share with the given entries, group to key_exchange bytes, written as they are (invalid points, odd
     * lengths): {@link #keyPair} knows none of them.
     */
    public ClientHelloBuilder keyShareEntries(Map<Integer, byte[]> shares) {
        extensions.keyShareEntries(shares);
        return this;
    }

    /** The key pair behind {@link #keyShare}'s entry for {@code group}, or null. */
    public KeyPair keyPair(int group) {
        return extensions.keyPair(group);
    }

    // ------------------------------------------------------------------ lies and cuts

    /** Writes {@code value} into length field {@code field} instead of the true length; the content stays. */
    public ClientHelloBuilder length(Length field, int value) {
        distortions.length(field, value);
        return this;
    }

    /** Writes {@code value} into the two-byte length of the first extension of {@code type}. */
    public ClientHelloBuilder extensionLength(int type, int value) {
        HelloDistortions.extensionLength(extensions.find(type), value);
        return this;
    }

    /**
     * Writes {@code value} into the {@code index}-th length field inside the first extension of {@code type}, in
     * byte order (each helper's documentation lists them); raw extensions have none.
     */
    public ClientHelloBuilder innerLength(int type, int index, int value) {
        HelloDistortions.innerLength(extensions.find(type), index, value);
        return this;
    }

    /**
     * Ends the body after {@code field}, as if the rest were never written; the handshake and record lengths
     * follow the cut unless {@link #length} says otherwise.
     */
    public ClientHelloBuilder truncateAfter(Field field) {
        distortions.truncateAfter(field);
        return this;
    }

    /** Ends the body after {@code bodyBytes} bytes (handshake and record lengths follow, unless overridden). */
    public ClientHelloBuilder truncateAt(int bodyBytes) {
        distortions.truncateAt(bodyBytes);
        return this;
    }

    /**
     * The true value of {@code field} for the current fields (after a truncation, for {@code HANDSHAKE} and
     * {@code RECORD}), whatever {@link #length} writes instead: the base for a length that is off by one.
     */
    public int lengthOf(Length field) {
        return switch (field) {
            case RECORD -> handshakeMessage().length;
            case HANDSHAKE -> body().length;
            case SESSION_ID -> sessionId.length;
            case CIPHER_SUITES -> cipherSuites.length * 2;
            case COMPRESSION_METHODS -> compressionMethods.length;
            case EXTENSIONS -> extensions.length();
        };
    }

    /** The true data length of the first extension of {@code type}. */
    public int extensionLengthOf(int type) {
        return extensions.find(type).data.length;
    }

    /** The true value of the {@code index}-th length field inside the first extension of {@code type}. */
    public int innerLengthOf(int type, int index) {
        return HelloDistortions.innerLengthOf(extensions.find(type), index);
    }

    // ------------------------------------------------------------------ output

    /** The handshake message: type client_hello, the three-byte length, the body. */
    public byte[] handshakeMessage() {
        byte[] body = body();
        int declared = distortions.declared(Length.HANDSHAKE, body.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.write(HandshakeType.CLIENT_HELLO.code());
        out.write(declared >> 16);
        out.write(declared >> 8);
        out.write(declared);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /**
     * The message in one handshake record (however long: 2^14 is the reader's limit to enforce), with the record
     * length override if one is set.
     */
    public byte[] record() {
        byte[] message = handshakeMessage();
        Record r = new Record(ContentType.HANDSHAKE.code(), recordVersion, message);
        return r.encode(distortions.declared(Length.RECORD, message.length));
    }

    /** The message spread over handshake records of at most {@code maxFragment} bytes each. */
    public byte[] records(int maxFragment) {
        return Record.fragment(ContentType.HANDSHAKE.code(), recordVersion, handshakeMessage(), maxFragment);
    }

    private byte[] body() {
        HelloWriter b = new HelloWriter();
        Map<Field, Integer> ends = new EnumMap<>(Field.class);
        b.u16(legacyVersion);
        ends.put(Field.LEGACY_VERSION, b.size());
        b.bytes(random);
        ends.put(Field.RANDOM, b.size());
        b.u8(distortions.declared(Length.SESSION_ID, sessionId.length));
        b.bytes(sessionId);
        ends.put(Field.SESSION_ID, b.size());
        b.u16(distortions.declared(Length.CIPHER_SUITES, cipherSuites.length * 2));
        for (int s : cipherSuites) {
            b.u16(s);
        }
        ends.put(Field.CIPHER_SUITES, b.size());
        b.u8(distortions.declared(Length.COMPRESSION_METHODS, compressionMethods.length));
        for (int m : compressionMethods) {
            b.u8(m);
        }
        ends.put(Field.COMPRESSION_METHODS, b.size());
        if (!extensions.isEmpty() || distortions.overrides(Length.EXTENSIONS)) {
            b.u16(distortions.declared(Length.EXTENSIONS, extensions.length()));
        }
        ends.put(Field.EXTENSIONS_LENGTH, b.size());
        extensions.writeTo(b);
        ends.put(Field.EXTENSIONS, b.size());
        return distortions.cut(b.toByteArray(), ends);
    }

    private ClientHelloBuilder put(Written e) {
        extensions.put(e);
        return this;
    }
}
