package dev.tlskit.engine.wire;

import java.util.List;
import java.util.Locale;

/**
 * The IANA TLS Supported Groups registry (RFC 8422, 7919, 8446, 8734, 9367, draft-ietf-tls-mlkem and
 * draft-ietf-tls-ecdhe-mlkem; code points as Bouncy Castle 1.84's {@code NamedGroup} has them).
 *
 * <p>Names: {@link #ianaName()} is the registry's ({@code secp256r1}, {@code X25519MLKEM768}) and what the JSSE
 * providers take ({@link #jsseName()}); {@link #displayName()} is how tlskit prints a group ({@code SECP256R1},
 * {@code X25519}: the seed's "SSL curve name is X25519"); {@link #opensslNames()} are OpenSSL's spellings
 * ({@code P-256}, {@code prime256v1}). {@link #named(String)} takes any of them, in any case.
 */
public enum NamedGroup implements CodePoint {
    SECT163K1(0x0001, "sect163k1", Kind.EC, -1, -1, "K-163"),
    SECT163R1(0x0002, "sect163r1", Kind.EC, -1, -1),
    SECT163R2(0x0003, "sect163r2", Kind.EC, -1, -1, "B-163"),
    SECT193R1(0x0004, "sect193r1", Kind.EC, -1, -1),
    SECT193R2(0x0005, "sect193r2", Kind.EC, -1, -1),
    SECT233K1(0x0006, "sect233k1", Kind.EC, -1, -1, "K-233"),
    SECT233R1(0x0007, "sect233r1", Kind.EC, -1, -1, "B-233"),
    SECT239K1(0x0008, "sect239k1", Kind.EC, -1, -1),
    SECT283K1(0x0009, "sect283k1", Kind.EC, -1, -1, "K-283"),
    SECT283R1(0x000A, "sect283r1", Kind.EC, -1, -1, "B-283"),
    SECT409K1(0x000B, "sect409k1", Kind.EC, -1, -1, "K-409"),
    SECT409R1(0x000C, "sect409r1", Kind.EC, -1, -1, "B-409"),
    SECT571K1(0x000D, "sect571k1", Kind.EC, -1, -1, "K-571"),
    SECT571R1(0x000E, "sect571r1", Kind.EC, -1, -1, "B-571"),
    SECP160K1(0x000F, "secp160k1", Kind.EC, 41, 41),
    SECP160R1(0x0010, "secp160r1", Kind.EC, 41, 41),
    SECP160R2(0x0011, "secp160r2", Kind.EC, 41, 41),
    SECP192K1(0x0012, "secp192k1", Kind.EC, 49, 49),
    SECP192R1(0x0013, "secp192r1", Kind.EC, 49, 49, "P-192", "prime192v1"),
    SECP224K1(0x0014, "secp224k1", Kind.EC, 57, 57),
    SECP224R1(0x0015, "secp224r1", Kind.EC, 57, 57, "P-224"),
    SECP256K1(0x0016, "secp256k1", Kind.EC, 65, 65),
    SECP256R1(0x0017, "secp256r1", Kind.EC, 65, 65, "P-256", "prime256v1", "P256"),
    SECP384R1(0x0018, "secp384r1", Kind.EC, 97, 97, "P-384", "P384"),
    SECP521R1(0x0019, "secp521r1", Kind.EC, 133, 133, "P-521", "P521"),
    BRAINPOOLP256R1(0x001A, "brainpoolP256r1", Kind.EC, 65, 65),
    BRAINPOOLP384R1(0x001B, "brainpoolP384r1", Kind.EC, 97, 97),
    BRAINPOOLP512R1(0x001C, "brainpoolP512r1", Kind.EC, 129, 129),
    X25519(0x001D, "x25519", Kind.XDH, 32, 32, "X25519"),
    X448(0x001E, "x448", Kind.XDH, 56, 56, "X448"),
    BRAINPOOLP256R1TLS13(0x001F, "brainpoolP256r1tls13", Kind.EC, 65, 65),
    BRAINPOOLP384R1TLS13(0x0020, "brainpoolP384r1tls13", Kind.EC, 97, 97),
    BRAINPOOLP512R1TLS13(0x0021, "brainpoolP512r1tls13", Kind.EC, 129, 129),
    GC256A(0x0022, "GC256A", Kind.EC, -1, -1),
    GC256B(0x0023, "GC256B", Kind.EC, -1, -1),
    GC256C(0x0024, "GC256C", Kind.EC, -1, -1),
    GC256D(0x0025, "GC256D", Kind.EC, -1, -1),
    GC512A(0x0026, "GC512A", Kind.EC, -1, -1),
    GC512B(0x0027, "GC512B", Kind.EC, -1, -1),
    GC512C(0x0028, "GC512C", Kind.EC, -1, -1),
    CURVESM2(0x0029, "curveSM2", Kind.EC, 65, 65),
    FFDHE2048(0x0100, "ffdhe2048", Kind.FFDHE, 256, 256),
    FFDHE3072(0x0101, "ffdhe3072", Kind.FFDHE, 384, 384),
    FFDHE4096(0x0102, "ffdhe4096", Kind.FFDHE, 512, 512),
    FFDHE6144(0x0103, "ffdhe6144", Kind.FFDHE, 768, 768),
    FFDHE8192(0x0104, "ffdhe8192", Kind.FFDHE, 1024, 1024),
    MLKEM512(0x0200, "MLKEM512", Kind.KEM, 800, 768),
    MLKEM768(0x0201, "MLKEM768", Kind.KEM, 1184, 1088),
    MLKEM1024(0x0202, "MLKEM1024", Kind.KEM, 1568, 1568),
    SECP256R1MLKEM768(0x11EB, "SecP256r1MLKEM768", Kind.HYBRID_KEM, 65 + 1184, 65 + 1088),
    X25519MLKEM768(0x11EC, "X25519MLKEM768", Kind.HYBRID_KEM, 1184 + 32, 1088 + 32),
    SECP384R1MLKEM1024(0x11ED, "SecP384r1MLKEM1024", Kind.HYBRID_KEM, 97 + 1568, 97 + 1568),
    CURVESM2MLKEM768(0x11EE, "curveSM2MLKEM768", Kind.HYBRID_KEM, 65 + 1184, 65 + 1088),
    ARBITRARY_EXPLICIT_PRIME_CURVES(0xFF01, "arbitrary_explicit_prime_curves", Kind.EXPLICIT, -1, -1),
    ARBITRARY_EXPLICIT_CHAR2_CURVES(0xFF02, "arbitrary_explicit_char2_curves", Kind.EXPLICIT, -1, -1);

