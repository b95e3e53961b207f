package dev.tlskit.engine.wire;

/** Protocol versions as they appear on the wire (record layer, legacy_version, supported_versions). */
public enum ProtocolVersion implements CodePoint {
    SSL2(0x0002, "SSL 2.0"),
    SSL3(0x0300, "SSL 3.0"),
    TLS10(0x0301, "TLS 1.0"),
    TLS11(0x0302, "TLS 1.1"),
    TLS12(0x0303, "TLS 1.2"),
    TLS13(0x0304, "TLS 1.3"),
    DTLS10(0xFEFF, "DTLS 1.0"),
    DTLS12(0xFEFD, "DTLS 1.2"),
    DTLS13(0xFEFC, "DTLS 1.3");

    private final int code;
    private final String displayName;

    ProtocolVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    /** {@code TLS 1.2}. */
    public String displayName() {
        return displayName;
    }

    public boolean isDatagram() {
        return (code >> 8) == 0xFE;
    }

    public static ProtocolVersion of(int code) {
        return CodePoint.find(values(), code);
    }

    /** The display name of {@code code}, or {@code 0xNNNN}. */
    public static String nameOf(int code) {
        ProtocolVersion v = of(code);
        return v != null ? v.displayName : String.format("0x%04X", code);
    }
}
