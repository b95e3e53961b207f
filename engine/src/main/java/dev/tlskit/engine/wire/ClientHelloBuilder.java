package dev.tlskit.engine.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    // Code points this builder writes itself. They move to the registries (ExtensionType, NamedGroup,
    // CipherSuite, SignatureScheme) once those exist; no other class should copy them.
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_EC_POINT_FORMATS = 11;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_ALPN = 16;
    private static final int EXT_EXTENDED_MASTER_SECRET = 23;
    private static final int EXT_PRE_SHARED_KEY = 41;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_PSK_KEY_EXCHANGE_MODES = 45;
    private static final int EXT_KEY_SHARE = 51;
    private static final int EXT_RENEGOTIATION_INFO = 0xFF01;
    private static final int GROUP_SECP256R1 = 23;
    private static final int GROUP_SECP384R1 = 24;
    private static final int GROUP_SECP521R1 = 25;
    private static final int GROUP_X25519 = 29;
    private static final int GROUP_X448 = 30;
    private static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};
    // ECDHE-ECDSA/RSA with AES-GCM and ChaCha20-Poly1305, then the renegotiation SCSV.
    private static final int[] TLS12_SUITES = {0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8, 0x00FF};
    // ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384, ed25519, rsa_pss_rsae_sha256/384/512, rsa_pkcs1_sha256/384
    private static final int[] SIGNATURE_SCHEMES = {0x0403, 0x0503, 0x0807, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501};
    private static final SecureRandom RANDOM = new SecureRandom();

    private int recordVersion = ProtocolVersion.TLS10.code();
    private int legacyVersion = ProtocolVersion.TLS12.code();
    private byte[] random = randomBytes(32);
    private byte[] sessionId = new byte[0];
    private int[] cipherSuites = new int[0];
    private int[] compressionMethods = {0};
    private final List<Extension> extensions = new ArrayList<>();
    private final EnumMap<Length, Integer> lengths = new EnumMap<>(Length.class);
    private final Map<Integer, KeyPair> keyPairs = new HashMap<>();
    private Field truncatedAfter;
    private Integer truncatedAt;

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
        b.sessionId = randomBytes(32);
        b.cipherSuites = concat(TLS13_SUITES, TLS12_SUITES);
        b.supportedGroups(GROUP_X25519, GROUP_SECP256R1, GROUP_SECP384R1);
        b.extension(EXT_EC_POINT_FORMATS, new byte[] {1, 0});
        b.signatureAlgorithms(SIGNATURE_SCHEMES);
        b.extension(EXT_EXTENDED_MASTER_SECRET, new byte[0]);
        b.extension(EXT_RENEGOTIATION_INFO, new byte[] {0});
        b.supportedVersions(ProtocolVersion.TLS13.code(), ProtocolVersion.TLS12.code());
        b.keyShare(GROUP_X25519);
        return b;
    }

    /** A TLS 1.2 client's hello: {@link #tls13()} without the TLS 1.3 suites, supported_versions and key_share. */
    public static ClientHelloBuilder tls12() {
        ClientHelloBuilder b = tls13();
        b.sessionId = new byte[0];
        b.cipherSuites = TLS12_SUITES.clone();
        b.withoutExtension(EXT_SUPPORTED_VERSIONS).withoutExtension(EXT_KEY_SHARE);
        b.keyPairs.clear();
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
        extensions.add(new Extension(u16(type, "extension type"), data.clone(), new int[0], new int[0], new int[0]));
        return this;
    }

    /** Removes every extension of {@code type}. */
    public ClientHelloBuilder withoutExtension(int type) {
        extensions.removeIf(e -> e.type == type);
        if (type == EXT_KEY_SHARE) {
            keyPairs.clear();
        }
        return this;
    }

    /** Removes every extension. */
    public ClientHelloBuilder withoutExtensions() {
        extensions.clear();
        keyPairs.clear();
        return this;
    }

    /** The extension types in wire order. */
    public int[] extensionTypes() {
        return extensions.stream().mapToInt(e -> e.type).toArray();
    }

    /** server_name (RFC 6066) with one host_name. Inner lengths: 0 server_name_list, 1 host_name. */
    public ClientHelloBuilder serverName(String host) {
        Body b = new Body();
        int list = b.open(2);
        b.u8(0);
        int name = b.open(2);
        b.bytes(host.getBytes(StandardCharsets.US_ASCII));
        b.close(name);
        b.close(list);
        return put(EXT_SERVER_NAME, b);
    }

    /** supported_groups (RFC 8446 section 4.2.7). Inner length: 0 named_group_list. */
    public ClientHelloBuilder supportedGroups(int... groups) {
        return put(EXT_SUPPORTED_GROUPS, u16List(groups, "named group"));
    }

    /** signature_algorithms (RFC 8446 section 4.2.3). Inner length: 0 supported_signature_algorithms. */
    public ClientHelloBuilder signatureAlgorithms(int... schemes) {
        return put(EXT_SIGNATURE_ALGORITHMS, u16List(schemes, "signature scheme"));
    }

    /** supported_versions (RFC 8446 section 4.2.1). Inner length: 0 versions (one byte). */
    public ClientHelloBuilder supportedVersions(int... versions) {
        Body b = new Body();
        int list = b.open(1);
        for (int v : versions) {
            b.u16(u16(v, "version"));
        }
        b.close(list);
        return put(EXT_SUPPORTED_VERSIONS, b);
    }

    /**
     * application_layer_protocol_negotiation (RFC 7301). Inner lengths: 0 protocol_name_list, then one per
     * protocol name (one byte each), in order.
     */
    public ClientHelloBuilder alpn(String... protocols) {
        Body b = new Body();
        int list = b.open(2);
        for (String p : protocols) {
            int name = b.open(1);
            b.bytes(p.getBytes(StandardCharsets.US_ASCII));
            b.close(name);
        }
        b.close(list);
        return put(EXT_ALPN, b);
    }

    /** psk_key_exchange_modes (RFC 8446 section 4.2.9), e.g. 1 (psk_dhe_ke). Inner length: 0 ke_modes. */
    public ClientHelloBuilder pskKeyExchangeModes(int... modes) {
        Body b = new Body();
        int list = b.open(1);
        for (int m : modes) {
            b.u8(u8(m, "psk key exchange mode"));
        }
        b.close(list);
        return put(EXT_PSK_KEY_EXCHANGE_MODES, b);
    }

    /**
     * pre_shared_key (RFC 8446 section 4.2.11) with one identity and one binder, taken as given (no binder is
     * computed: a server that knows no such ticket ignores the offer). RFC 8446 wants it last: it is moved to the
     * end. Inner lengths: 0 identities, 1 identity, 2 binders, 3 binder (one byte).
     */
    public ClientHelloBuilder preSharedKey(byte[] identity, long obfuscatedTicketAge, byte[] binder) {
        Body b = new Body();
        int identities = b.open(2);
        int id = b.open(2);
        b.bytes(identity);
        b.close(id);
        b.u16((int) (obfuscatedTicketAge >>> 16) & 0xFFFF);
        b.u16((int) obfuscatedTicketAge & 0xFFFF);
        b.close(identities);
        int binders = b.open(2);
        int one = b.open(1);
        b.bytes(binder);
        b.close(one);
        b.close(binders);
        extensions.removeIf(e -> e.type == EXT_PRE_SHARED_KEY);
        extensions.add(b.extension(EXT_PRE_SHARED_KEY));
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
        Map<Integer, byte[]> shares = new LinkedHashMap<>();
        keyPairs.clear();
        for (int g : groups) {
            KeyPair pair = generate(g);
            keyPairs.put(g, pair);
            shares.put(g, publicBytes(g, pair));
        }
        return putKeyShares(shares);
    }

    /**
     * key_share with the given entries, group to key_exchange bytes, written as they are (invalid points, odd
     * lengths): {@link #keyPair} knows none of them.
     */
    public ClientHelloBuilder keyShareEntries(Map<Integer, byte[]> shares) {
        keyPairs.clear();
        return putKeyShares(shares);
    }

    private ClientHelloBuilder putKeyShares(Map<Integer, byte[]> shares) {
        Body b = new Body();
        int list = b.open(2);
        for (Map.Entry<Integer, byte[]> e : shares.entrySet()) {
            b.u16(u16(e.getKey(), "named group"));
            int key = b.open(2);
            b.bytes(e.getValue());
            b.close(key);
        }
        b.close(list);
        return put(EXT_KEY_SHARE, b);
    }

    /** The key pair behind {@link #keyShare}'s entry for {@code group}, or null. */
    public KeyPair keyPair(int group) {
        return keyPairs.get(group);
    }

    // ------------------------------------------------------------------ lies and cuts

    /** Writes {@code value} into length field {@code field} instead of the true length; the content stays. */
    public ClientHelloBuilder length(Length field, int value) {
        checkWidth(value, field.width(), field.name().toLowerCase(java.util.Locale.ROOT) + " length");
        lengths.put(field, value);
        return this;
    }

    /** Writes {@code value} into the two-byte length of the first extension of {@code type}. */
    public ClientHelloBuilder extensionLength(int type, int value) {
        checkWidth(value, 2, "extension length");
        find(type).declaredLength = value;
        return this;
    }

    /**
     * Writes {@code value} into the {@code index}-th length field inside the first extension of {@code type}, in
     * byte order (each helper's documentation lists them); raw extensions have none.
     */
    public ClientHelloBuilder innerLength(int type, int index, int value) {
        Extension e = find(type);
        if (index < 0 || index >= e.lengthOffsets.length) {
            throw new IllegalArgumentException("extension " + type + " has " + e.lengthOffsets.length
                    + " inner length fields, no index " + index);
        }
        checkWidth(value, e.lengthWidths[index], "inner length");
        write(e.data, e.lengthOffsets[index], e.lengthWidths[index], value);
        return this;
    }

    /**
     * Ends the body after {@code field}, as if the rest were never written; the handshake and record lengths
     * follow the cut unless {@link #length} says otherwise.
     */
    public ClientHelloBuilder truncateAfter(Field field) {
        this.truncatedAfter = field;
        this.truncatedAt = null;
        return this;
    }

    /** Ends the body after {@code bodyBytes} bytes (handshake and record lengths follow, unless overridden). */
    public ClientHelloBuilder truncateAt(int bodyBytes) {
        if (bodyBytes < 0) {
            throw new IllegalArgumentException("truncation point must not be negative: " + bodyBytes);
        }
        this.truncatedAt = bodyBytes;
        this.truncatedAfter = null;
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
            case EXTENSIONS -> extensions.stream().mapToInt(e -> 4 + e.data.length).sum();
        };
    }

    /** The true data length of the first extension of {@code type}. */
    public int extensionLengthOf(int type) {
        return find(type).data.length;
    }

    /** The true value of the {@code index}-th length field inside the first extension of {@code type}. */
    public int innerLengthOf(int type, int index) {
        Extension e = find(type);
        if (index < 0 || index >= e.lengthValues.length) {
            throw new IllegalArgumentException("extension " + type + " has " + e.lengthValues.length
                    + " inner length fields, no index " + index);
        }
        return e.lengthValues[index];
    }

    // ------------------------------------------------------------------ output

    /** The handshake message: type client_hello, the three-byte length, the body. */
    public byte[] handshakeMessage() {
        byte[] body = body();
        int declared = lengths.getOrDefault(Length.HANDSHAKE, body.length);
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
        return r.encode(lengths.getOrDefault(Length.RECORD, message.length));
    }

    /** The message spread over handshake records of at most {@code maxFragment} bytes each. */
    public byte[] records(int maxFragment) {
        return Record.fragment(ContentType.HANDSHAKE.code(), recordVersion, handshakeMessage(), maxFragment);
    }

    private byte[] body() {
        Body b = new Body();
        Map<Field, Integer> ends = new EnumMap<>(Field.class);
        b.u16(legacyVersion);
        ends.put(Field.LEGACY_VERSION, b.size());
        b.bytes(random);
        ends.put(Field.RANDOM, b.size());
        b.u8(lengths.getOrDefault(Length.SESSION_ID, sessionId.length));
        b.bytes(sessionId);
        ends.put(Field.SESSION_ID, b.size());
        b.u16(lengths.getOrDefault(Length.CIPHER_SUITES, cipherSuites.length * 2));
        for (int s : cipherSuites) {
            b.u16(s);
        }
        ends.put(Field.CIPHER_SUITES, b.size());
        b.u8(lengths.getOrDefault(Length.COMPRESSION_METHODS, compressionMethods.length));
        for (int m : compressionMethods) {
            b.u8(m);
        }
        ends.put(Field.COMPRESSION_METHODS, b.size());
        int all = 0;
        for (Extension e : extensions) {
            all += 4 + e.data.length;
        }
        if (!extensions.isEmpty() || lengths.containsKey(Length.EXTENSIONS)) {
            b.u16(lengths.getOrDefault(Length.EXTENSIONS, all));
        }
        ends.put(Field.EXTENSIONS_LENGTH, b.size());
        for (Extension e : extensions) {
            b.u16(e.type);
            b.u16(e.declaredLength >= 0 ? e.declaredLength : e.data.length);
            b.bytes(e.data);
        }
        ends.put(Field.EXTENSIONS, b.size());
        byte[] full = b.toByteArray();
        int cut = truncatedAfter != null ? ends.get(truncatedAfter) : truncatedAt != null ? truncatedAt : full.length;
        return Arrays.copyOf(full, Math.min(cut, full.length));
    }

    // ------------------------------------------------------------------ helpers

    private ClientHelloBuilder put(int type, Body b) {
        Extension e = b.extension(type);
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).type == type) {
                extensions.set(i, e);
                return this;
            }
        }
        extensions.add(e);
        return this;
    }

    private Extension find(int type) {
        for (Extension e : extensions) {
            if (e.type == type) {
                return e;
            }
        }
        throw new IllegalArgumentException("no extension " + type + " in this ClientHello");
    }

    private static Body u16List(int[] values, String what) {
        Body b = new Body();
        int list = b.open(2);
        for (int v : values) {
            b.u16(u16(v, what));
        }
        b.close(list);
        return b;
    }

    private static KeyPair generate(int group) {
        try {
            KeyPairGenerator g;
            switch (group) {
                case GROUP_X25519 -> g = KeyPairGenerator.getInstance("X25519");
                case GROUP_X448 -> g = KeyPairGenerator.getInstance("X448");
                case GROUP_SECP256R1, GROUP_SECP384R1, GROUP_SECP521R1 -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(group == GROUP_SECP256R1 ? "secp256r1"
                            : group == GROUP_SECP384R1 ? "secp384r1" : "secp521r1"));
                }
                default -> throw new IllegalArgumentException("no key generation for named group " + group
                        + "; use keyShareEntries for raw bytes");
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a key for named group " + group, e);
        }
    }

    /** The key_exchange bytes: the raw u-coordinate (RFC 7748) or the uncompressed point (RFC 8446 4.2.8.2). */
    private static byte[] publicBytes(int group, KeyPair pair) {
        if (group == GROUP_X25519 || group == GROUP_X448) {
            byte[] spki = pair.getPublic().getEncoded();
            int n = group == GROUP_X25519 ? 32 : 56;
            return Arrays.copyOfRange(spki, spki.length - n, spki.length);
        }
        ECPublicKey key = (ECPublicKey) pair.getPublic();
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] out = new byte[1 + 2 * size];
        out[0] = 4;
        unsigned(key.getW().getAffineX(), out, 1, size);
        unsigned(key.getW().getAffineY(), out, 1 + size, size);
        return out;
    }

    private static void unsigned(BigInteger v, byte[] out, int off, int size) {
        byte[] b = v.toByteArray();
        int skip = b.length > size ? b.length - size : 0;
        System.arraycopy(b, skip, out, off + size - (b.length - skip), b.length - skip);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int u8(int v, String what) {
        checkWidth(v, 1, what);
        return v;
    }

    private static int u16(int v, String what) {
        checkWidth(v, 2, what);
        return v;
    }

    private static void checkWidth(int v, int width, String what) {
        long max = (1L << (8 * width)) - 1;
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range 0.." + max + ": " + v);
        }
    }

    private static void write(byte[] to, int off, int width, int value) {
        for (int i = 0; i < width; i++) {
            to[off + i] = (byte) (value >> (8 * (width - 1 - i)));
        }
    }

    /** One extension: its data and where the length fields inside the data sit. */
    private static final class Extension {
        final int type;
        final byte[] data;
        final int[] lengthOffsets;
        final int[] lengthWidths;
        final int[] lengthValues;
        int declaredLength = -1;

        Extension(int type, byte[] data, int[] lengthOffsets, int[] lengthWidths, int[] lengthValues) {
            this.type = type;
            this.data = data;
            this.lengthOffsets = lengthOffsets;
            this.lengthWidths = lengthWidths;
            this.lengthValues = lengthValues;
        }
    }

    /** A byte writer that fills in length prefixes when their content is closed, and remembers where they are. */
    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<int[]> prefixes = new ArrayList<>(); // {offset, width, length once closed}

        void u8(int v) {
            out.write(v);
        }

        void u16(int v) {
            out.write(v >> 8);
            out.write(v);
        }

        void bytes(byte[] b) {
            out.writeBytes(b);
        }

        int size() {
            return out.size();
        }

        /** Reserves a length prefix of {@code width} bytes; returns its handle for {@link #close}. */
        int open(int width) {
            prefixes.add(new int[] {out.size(), width});
            out.writeBytes(new byte[width]);
            return prefixes.size() - 1;
        }

        void close(int handle) {
            int[] p = prefixes.get(handle);
            int length = out.size() - p[0] - p[1];
            checkWidth(length, p[1], "length");
            // written at the end, in toByteArray: the stream cannot be patched in place
            p = new int[] {p[0], p[1], length};
            prefixes.set(handle, p);
        }

        byte[] toByteArray() {
            byte[] patched = out.toByteArray();
            for (int[] p : prefixes) {
                write(patched, p[0], p[1], p.length > 2 ? p[2] : 0);
            }
            return patched;
        }

        Extension extension(int type) {
            byte[] data = toByteArray();
            int[] offsets = new int[prefixes.size()];
            int[] widths = new int[prefixes.size()];
            int[] values = new int[prefixes.size()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = prefixes.get(i)[0];
                widths[i] = prefixes.get(i)[1];
                values[i] = prefixes.get(i)[2];
            }
            return new Extension(type, data, offsets, widths, values);
        }
    }
}