    /** What sort of key exchange the group is. */
    public enum Kind {
        /** Elliptic-curve Diffie-Hellman over a named (prime or binary) curve. */
        EC,
        /** X25519, X448 (RFC 7748). */
        XDH,
        /** Finite-field Diffie-Hellman (RFC 7919). */
        FFDHE,
        /** A post-quantum KEM alone (ML-KEM). */
        KEM,
        /** A classical ECDH share concatenated with an ML-KEM one. */
        HYBRID_KEM,
        /** TLS 1.2's explicit curve parameters (deprecated by RFC 8422). */
        EXPLICIT
    }

    private static final List<NamedGroup> USUAL = List.of(X25519, SECP256R1, SECP384R1, SECP521R1, X448,
            FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192);

    /** The ML-KEM groups Bouncy Castle 1.84 implements, hybrids first. */
    private static final List<NamedGroup> POST_QUANTUM = List.of(X25519MLKEM768, SECP256R1MLKEM768,
            SECP384R1MLKEM1024, MLKEM512, MLKEM768, MLKEM1024);

    /**
     * What a client offers by default where the provider has the hybrids, as browsers, OpenSSL 3.5, Go and rustls
     * do in 2026: X25519MLKEM768 first, then the classical groups (the FFDHE groups above 4096 bits left out, as
     * Bouncy Castle's own defaults do: they cost seconds of CPU for nothing a client needs).
     */
    private static final List<NamedGroup> CLIENT_DEFAULTS = List.of(X25519MLKEM768, X25519, SECP256R1, SECP384R1,
            SECP521R1, X448, FFDHE2048, FFDHE3072, FFDHE4096);

    /** A server's default: every hybrid first (it takes the first of these the client offers), then the classics. */
    private static final List<NamedGroup> SERVER_DEFAULTS = List.of(X25519MLKEM768, SECP256R1MLKEM768,
            SECP384R1MLKEM1024, X25519, SECP256R1, SECP384R1, SECP521R1, X448, FFDHE2048, FFDHE3072, FFDHE4096);

    private final int code;
    private final String ianaName;
    private final Kind kind;
    private final int clientShareLength;
    private final int serverShareLength;
    private final List<String> opensslNames;

    NamedGroup(int code, String ianaName, Kind kind, int clientShareLength, int serverShareLength,
            String... opensslNames) {
        this.code = code;
        this.ianaName = ianaName;
        this.kind = kind;
        this.clientShareLength = clientShareLength;
        this.serverShareLength = serverShareLength;
        this.opensslNames = List.of(opensslNames);
    }

