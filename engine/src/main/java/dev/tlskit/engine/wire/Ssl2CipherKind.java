package dev.tlskit.engine.wire;

/**
 * The SSL 2.0 cipher kinds (three-byte codes of an SSLv2 CLIENT-HELLO's cipher specs; the SSL 2.0 draft,
 * appendix C). A v2-compatible ClientHello lists TLS suites as {@code 0x00XXYY}; these are the rest.
 */
public enum Ssl2CipherKind implements CodePoint {
    RC4_128_WITH_MD5(0x010080, 128, false),
    RC4_128_EXPORT40_WITH_MD5(0x020080, 40, true),
    RC2_128_CBC_WITH_MD5(0x030080, 128, false),
    RC2_128_CBC_EXPORT40_WITH_MD5(0x040080, 40, true),
    IDEA_128_CBC_WITH_MD5(0x050080, 128, false),
    DES_64_CBC_WITH_MD5(0x060040, 56, false),
    DES_192_EDE3_CBC_WITH_MD5(0x0700C0, 168, false);

    private final int code;
    private final int keyBits;
    private final boolean export;

    Ssl2CipherKind(int code, int keyBits, boolean export) {
        this.code = code;
        this.keyBits = keyBits;
        this.export = export;
    }

    public int code() {
        return code;
    }

    /** Effective key bits (40 for the export kinds). */
    public int keyBits() {
        return keyBits;
    }

    public boolean isExport() {
        return export;
    }

    /** The registry name with its prefix: {@code SSL_CK_RC4_128_WITH_MD5}. */
    public String standardName() {
        return "SSL_CK_" + name();
    }

    /** The kind with this three-byte code, or null. */
    public static Ssl2CipherKind of(int code) {
        return CodePoint.find(values(), code);
    }
}