    public int code() {
        return code;
    }

    /** The registry's name: {@code secp256r1}, {@code x25519}, {@code X25519MLKEM768}. */
    public String ianaName() {
        return ianaName;
    }

    /**
     * The name SunJSSE's {@code jdk.tls.namedGroups} / {@code SSLParameters.setNamedGroups} and BCJSSE's
     * {@code BCSSLParameters.setNamedGroups} take: the registry's name (lower-case for the classic groups).
     */
    public String jsseName() {
        return ianaName;
    }

    /** As tlskit prints it ({@code X25519}, {@code SECP256R1}, {@code X25519MLKEM768}): the IANA name upper-cased. */
    public String displayName() {
        return name();
    }

    /** OpenSSL's spellings where they differ from the IANA name ({@code P-256}, {@code prime256v1}); may be empty. */
    public List<String> opensslNames() {
        return opensslNames;
    }

    /** The name OpenSSL's {@code -groups} takes: its first alias, else the IANA name. */
    public String opensslName() {
        return opensslNames.isEmpty() ? ianaName : opensslNames.get(0);
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes of a ClientHello key_share entry for this group, or -1 when not fixed (or not usable in TLS 1.3). */
    public int clientShareLength() {
        return clientShareLength;
    }

    /** Bytes of the ServerHello key_share entry (a KEM ciphertext for ML-KEM), or -1 when not fixed. */
    public int serverShareLength() {
        return serverShareLength;
    }

    /** Whether the group carries an ML-KEM part (pure or hybrid). */
    public boolean postQuantum() {
        return kind == Kind.KEM || kind == Kind.HYBRID_KEM;
    }

    /** The group with this code point, or null (GREASE values and unassigned codes). */
    public static NamedGroup of(int code) {
        return CodePoint.find(values(), code);
    }

    /**
     * The group named {@code name} by any of its names, case-insensitively ({@code X25519}, {@code x25519},
     * {@code P-256}, {@code prime256v1}, {@code SECP256R1}, {@code x25519mlkem768}), or null.
     */
    public static NamedGroup named(String name) {
        String n = name.trim();
        for (NamedGroup g : values()) {
            if (g.ianaName.equalsIgnoreCase(n) || g.name().equalsIgnoreCase(n)) {
                return g;
            }
            for (String alias : g.opensslNames) {
                if (alias.equalsIgnoreCase(n)) {
                    return g;
                }
            }
        }
        return null;
    }

    /** The display name of {@code code} ({@code X25519}), or {@code 0xNNNN} when unassigned. */
    public static String nameOf(int code) {
        NamedGroup g = of(code);
        return g != null ? g.displayName() : String.format("0x%04X", code);
    }

    /**
     * The groups every provider tlskit runs on implements (SunJSSE 17+ and BCJSSE): what an error message lists
     * as "known", in tlskit's default preference order.
     */
    public static List<NamedGroup> usual() {
        return USUAL;
    }

    /** The JSSE names of {@link #usual()}: {@code x25519, secp256r1, ...}. */
    public static List<String> usualNames() {
        return USUAL.stream().map(NamedGroup::jsseName).toList();
    }

    /**
     * The post-quantum groups tlskit can run (on the bc provider, or a JDK whose JSSE has them), in the order an
     * error message lists them: {@code X25519MLKEM768, SecP256r1MLKEM768, ...}.
     */
    public static List<NamedGroup> postQuantumGroups() {
        return POST_QUANTUM;
    }

    /**
     * What an error message lists as known: the JSSE names of {@link #usual()}, then of {@link #postQuantumGroups()}
     * ({@code x25519, ..., ffdhe8192, X25519MLKEM768, ..., MLKEM1024}).
     */
    public static String listedNames() {
        List<String> names = new java.util.ArrayList<>(usualNames());
        POST_QUANTUM.forEach(g -> names.add(g.jsseName()));
        return String.join(", ", names);
    }

    /**
     * The groups an endpoint offers (client) or accepts in this order of preference (server) when none are
     * configured and its provider has the hybrids: X25519MLKEM768 first.
     */
    public static List<NamedGroup> hybridDefaults(boolean client) {
        return client ? CLIENT_DEFAULTS : SERVER_DEFAULTS;
    }

    /** The SEC 2 prime curve {@code secpNNNr1} with this field size in bits (256, 384, 521), or null. */
    public static NamedGroup primeCurveOfFieldSize(int bits) {
        return switch (bits) {
            case 256 -> SECP256R1;
            case 384 -> SECP384R1;
            case 521 -> SECP521R1;
            default -> null;
        };
    }
}
